"""Session and anchored VWAP from intraday bars, with volume-weighted standard-deviation bands.

Bars carry no trades, so a bar VWAP must stand one price in for each bar's volume. The
earlier tool used the typical price (H+L+C)/3 and called the result "intraday_true"; here
the price used is an explicit choice that the output names, and the default is the mean
of the bar's four prices (open and close are real trades; the extremes are not where most
of a bar's volume trades).
"""

import datetime as dt
import math
from collections.abc import Sequence
from typing import Literal

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import Bar

__all__ = [
    "BAR_PRICES",
    "BarPrice",
    "SessionVwap",
    "anchored_vwap",
    "bar_price",
    "running_vwap",
    "session_vwap",
]

BarPrice = Literal["ohlc4", "hlc3", "close"]
BAR_PRICES: tuple[BarPrice, ...] = ("ohlc4", "hlc3", "close")


@attrs.frozen
class SessionVwap:
    """VWAP of a set of bars and its ±1σ/±2σ bands; σ is the volume-weighted deviation.

    ``low``/``high`` are the extremes of the bars used, so readers can see the VWAP sits
    inside the session's range.
    """

    vwap: float
    stdev: float
    volume: float
    bars: int
    low: float
    high: float
    price: BarPrice

    @property
    def upper_1(self) -> float:
        return self.vwap + self.stdev

    @property
    def lower_1(self) -> float:
        return self.vwap - self.stdev

    @property
    def upper_2(self) -> float:
        return self.vwap + 2 * self.stdev

    @property
    def lower_2(self) -> float:
        return self.vwap - 2 * self.stdev


def bar_price(bar: Bar, price: BarPrice) -> float:
    if price == "ohlc4":
        return (bar.open + bar.high + bar.low + bar.close) / 4
    if price == "hlc3":
        return (bar.high + bar.low + bar.close) / 3
    if price == "close":
        return bar.close
    raise DomainError(f"unknown bar price {price!r}; valid: {', '.join(BAR_PRICES)}")


def session_vwap(bars: Sequence[Bar], price: BarPrice = "ohlc4") -> SessionVwap | None:
    """VWAP = Σ pᵢvᵢ / Σ vᵢ and σ = √(Σ vᵢ(pᵢ − VWAP)² / Σ vᵢ); None without volume.

    Bars with zero volume carry no weight. The result is clamped into the bars' own
    [low, high] because rounding in Σ pᵢvᵢ / Σ vᵢ can step one ulp outside it when every
    price is equal.
    """
    weighted = [(bar_price(bar, price), bar.volume, bar) for bar in bars if bar.volume > 0]
    total = math.fsum(volume for _, volume, _ in weighted)
    if not weighted or total <= 0:
        return None
    low = min(bar.low for _, _, bar in weighted)
    high = max(bar.high for _, _, bar in weighted)
    vwap = math.fsum(p * volume for p, volume, _ in weighted) / total
    vwap = min(max(vwap, low), high)
    variance = math.fsum(volume * (p - vwap) ** 2 for p, volume, _ in weighted) / total
    return SessionVwap(
        vwap=vwap,
        stdev=math.sqrt(max(variance, 0.0)),
        volume=total,
        bars=len(weighted),
        low=low,
        high=high,
        price=price,
    )


def anchored_vwap(
    bars: Sequence[Bar], anchor: dt.datetime, price: BarPrice = "ohlc4"
) -> SessionVwap | None:
    """The VWAP and bands of every bar stamped at or after ``anchor``: the session VWAP's
    math over a window that starts at the anchor instead of the session's open.

    Which bars belong to the window's trading hours is the caller's choice (the bars given
    are the window); bars before the anchor are left out. None without volume.
    """
    return session_vwap([bar for bar in bars if bar.timestamp >= anchor], price)


def running_vwap(bars: Sequence[Bar], price: BarPrice = "ohlc4") -> tuple[SessionVwap | None, ...]:
    """The VWAP and bands after each bar: item ``i`` is :func:`session_vwap` of
    ``bars[: i + 1]`` (None until a bar with volume), as a chart draws the line.

    One pass over running sums instead of one ``session_vwap`` per prefix: a day of
    1-minute bars would otherwise cost ~76,000 bar visits. The variance comes from the
    running Σvp² (E[p²] − VWAP²), so it may differ from ``session_vwap``'s in the last
    digits; it is clamped at zero against that rounding.
    """
    out: list[SessionVwap | None] = []
    volume = weighted = weighted_squares = 0.0
    low, high, used = math.inf, -math.inf, 0
    for bar in bars:
        if bar.volume > 0:
            p = bar_price(bar, price)
            volume += bar.volume
            weighted += p * bar.volume
            weighted_squares += p * p * bar.volume
            low, high, used = min(low, bar.low), max(high, bar.high), used + 1
        if used == 0:
            out.append(None)
            continue
        vwap = min(max(weighted / volume, low), high)
        variance = max(weighted_squares / volume - vwap * vwap, 0.0)
        out.append(SessionVwap(vwap, math.sqrt(variance), volume, used, low, high, price))
    return tuple(out)
