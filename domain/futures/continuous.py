"""Continuous bar series: one contract's bars per roll segment, optionally back-adjusted.

A futures root's history is the bars of whichever contract was front, segment by segment
along the roll schedule. Back-adjustment rewrites history so the series has no jump at a
roll: ``difference`` shifts every earlier bar by the price gap measured at the roll,
``ratio`` scales it by the price ratio. The newest segment is never changed.

The gap at a roll is measured on the close of the latest bar both contracts share before
the new contract takes over, so the adjusted old contract meets the new one exactly there.
"""

import bisect
import datetime as dt
from collections.abc import Sequence
from typing import Literal

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.symbols import FuturesContract

Adjustment = Literal["none", "difference", "ratio"]
ADJUSTMENTS: tuple[Adjustment, ...] = ("none", "difference", "ratio")


@attrs.frozen
class ContractBars:
    """The bars one contract contributed while it was the front contract."""

    contract: FuturesContract
    series: BarSeries


def roll_gap(old: BarSeries, new: BarSeries, adjustment: str) -> float:
    """How ``new`` relates to ``old`` at their latest common bar: ``new - old`` or ``new/old``."""
    _check(adjustment)
    new_index = {stamp: row for row, stamp in enumerate(new.timestamps)}
    for row in range(len(old) - 1, -1, -1):
        match = new_index.get(old.timestamps[row])
        if match is None:
            continue
        before, after = old.close[row], new.close[match]
        if adjustment == "ratio":
            if before <= 0 or after <= 0:
                raise DomainError(
                    f"ratio adjustment needs positive prices, got {before} and {after} at "
                    f"{old.timestamps[row].isoformat()} (use difference)"
                )
            return after / before
        return after - before
    raise DomainError(
        f"{old.symbol} and {new.symbol} share no bar before the roll; cannot measure the gap"
    )


def trim(series: BarSeries, start: dt.datetime, end: dt.datetime) -> BarSeries:
    """The bars stamped in ``[start, end)`` (timestamps ascending)."""
    first = bisect.bisect_left(series.timestamps, start)
    last = bisect.bisect_left(series.timestamps, end)
    if first == 0 and last == len(series):
        return series  # nothing to cut: the same immutable bars, not a checked copy
    return BarSeries(
        series.symbol,
        series.interval,
        series.timestamps[first:last],
        series.open[first:last],
        series.high[first:last],
        series.low[first:last],
        series.close[first:last],
        series.volume[first:last],
    )


def back_adjust(
    segments: Sequence[ContractBars], gaps: Sequence[float], adjustment: str
) -> list[ContractBars]:
    """Apply the roll ``gaps`` (one per roll, from ``roll_gap``) to earlier segments.

    ``gaps[i]`` relates segment ``i`` to segment ``i + 1``. With ``none`` the segments come
    back unchanged.
    """
    _check(adjustment)
    if len(gaps) != max(len(segments) - 1, 0):
        raise DomainError(f"need one gap per roll: {len(segments)} segments, {len(gaps)} gaps")
    if adjustment == "none":
        return list(segments)
    adjusted: list[ContractBars] = []
    total = 1.0 if adjustment == "ratio" else 0.0
    for index in range(len(segments) - 1, -1, -1):
        if index < len(gaps):
            total = total * gaps[index] if adjustment == "ratio" else total + gaps[index]
        segment = segments[index]
        adjusted.append(attrs.evolve(segment, series=_shift(segment.series, total, adjustment)))
    adjusted.reverse()
    return adjusted


def _shift(series: BarSeries, amount: float, adjustment: str) -> BarSeries:
    if adjustment == "ratio":

        def move(values: tuple[float, ...]) -> tuple[float, ...]:
            return tuple(value * amount for value in values)
    else:

        def move(values: tuple[float, ...]) -> tuple[float, ...]:
            return tuple(value + amount for value in values)

    return attrs.evolve(
        series,
        open=move(series.open),
        high=move(series.high),
        low=move(series.low),
        close=move(series.close),
    )


def _check(adjustment: str) -> None:
    if adjustment not in ADJUSTMENTS:
        raise DomainError(f"unknown adjustment {adjustment!r}; valid: {', '.join(ADJUSTMENTS)}")
