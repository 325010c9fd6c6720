"""Seeded price paths, generated top-down: sessions first, then the minutes inside them.

Every number comes from the instrument's key and a date (see ``seeds.uniforms``), never from
the day before, so any session can be produced alone and in any order, and a session's
values do not depend on which range asked for it.

Sessions (``day_paths``), for many at once at a constant cost per session:

- a day-level anchor ``level(d)`` = reference price x exp(slow waves + daily noise);
- the session opens near ``level(d)`` and closes at ``level(d + 1 day)``, so the next
  session opens about where this one closed (weekends and holidays gap, as markets do);
- in between, the price where one trading window hands over to the next is a Brownian
  bridge sampled at the windows' minute counts, and each window's high and low are drawn
  from the law of a Brownian bridge's maximum and minimum between its open and close.

Minutes (``minute_paths``) are then conditioned on their window: a random walk with wicks,
bridged from the window's open to its close and pinned where it strays furthest above and
below that line so it reaches the window's high and low; the window's volume is split over
its minutes (core hours busier) so the minutes sum to it exactly. Windows of many sessions
are generated in one pass. Prices are rounded to the tick only at the end and window values
pin the minutes, so a session's bar always equals the aggregate of its minute bars.
"""

import datetime as dt
import functools
import math
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from trade_analyst.adapters.mock.layout import Layout, across, layout_of
from trade_analyst.adapters.mock.seeds import rng_for, seed_of, uniforms
from trade_analyst.adapters.mock.venues import Venue, Window
from trade_analyst.domain.errors import DomainError

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]
    Ints = npt.NDArray[np.int64]

_TRADING_DAYS = 252.0
# (period in days, share of annual volatility): slow swings that give the series trends.
_WAVES = ((365.25, 0.6), (91.0, 0.3), (29.0, 0.15))
_DAILY_NOISE = 0.7  # the anchor's day-to-day noise, in daily standard deviations
_OPEN_GAP = 0.1  # the open's distance from the anchor, in daily standard deviations
_OFF_HOURS_VOLUME = 0.1  # a minute outside core hours trades this share of a core minute
_WICK = 0.6  # how far a minute's high and low reach beyond its body, in minute deviations
# A logistic draw ln(u / (1 - u)) has variance pi^2 / 3; this scales it to 1. Minute and
# daily returns are logistic rather than normal: the same variance with fatter tails, as
# real returns have, for one logarithm per draw.
_LOGISTIC = math.sqrt(3.0) / math.pi
# Counters of the day-level draws: (ordinal << 4) | slot; a session has at most 7 windows.
_SLOT_BITS = 4
_SLOT_DAY = 0  # the open's gap and the session's volume
_SLOT_RANGE = 1  # + window: the window's high and low
_SLOT_BRIDGE = 8  # + window: where the window closes
# Counters of the minute draws: (((ordinal << 3) | window) << 11 | minute) << 1 | half.
_WINDOW_BITS = 3
_MINUTE_BITS = 11  # a window is shorter than 2048 minutes (a Globex day is 1380)


@attrs.frozen
class PathSpec:
    """What a price path depends on: all of it comes from the request, nothing else."""

    key: str
    venue: Venue
    price: float
    volatility: float
    daily_volume: int
    tick: float

    @property
    def daily_deviation(self) -> float:
        return self.volatility / math.sqrt(_TRADING_DAYS)


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


def _tradable(spec: PathSpec, log_prices: "Floats", factor: "Floats") -> "Floats":
    """exp(log price) x factor, rounded to the tick (half to even). Rounding is monotonic,
    so the order of any two prices, and so OHLC consistency, survives it."""
    import numpy as np

    prices = np.exp(log_prices)
    prices *= factor
    per_unit = _ticks_per_unit(spec.tick)
    if per_unit is None:  # whole-number ticks (YM 1, BTC 5): multiply back, exact
        prices /= spec.tick
        np.rint(prices, out=prices)
        prices *= spec.tick
    else:
        prices *= per_unit
        np.rint(prices, out=prices)
        prices /= per_unit
    return prices


def _logistic(unit: "Floats") -> "Floats":
    """A unit-variance logistic draw from a number in (0, 1)."""
    import numpy as np

    return np.log(unit / (1.0 - unit)) * _LOGISTIC


