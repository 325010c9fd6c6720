"""The seeded random walk: one 1-minute price path per (instrument, trade date).

Every interval is aggregated from this path, so daily bars always agree with the intraday
bars they summarise. Each day is generated from its own seed (instrument key + date), never
from the day before, so any day can be produced alone and in any order:

- a day-level anchor ``level(d)`` = reference price x exp(slow seeded waves + daily noise);
- the day opens near ``level(d)`` and its path is a Brownian bridge that ends at
  ``level(d + 1 day)``, so the next day opens about where this one closed (weekends and
  holidays gap, as markets do).
"""

import datetime as dt
import functools
import math
from decimal import Decimal

import attrs

from trade_analyst.adapters.mock.seeds import rng_for
from trade_analyst.adapters.mock.venues import Venue, Window, core_hours, windows_of

_TRADING_DAYS = 252.0
_TWO_PI = 2.0 * math.pi
# (period in days, share of annual volatility): slow swings that give the series trends.
_WAVES = ((365.25, 0.6), (91.0, 0.3), (29.0, 0.15))
_DAILY_NOISE = 0.7  # the anchor's day-to-day noise, in daily standard deviations
_OPEN_GAP = 0.1  # the open's distance from the anchor, in daily standard deviations
_OFF_HOURS_VOLUME = 0.1  # share of a core-hours minute's volume outside core hours
_WICK = 0.6  # how far highs and lows reach beyond open/close, in minute deviations
_MINUTE = dt.timedelta(minutes=1)


@attrs.frozen
class PathSpec:
    """What a price path depends on: all of it comes from the request, nothing else."""

    key: str
    venue: Venue
    price: float
    volatility: float
    daily_volume: int
    tick: float


@attrs.frozen
class RawDay:
    """One day's unrounded path: ``points[i]`` opens minute i, ``points[i + 1]`` closes it."""

    windows: tuple[Window, ...]
    points: tuple[float, ...]
    highs: tuple[float, ...]  # per minute, >= 1: how far the high reaches above the body
    lows: tuple[float, ...]  # per minute, <= 1
    volumes: tuple[int, ...]


@attrs.frozen
class PricedDay:
    """One day's path in tradable prices: rounded to the tick, OHLC consistent per minute."""

    windows: tuple[Window, ...]
    points: tuple[float, ...]
    highs: tuple[float, ...]
    lows: tuple[float, ...]
    volumes: tuple[float, ...]


@functools.lru_cache(maxsize=256)
def _phases(key: str) -> tuple[float, ...]:
    rng = rng_for(key, "waves")
    return tuple(rng.uniform(0.0, _TWO_PI) for _ in _WAVES)


def level(spec: PathSpec, day: dt.date) -> float:
    """The anchor price of ``day``: smooth seeded waves plus that day's own noise."""
    t = day.toordinal()
    swing = sum(
        share * math.sin(_TWO_PI * t / period + phase)
        for (period, share), phase in zip(_WAVES, _phases(spec.key), strict=True)
    )
    noise = rng_for(spec.key, "level", day.isoformat()).gauss(0.0, 1.0)
    daily = spec.volatility / math.sqrt(_TRADING_DAYS)
    return spec.price * math.exp(spec.volatility * swing + _DAILY_NOISE * daily * noise)


def _minute_weights(venue: Venue, day: dt.date, windows: tuple[Window, ...]) -> list[float]:
    core_open, core_close = core_hours(venue, day)
    weights: list[float] = []
    for window in windows:
        # Index range of the window's minutes that start inside core hours.
        first = max(0, min(window.minutes, math.ceil((core_open - window.open) / _MINUTE)))
        last = max(0, min(window.minutes, math.ceil((core_close - window.open) / _MINUTE)))
        weights += [_OFF_HOURS_VOLUME] * first
        weights += [1.0] * (last - first)
        weights += [_OFF_HOURS_VOLUME] * (window.minutes - last)
    return weights


