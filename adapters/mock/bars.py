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

from trade_analyst.adapters.mock.walk import PricedDay

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


def _first_at_or_after(opens: dt.datetime, moment: dt.datetime, step: int) -> int:
    """The index of the first ``step``-minute bucket after ``opens`` starting at/after
    ``moment`` (may be negative or past the window; callers clip)."""
    return math.ceil((moment - opens) / (step * _MINUTE))


def add_intraday(
    out: Columns, piece: DaySlice, minutes: int, start: dt.datetime, end: dt.datetime
) -> None:
    """Bars of ``minutes`` minutes from ``piece`` that start in ``[start, end)``."""
    path = piece.priced
    points, highs, lows, volumes = path.points, path.highs, path.lows, path.volumes
    step = minutes * _MINUTE
    for opens, first, kept in kept_spans(piece):
        buckets = math.ceil(kept / minutes)
        lo_bucket = max(0, _first_at_or_after(opens, start, minutes))
        hi_bucket = min(buckets, _first_at_or_after(opens, end, minutes))
        if lo_bucket >= hi_bucket:
            continue
        count = hi_bucket - lo_bucket
        out.timestamps.extend(opens + b * step for b in range(lo_bucket, hi_bucket))
        out.contracts.extend([piece.contract] * count)
        out.days.extend([piece.day] * count)
        if minutes == 1:  # the path's own minutes: slices, no per-bar work
            lo, hi = first + lo_bucket, first + hi_bucket
            out.open.extend(points[lo:hi])
            out.high.extend(highs[lo:hi])
            out.low.extend(lows[lo:hi])
            out.close.extend(points[lo + 1 : hi + 1])
            out.volume.extend(volumes[lo:hi])
            continue
        for bucket in range(lo_bucket, hi_bucket):
            lo = first + bucket * minutes
            hi = first + min((bucket + 1) * minutes, kept)
            out.open.append(points[lo])
            out.high.append(max(highs[lo:hi]))
            out.low.append(min(lows[lo:hi]))
            out.close.append(points[hi])
            out.volume.append(sum(volumes[lo:hi]))


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