def _sine(turns: "Floats") -> "Floats":
    """sin(2 pi turns) by a polynomial: the same few additions and multiplications, so the
    same result, on every machine (libm sines differ in the last bit), and much faster."""
    import numpy as np

    x = turns - np.rint(turns)  # [-1/2, 1/2] turn
    x = np.where(x > 0.25, 0.5 - x, np.where(x < -0.25, -0.5 - x, x))  # [-1/4, 1/4]
    a = x * (2.0 * math.pi)
    a2 = a * a
    # Taylor series to a^11: error below 6e-8 on [-pi/2, pi/2].
    return a * (1 - a2 / 6 * (1 - a2 / 20 * (1 - a2 / 42 * (1 - a2 / 72 * (1 - a2 / 110)))))


@functools.lru_cache(maxsize=256)
def _phases(key: str) -> tuple[float, ...]:
    rng = rng_for(key, "waves")
    return tuple(rng.uniform(0.0, 1.0) for _ in _WAVES)


def log_levels(spec: PathSpec, ordinals: "Ints") -> "Floats":
    """ln of the anchor price of each day (``date.toordinal()``): waves plus the day's noise."""
    import numpy as np

    days = ordinals.astype(np.float64)
    swing = np.zeros(len(ordinals))
    for (period, share), phase in zip(_WAVES, _phases(spec.key), strict=True):
        swing += share * _sine(days / period + phase)
    noise, _ = uniforms(seed_of(spec.key, "level"), ordinals.astype(np.uint64))
    daily = spec.daily_deviation
    return math.log(spec.price) + spec.volatility * swing + _DAILY_NOISE * daily * _logistic(noise)


@attrs.frozen(eq=False)
class DayPaths:
    """Sessions of one instrument, window by window: arrays are (sessions, windows).

    ``bounds[:, j]`` (ln price) opens window j and ``bounds[:, j + 1]`` closes it;
    ``open``..``volume`` are the windows' tradable values. Padding windows (no minutes)
    hold meaningless values.
    """

    layout: Layout
    step: "Floats"  # (sessions,): a minute's standard deviation of ln price
    factor: "Floats"  # (sessions,): scales every price (a futures contract's carry)
    bounds: "Floats"
    high_log: "Floats"
    low_log: "Floats"
    open: "Floats"
    high: "Floats"
    low: "Floats"
    close: "Floats"
    volume: "Floats"


def day_paths(spec: PathSpec, layout: Layout, factor: "Floats", volume_share: "Floats") -> DayPaths:
    """Every session of ``layout`` at once, priced x ``factor`` (a futures contract's carry)
    and with ``volume_share`` of the volume (a deferred contract trades less)."""
    import numpy as np

    ordinals = layout.ordinals
    minutes = layout.minutes.astype(np.float64)
    sessions, width = minutes.shape
    daily = spec.daily_deviation
    total = across(np.add, minutes)
    step = daily / np.sqrt(np.maximum(total, 1.0))
    variance = step * step

    if sessions:
        first = int(ordinals[0])
        levels = log_levels(spec, np.arange(first, int(ordinals[-1]) + 2, dtype=np.int64))
        anchor, following = levels[ordinals - first], levels[ordinals - first + 1]
    else:
        anchor = following = np.zeros(0)
    seed = seed_of(spec.key, "days")
    counters = ordinals.astype(np.uint64) << np.uint64(_SLOT_BITS)
    gap, volume_draw = uniforms(seed, counters + np.uint64(_SLOT_DAY))

    # Where each window closes: a Brownian bridge from the open to the close of the session,
    # sampled window by window (a padding window closes where the previous one did).
    bounds = np.empty((sessions, width + 1))
    bounds[:, 0] = anchor + _OPEN_GAP * daily * _logistic(gap)
    remaining = total
    for column in range(width):
        count = minutes[:, column]
        left = np.maximum(remaining, 1.0)
        pull = (following - bounds[:, column]) * (count / left)
        spread = np.sqrt(variance * count * (remaining - count) / left)
        draw, _ = uniforms(seed, counters + np.uint64(_SLOT_BRIDGE + column))
        bounds[:, column + 1] = bounds[:, column] + pull + spread * _logistic(draw)
        remaining = remaining - count

    # The window's extremes: P(max > m) = exp(-2 (m - a)(m - b) / var) for a bridge a -> b.
    opens, closes = bounds[:, :-1], bounds[:, 1:]
    middle, half = (opens + closes) / 2.0, (closes - opens) / 2.0
    spread_var = variance[:, None] * minutes / 2.0
    slots = counters[:, None] + np.arange(_SLOT_RANGE, _SLOT_RANGE + width, dtype=np.uint64)
    up, down = uniforms(seed, slots)
    high_log = middle + np.sqrt(half * half - spread_var * np.log(up))
    low_log = middle - np.sqrt(half * half - spread_var * np.log(down))

    core = (layout.core_last - layout.core_first).astype(np.float64)
    weights = core + _OFF_HOURS_VOLUME * (minutes - core)
    per_weight = spec.daily_volume * volume_share * (0.5 + volume_draw)
    per_weight /= np.maximum(across(np.add, weights), 1.0)
    volume = np.floor(weights * per_weight[:, None])

    scale = factor[:, None]
    prices = _tradable(spec, bounds, scale)
    return DayPaths(
        layout,
        step,
        factor,
        bounds,
        high_log,
        low_log,
        prices[:, :-1],
        _tradable(spec, high_log, scale),
        _tradable(spec, low_log, scale),
        prices[:, 1:],
        volume,
    )


