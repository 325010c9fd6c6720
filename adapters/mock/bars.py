"""Aggregating a day's 1-minute path into bars of any interval.

Intraday buckets start at each trading window's open (09:30, 10:30... for hourly NYSE
bars), so every bar starts inside a session. A daily bar covers every kept minute of its
session and is stamped at the first one; weekly and monthly bars combine daily bars and are
stamped at their first session's open. Minutes at or after ``cutoff`` (the clock's now, or a
contract's last trade time) do not exist yet, so an in-progress bar has only those before.
"""

import datetime as dt
import math
from collections.abc import Callable, Iterable

import attrs

from adapters.mock.walk import PricedDay

_MINUTE = dt.timedelta(minutes=1)


@attrs.frozen
class DaySlice:
    """One session of one instrument as the request sees it."""

    day: dt.date
    priced: PricedDay
    kinds: frozenset[str]  # window kinds kept: {"regular"} or all of them
    cutoff: dt.datetime | None
    contract: str | None = None


@attrs.define
class Columns:
    """Bars gathered column by column (no object per bar)."""

    timestamps: list[dt.datetime] = attrs.Factory(list)
    open: list[float] = attrs.Factory(list)
    high: list[float] = attrs.Factory(list)
    low: list[float] = attrs.Factory(list)
    close: list[float] = attrs.Factory(list)
    volume: list[float] = attrs.Factory(list)
    contracts: list[str | None] = attrs.Factory(list)
    days: list[dt.date] = attrs.Factory(list)

    def add(
        self,
        bar: tuple[dt.datetime, float, float, float, float, float],
        contract: str | None,
        day: dt.date,
    ) -> None:
        self.timestamps.append(bar[0])
        self.open.append(bar[1])
        self.high.append(bar[2])
        self.low.append(bar[3])
        self.close.append(bar[4])
        self.volume.append(bar[5])
        self.contracts.append(contract)
        self.days.append(day)

    def __len__(self) -> int:
        return len(self.timestamps)


def kept_spans(piece: DaySlice) -> list[tuple[dt.datetime, int, int]]:
    """(window open, first global minute index, minutes kept) for each kept window."""
    spans: list[tuple[dt.datetime, int, int]] = []
    offset = 0
    for window in piece.priced.windows:
        kept = window.minutes
        if piece.cutoff is not None:
            kept = max(0, min(kept, math.ceil((piece.cutoff - window.open) / _MINUTE)))
        if window.kind in piece.kinds and kept > 0:
            spans.append((window.open, offset, kept))
        offset += window.minutes
    return spans


def add_intraday(
    out: Columns, piece: DaySlice, minutes: int, start: dt.datetime, end: dt.datetime
) -> None:
    """Bars of ``minutes`` minutes from ``piece`` that start in ``[start, end)``."""
    path = piece.priced
    points, highs, lows, volumes = path.points, path.highs, path.lows, path.volumes
    for opens, first, kept in kept_spans(piece):
        for offset in range(0, kept, minutes):
            stamp = opens + offset * _MINUTE
            if not start <= stamp < end:
                continue
            lo, hi = first + offset, first + min(offset + minutes, kept)
            if hi - lo == 1:
                bar = (stamp, points[lo], highs[lo], lows[lo], points[hi], volumes[lo])
            else:
                bar = (
                    stamp,
                    points[lo],
                    max(highs[lo:hi]),
                    min(lows[lo:hi]),
                    points[hi],
                    sum(volumes[lo:hi]),
                )
            out.add(bar, piece.contract, piece.day)


def add_daily(
    out: Columns, piece: DaySlice, bounds: tuple[dt.datetime, dt.datetime] | None = None
) -> None:
    """The session's one bar, stamped at its first kept minute (nothing if none is kept);
    with ``bounds``, only when that stamp lies in ``[start, end)``."""
    spans = kept_spans(piece)
    if not spans or (bounds is not None and not bounds[0] <= spans[0][0] < bounds[1]):
        return
    path = piece.priced
    ranges = [(first, first + kept) for _, first, kept in spans]
    bar = (
        spans[0][0],
        path.points[ranges[0][0]],
        max(max(path.highs[lo:hi]) for lo, hi in ranges),
        min(min(path.lows[lo:hi]) for lo, hi in ranges),
        path.points[ranges[-1][1]],
        sum(sum(path.volumes[lo:hi]) for lo, hi in ranges),
    )
    out.add(bar, piece.contract, piece.day)


def week_of(day: dt.date) -> tuple[int, int]:
    iso = day.isocalendar()
    return iso.year, iso.week


def month_of(day: dt.date) -> tuple[int, int]:
    return day.year, day.month


def combine_days(
    daily: Columns,
    period_of: Callable[[dt.date], tuple[int, int]],
    start: dt.datetime,
    end: dt.datetime,
) -> Columns:
    """Weekly or monthly bars from daily bars; each named after its last day's contract."""
    out = Columns()
    for rows in _groups(range(len(daily)), lambda row: period_of(daily.days[row])):
        first, last = rows[0], rows[-1]
        stamp = daily.timestamps[first]
        if not start <= stamp < end:
            continue
        bar = (
            stamp,
            daily.open[first],
            max(daily.high[row] for row in rows),
            min(daily.low[row] for row in rows),
            daily.close[last],
            sum(daily.volume[row] for row in rows),
        )
        out.add(bar, daily.contracts[last], daily.days[first])
    return out


def _groups(rows: Iterable[int], key: Callable[[int], tuple[int, int]]) -> list[list[int]]:
    groups: list[list[int]] = []
    current: tuple[int, int] | None = None
    for row in rows:
        k = key(row)
        if k != current:
            groups.append([])
            current = k
        groups[-1].append(row)
    return groups