@functools.lru_cache(maxsize=64)
def raw_day(spec: PathSpec, day: dt.date) -> RawDay:
    """The day's path from the seed (key, day) alone."""
    windows = windows_of(spec.venue, day)
    minutes = sum(window.minutes for window in windows)
    rng = rng_for(spec.key, "day", day.isoformat())
    daily = spec.volatility / math.sqrt(_TRADING_DAYS)
    start = math.log(level(spec, day)) + rng.gauss(0.0, _OPEN_GAP * daily)
    end = math.log(level(spec, day + dt.timedelta(days=1)))
    step = daily / math.sqrt(max(minutes, 1))
    gauss, random = rng.gauss, rng.random

    walk = [0.0]
    total = 0.0
    for _ in range(minutes):
        total += gauss(0.0, step)
        walk.append(total)
    # Brownian bridge: remove the walk's own drift and add the straight line open -> close.
    slope = (end - start - total) / max(minutes, 1)
    exp = math.exp
    points = tuple(exp(start + w + slope * i) for i, w in enumerate(walk))
    wick = _WICK * step
    highs = tuple(1.0 + wick * random() for _ in range(minutes))
    lows = tuple(1.0 - wick * random() for _ in range(minutes))
    weights = _minute_weights(spec.venue, day, windows)
    per_weight = spec.daily_volume / max(sum(weights), 1.0)
    volumes = tuple(int(per_weight * w * (0.5 + random())) for w in weights)
    return RawDay(windows, points, highs, lows, volumes)


def decimals_of(tick: float) -> int:
    """How many decimal places a tick size has (0.25 -> 2, 5e-05 -> 5)."""
    return max(0, -int(Decimal(repr(tick)).normalize().as_tuple().exponent))


def _ticks_per_unit(tick: float) -> float | None:
    """1 / tick when that is a whole number (0.01 -> 100, 1/64 -> 64), else None.

    Dividing a whole tick count by it gives the float nearest the decimal price in one
    correctly rounded step (12345 / 100 == 123.45), with no second rounding.
    """
    per_unit = round(1.0 / tick)
    return float(per_unit) if per_unit >= 1 and abs(per_unit * tick - 1.0) < 1e-12 else None


@functools.lru_cache(maxsize=64)
def priced_day(
    spec: PathSpec, day: dt.date, factor: float = 1.0, volume_share: float = 1.0
) -> PricedDay:
    """The day's path scaled by ``factor`` (a futures contract's carry) and tick-rounded,
    with ``volume_share`` of the volume (a deferred contract trades less than the front).

    Rounding is monotonic, so open/close stay inside each minute's high/low; highs and lows
    are clamped to the rounded body so a tick never cuts a wick inside it.
    """
    raw = raw_day(spec, day)
    per_unit = _ticks_per_unit(spec.tick)
    if per_unit is None:  # whole-number ticks (YM 1, BTC 5): multiply back, exact
        tick = spec.tick

        def snap(value: float) -> float:
            return float(round(value / tick) * tick)
    else:
        scale = per_unit

        def snap(value: float) -> float:
            return round(value * scale) / scale

    raw_points = raw.points
    points = [snap(p * factor) for p in raw_points]
    highs: list[float] = []
    lows: list[float] = []
    for i, (up, down) in enumerate(zip(raw.highs, raw.lows, strict=True)):
        a, b = raw_points[i], raw_points[i + 1]
        top, bottom = points[i], points[i + 1]
        if a < b:
            a, b = b, a
        if top < bottom:
            top, bottom = bottom, top
        high, low = snap(a * factor * up), snap(b * factor * down)
        highs.append(high if high > top else top)
        lows.append(low if low < bottom else bottom)
    if volume_share == 1.0:
        volumes = tuple(map(float, raw.volumes))
    else:
        volumes = tuple(float(int(v * volume_share)) for v in raw.volumes)
    return PricedDay(raw.windows, tuple(points), tuple(highs), tuple(lows), volumes)