@attrs.frozen(eq=False)
class MinutePaths:
    """The minutes of some windows, back to back: window k's minutes are the rows
    ``starts[k]`` to ``starts[k] + counts[k] - 1``. Each window's first open, last close,
    highest high, lowest low and total volume are the window's own values."""

    starts: "Ints"
    counts: "Ints"
    open: "Floats"
    high: "Floats"
    low: "Floats"
    close: "Floats"
    volume: "Floats"


def minute_paths(spec: PathSpec, days: DayPaths, rows: "Ints", columns: "Ints") -> MinutePaths:
    """Every minute of the windows ``(rows[k], columns[k])`` of ``days``.

    Windows are worked on as the rows of (window, minute) arrays, so every sum runs along
    one window only: a minute's value never depends on which other windows were asked for
    with it (a quote's one session and a history's many agree to the last bit).
    """
    import numpy as np

    layout = days.layout
    counts = layout.minutes[rows, columns]
    windows = np.arange(len(counts))
    minute = np.arange(int(counts.max(initial=1)), dtype=np.int64)[None, :]
    exists = minute < counts[:, None]
    last_minute = counts - 1

    base = (layout.ordinals[rows] << _WINDOW_BITS | columns) << _MINUTE_BITS
    counters = (base[:, None] + minute).astype(np.uint64) << np.uint64(1)
    seed = seed_of(spec.key, "minutes")
    move, up = uniforms(seed, counters)
    down, busy = uniforms(seed, counters | np.uint64(1))

    # A walk per window, bridged so it runs from the window's open to its close.
    first = days.bounds[rows, columns][:, None]
    last = days.bounds[rows, columns + 1][:, None]
    step = days.step[rows][:, None]
    walk = np.cumsum(np.where(exists, _logistic(move) * step, 0.0), axis=1)
    walked = walk[windows, last_minute][:, None]
    point = (minute + 1).astype(np.float64)  # the close of minute i is path point i + 1
    size = counts[:, None].astype(np.float64)
    above_line = walk - walked / size * point
    close = first + above_line + (last - first) / size * point
    rise = _WICK * step * up
    fall = _WICK * step * down

    # Pin the walk to the window's extremes: the path point furthest above (below) the
    # straight line from open to close moves so its minute reaches the window's high (low),
    # and the move fades linearly to nothing at the window's ends: a Brownian bridge
    # conditioned on its values at those two points. (Points furthest from the line lie
    # well inside the window, so the moves fade over many minutes.) A last monotonic map
    # onto the range absorbs what is left (wicks of other minutes, a window too short to
    # have an inside point), so the extremes are exact; it moves nothing between the
    # window's open and close.
    high_log = days.high_log[rows, columns][:, None]
    low_log = days.low_log[rows, columns][:, None]
    interior = minute < last_minute[:, None]
    peak_at = np.argmax(np.where(interior, above_line, -np.inf), axis=1)
    trough_at = np.argmin(np.where(interior, above_line, np.inf), axis=1)
    peak_point, trough_point = peak_at + 1, trough_at + 1
    has_inside = counts > 1
    peak_shift = np.where(
        has_inside, high_log[:, 0] - close[windows, peak_at] - rise[windows, peak_at], 0.0
    )
    has_inside &= trough_point != peak_point
    trough_shift = np.where(
        has_inside, low_log[:, 0] - close[windows, trough_at] + fall[windows, trough_at], 0.0
    )
    peak_first = peak_point <= trough_point
    near = np.minimum(peak_point, trough_point)[:, None]
    far = np.maximum(peak_point, trough_point)[:, None]
    near_by = np.where(peak_first, peak_shift, trough_shift)[:, None]
    far_by = np.where(near == far, near_by, np.where(peak_first, trough_shift, peak_shift)[:, None])
    between = (point - near) / np.maximum(far - near, 1)
    close += np.where(
        point <= near,
        near_by * point / near,
        np.where(
            point <= far,
            near_by + (far_by - near_by) * between,
            far_by * (size - point) / np.maximum(size - far, 1),
        ),
    )
    open_ = np.concatenate((first, close[:, :-1]), axis=1)
    high = np.maximum(open_, close) + rise
    low = np.minimum(open_, close) - fall

    top, bottom = np.maximum(first, last), np.minimum(first, last)
    highest = np.where(exists, high, -np.inf)  # padding minutes never count
    lowest = np.where(exists, low, np.inf)
    peaks, troughs = np.argmax(highest, axis=1), np.argmin(lowest, axis=1)
    peak_value, trough_value = highest[windows, peaks][:, None], lowest[windows, troughs][:, None]
    stretch_up = (high_log - top) / np.maximum(peak_value - top, 1e-300)
    stretch_down = (bottom - low_log) / np.maximum(bottom - trough_value, 1e-300)

    def onto_range(values: "Floats") -> "Floats":
        above = top + (values - top) * stretch_up
        below = bottom - (bottom - values) * stretch_down
        return np.where(values > top, above, np.where(values < bottom, below, values))

    close, high, low = onto_range(close), onto_range(high), onto_range(low)

    # Tradable prices; the window's own values pin its ends and extremes, so the minutes
    # aggregate to exactly the window's bar.
    factor = days.factor[rows][:, None]
    window_high = days.high[rows, columns]
    window_low = days.low[rows, columns]

    def priced(values: "Floats") -> "Floats":
        prices = _tradable(spec, values, factor)
        return np.clip(prices, window_low[:, None], window_high[:, None], out=prices)

    close_price = priced(close)
    close_price[windows, last_minute] = days.close[rows, columns]
    open_price = np.concatenate((days.open[rows, columns][:, None], close_price[:, :-1]), axis=1)
    high_price = np.maximum(np.maximum(priced(high), open_price), close_price)
    low_price = np.minimum(np.minimum(priced(low), open_price), close_price)
    high_price[windows, peaks] = window_high
    low_price[windows, troughs] = window_low

    # Split the window's volume over its minutes by weight, in whole units summing to it.
    core_first = layout.core_first[rows, columns][:, None]
    core_last = layout.core_last[rows, columns][:, None]
    in_core = (minute >= core_first) & (minute < core_last)
    weight = np.where(exists, np.where(in_core, 1.0, _OFF_HOURS_VOLUME) * (0.5 + busy), 0.0)
    cumulative = np.cumsum(weight, axis=1)
    volume_total = days.volume[rows, columns]
    allotted = np.floor(
        cumulative / cumulative[windows, last_minute][:, None] * volume_total[:, None]
    )
    allotted[windows, last_minute] = volume_total
    volume = np.diff(allotted, axis=1, prepend=0.0)

    ends = np.cumsum(counts)
    return MinutePaths(
        ends - counts,
        counts,
        open_price[exists],
        high_price[exists],
        low_price[exists],
        close_price[exists],
        volume[exists],
    )


@attrs.frozen
class PricedDay:
    """One session's minutes in tradable prices: ``points[i]`` opens minute i and
    ``points[i + 1]`` closes it (a window's close is the next window's open)."""

    windows: tuple[Window, ...]
    points: tuple[float, ...]
    highs: tuple[float, ...]
    lows: tuple[float, ...]
    volumes: tuple[float, ...]


@functools.lru_cache(maxsize=64)
def priced_day(
    spec: PathSpec, day: dt.date, factor: float = 1.0, volume_share: float = 1.0
) -> PricedDay:
    """Session ``day``'s minutes x ``factor`` with ``volume_share`` of the volume."""
    import numpy as np

    layout = layout_of(spec.venue, day, day)
    if not layout.days:
        raise DomainError(f"{day.isoformat()} is not a session of {spec.venue}")
    paths = day_paths(spec, layout, np.array([factor]), np.array([volume_share]))
    windows = layout.windows[0]
    columns = np.arange(len(windows), dtype=np.int64)
    minutes = minute_paths(spec, paths, np.zeros(len(windows), dtype=np.int64), columns)
    return PricedDay(
        windows,
        (*minutes.open.tolist(), float(minutes.close[-1])),
        tuple(minutes.high.tolist()),
        tuple(minutes.low.tolist()),
        tuple(minutes.volume.tolist()),
    )
