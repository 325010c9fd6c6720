"""Bars of any interval from the generated paths.

Intraday buckets start at each trading window's open (09:30, 10:30... for hourly NYSE
bars), so every bar starts inside a session. A daily bar covers every kept minute of its
session and is stamped at the first one; weekly and monthly bars combine daily bars and are
stamped at their first session's open. Minutes at or after a session's cutoff (the clock's
now, or a contract's last trade time) do not exist yet, so an in-progress bar has only those
before it.

Daily bars come from the windows' own values, one step for all sessions; only a window the
cutoff cuts short is read minute by minute. A window's minutes aggregate to exactly its
values (see ``walk``), so both ways give the same bar.
"""

import datetime as dt
from array import array
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import attrs

from trade_analyst.adapters.mock.layout import KINDS, MINUTE_SECONDS, across, minutes_before
from trade_analyst.adapters.mock.walk import (
    DayPaths,
    MinutePaths,
    PathSpec,
    PricedDay,
    minute_paths,
)

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    Floats = npt.NDArray[np.float64]
    Ints = npt.NDArray[np.int64]
    Flags = npt.NDArray[np.bool_]

NO_CUTOFF = 1e18  # POSIX seconds after every session (finite: inf - inf would be NaN)
_LONGEST_WINDOW = 2048  # minutes; a Globex day is 1380
_MINUTES_PER_PASS = 1 << 17


@attrs.define
class Columns:
    """Bars gathered column by column in typed arrays (no object per bar): ``timestamps``
    in epoch milliseconds, and per bar its contract (None for plain instruments) and its
    session's date."""

    timestamps: "array[int]" = attrs.Factory(lambda: array("q"))
    open: "array[float]" = attrs.Factory(lambda: array("d"))
    high: "array[float]" = attrs.Factory(lambda: array("d"))
    low: "array[float]" = attrs.Factory(lambda: array("d"))
    close: "array[float]" = attrs.Factory(lambda: array("d"))
    volume: "array[float]" = attrs.Factory(lambda: array("d"))
    contracts: list[str | None] = attrs.Factory(list)
    days: list[dt.date] = attrs.Factory(list)

    def add(
        self, bar: tuple[int, float, float, float, float, float], contract: str | None, day: dt.date
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


def _put(column: "array[Any]", values: "npt.NDArray[Any]") -> None:
    """Append numpy ``values`` to an array column: one memory copy, no Python objects."""
    import numpy as np

    kind = np.int64 if column.typecode == "q" else np.float64
    column.frombytes(np.ascontiguousarray(values, dtype=kind).tobytes())


def _millis(seconds: "Floats") -> "Ints":
    """POSIX seconds (whole minutes) as epoch milliseconds."""
    import numpy as np

    return np.rint(seconds * 1000.0).astype(np.int64)


@attrs.frozen(eq=False)
class Sessions:
    """The sessions a request reads: their paths, and per session the contract traded
    (None for instruments without one) and the cutoff (POSIX seconds)."""

    paths: DayPaths
    contracts: tuple[str | None, ...]
    cutoffs: "Floats"


def _kinds_kept(kinds: "npt.NDArray[np.int8]", wanted: frozenset[str]) -> "Flags":
    import numpy as np

    codes = [code for code, kind in enumerate(KINDS) if kind in wanted]
    return np.isin(kinds, codes)


def _use(sessions: Sessions, kinds: frozenset[str]) -> tuple["Ints", "Flags"]:
    """(minutes kept, whether the window counts) for every window of every session."""
    layout = sessions.paths.layout
    kept = minutes_before(layout.opens, layout.minutes, sessions.cutoffs[:, None])
    return kept, _kinds_kept(layout.kinds, kinds) & (kept > 0)


def add_daily(
    out: Columns,
    spec: PathSpec,
    sessions: Sessions,
    kinds: frozenset[str],
    bounds: tuple[dt.datetime, dt.datetime] | None = None,
) -> None:
    """One bar per session with a kept minute, stamped at its first kept minute; with
    ``bounds``, only bars whose stamp lies in ``[start, end)``."""
    import numpy as np

    paths = sessions.paths
    layout = paths.layout
    kept, use = _use(sessions, kinds)
    values = [paths.open, paths.high, paths.low, paths.close, paths.volume]
    cut_short = use & (kept < layout.minutes)
    if cut_short.any():
        values = [column.copy() for column in values]
        _read_minutes(spec, paths, np.nonzero(cut_short), kept, values)
    opens, highs, lows, closes, volumes = values

    # The first and last window each session keeps (0 when it keeps none).
    first = np.zeros(len(layout), dtype=np.int64)
    last = np.zeros(len(layout), dtype=np.int64)
    for column in reversed(range(layout.width)):
        first[use[:, column]] = column
    for column in range(layout.width):
        last[use[:, column]] = column
    keep = across(np.logical_or, use)
    if bounds is not None:
        stamps = layout.opens[np.arange(len(layout)), first]
        keep &= (stamps >= bounds[0].timestamp()) & (stamps < bounds[1].timestamp())
    rows = np.flatnonzero(keep)
    if not len(rows):
        return
    first, last = first[rows], last[rows]
    _put(out.timestamps, _millis(layout.opens[rows, first]))
    _put(out.open, opens[rows, first])
    _put(out.high, across(np.maximum, np.where(use, highs, -np.inf))[rows])
    _put(out.low, across(np.minimum, np.where(use, lows, np.inf))[rows])
    _put(out.close, closes[rows, last])
    _put(out.volume, across(np.add, np.where(use, volumes, 0.0))[rows])
    lo, hi = int(rows[0]), int(rows[-1]) + 1
    if hi - lo == len(rows):  # the usual case: consecutive sessions, slices
        out.days.extend(layout.days[lo:hi])
        out.contracts.extend(sessions.contracts[lo:hi])
        return
    picked = rows.tolist()
    out.days.extend(layout.days[row] for row in picked)
    out.contracts.extend(sessions.contracts[row] for row in picked)


def _read_minutes(
    spec: PathSpec,
    paths: DayPaths,
    windows: tuple["Ints", ...],
    kept: "Ints",
    values: list["Floats"],
) -> None:
    """Overwrite the open..volume ``values`` of ``windows`` with their kept minutes' own."""
    rows, columns = windows
    minutes = minute_paths(spec, paths, rows, columns)
    opens, highs, lows, closes, volumes = values
    for index, (row, column) in enumerate(zip(rows.tolist(), columns.tolist(), strict=True)):
        lo = int(minutes.starts[index])
        hi = lo + int(kept[row, column])
        opens[row, column] = minutes.open[lo]
        highs[row, column] = minutes.high[lo:hi].max()
        lows[row, column] = minutes.low[lo:hi].min()
        closes[row, column] = minutes.close[hi - 1]
        volumes[row, column] = minutes.volume[lo:hi].sum()


def add_intraday(
    out: Columns,
    spec: PathSpec,
    sessions: Sessions,
    kinds: frozenset[str],
    minutes: int,
    start: dt.datetime,
    end: dt.datetime,
    check_cancelled: Callable[[], None] = lambda: None,
) -> None:
    """Bars of ``minutes`` minutes that start in ``[start, end)``; ``check_cancelled`` runs
    before each pass and may raise to stop."""
    import numpy as np

    layout = sessions.paths.layout
    kept, use = _use(sessions, kinds)
    span = minutes * MINUTE_SECONDS
    # Bucket range per window: the first starting at/after start, the first at/after end.
    buckets = np.ceil(kept / minutes)
    first = np.maximum(np.ceil((start.timestamp() - layout.opens) / span), 0.0)
    stop = np.minimum(buckets, np.ceil((end.timestamp() - layout.opens) / span))
    use &= stop > first
    rows, columns = np.nonzero(use)
    # Windows are generated a few hundred at a time, so a long request never holds more
    # than about _MINUTES_PER_PASS minutes of arrays at once.
    passes = (np.cumsum(layout.minutes[rows, columns]) - 1) // _MINUTES_PER_PASS
    cuts = np.flatnonzero(np.diff(passes)) + 1
    for some_rows, some_columns in zip(np.split(rows, cuts), np.split(columns, cuts), strict=True):
        if not len(some_rows):
            continue
        check_cancelled()
        paths = minute_paths(spec, sessions.paths, some_rows, some_columns)
        picks = _Picks(
            some_rows.tolist(),
            some_columns.tolist(),
            paths.starts.tolist(),
            first[some_rows, some_columns].astype(np.int64).tolist(),
            stop[some_rows, some_columns].astype(np.int64).tolist(),
            kept[some_rows, some_columns].tolist(),
        )
        if minutes == 1:
            _add_minutes(out, sessions, paths, picks)
        else:
            _add_buckets(out, sessions, paths, picks, minutes)


@attrs.frozen
class _Picks:
    """The windows bars are taken from: where their minutes start in the paths, and which
    buckets (``first`` to ``stop - 1``) of their ``kept`` minutes the request wants."""

    rows: list[int]
    columns: list[int]
    starts: list[int]
    first: list[int]
    stop: list[int]
    kept: list[int]

    def each(self) -> Iterable[tuple[int, int, int, int, int, int]]:
        return zip(
            self.rows, self.columns, self.starts, self.first, self.stop, self.kept, strict=True
        )


def _stamps(sessions: Sessions, picks: _Picks, minutes: int) -> "Ints":
    """The start of every bar ``picks`` asks for, in epoch milliseconds."""
    import numpy as np

    opens = _millis(sessions.paths.layout.opens[picks.rows, picks.columns])
    first, stop = np.array(picks.first), np.array(picks.stop)
    counts = stop - first
    # Bar k of a window starts (first + k) bars after its open.
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    span = minutes * MINUTE_SECONDS * 1000
    stamps: Ints = np.repeat(opens + first * span, counts) + within * span
    return stamps


def _label(out: Columns, sessions: Sessions, picks: _Picks) -> None:
    """Each picked bar's contract and session date."""
    days = sessions.paths.layout.days
    for row, _, _, first, stop, _ in picks.each():
        out.contracts.extend([sessions.contracts[row]] * (stop - first))
        out.days.extend([days[row]] * (stop - first))


def _add_minutes(out: Columns, sessions: Sessions, paths: MinutePaths, picks: _Picks) -> None:
    """1-minute bars: the paths' minutes, gathered in one step per column."""
    import numpy as np

    # A minute opens at the previous minute's close, except each window's first minute.
    opens = np.empty_like(paths.close)
    opens[1:] = paths.close[:-1]
    opens[paths.starts] = paths.open[paths.starts]
    starts, first, stop = np.array(picks.starts), np.array(picks.first), np.array(picks.stop)
    counts = stop - first
    within = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    taken = np.repeat(starts + first, counts) + within
    _put(out.timestamps, _stamps(sessions, picks, 1))
    _put(out.open, opens[taken])
    _put(out.high, paths.high[taken])
    _put(out.low, paths.low[taken])
    _put(out.close, paths.close[taken])
    _put(out.volume, paths.volume[taken])
    _label(out, sessions, picks)


def _add_buckets(
    out: Columns, sessions: Sessions, paths: MinutePaths, picks: _Picks, minutes: int
) -> None:
    """Bars of several minutes: each bucket's first open, extremes, last close and sum."""
    import numpy as np

    begins: list[int] = []
    ends: list[int] = []
    for _, _, start, first, stop, kept in picks.each():
        # Only the last bucket of a window can be short (cut by the cutoff or the close).
        begins.extend(range(start + first * minutes, start + stop * minutes, minutes))
        ends.extend(range(start + (first + 1) * minutes, start + stop * minutes, minutes))
        ends.append(start + min(stop * minutes, kept))
    begin = np.array(begins, dtype=np.int64)
    end = np.array(ends, dtype=np.int64)
    # reduceat over [begin, end, begin, end, ...] reduces each bucket at the even places;
    # one padding value keeps the last end a valid index.
    edges = np.column_stack((begin, end)).ravel()

    def each_bucket(reduce: "np.ufunc", values: "Floats") -> "Floats":
        padded = np.append(values, 0.0)
        result: Floats = reduce.reduceat(padded, edges)[::2]
        return result

    _put(out.timestamps, _stamps(sessions, picks, minutes))
    _put(out.open, paths.open[begin])
    _put(out.high, each_bucket(np.maximum, paths.high))
    _put(out.low, each_bucket(np.minimum, paths.low))
    _put(out.close, paths.close[end - 1])
    _put(out.volume, each_bucket(np.add, paths.volume))
    _label(out, sessions, picks)


@attrs.frozen
class DaySlice:
    """One session of one instrument as a quote sees it."""

    day: dt.date
    priced: PricedDay
    kinds: frozenset[str]  # window kinds kept: {"regular"} or all of them
    cutoff: dt.datetime | None


def kept_spans(piece: DaySlice) -> list[tuple[dt.datetime, int, int]]:
    """(window open, first minute index in the day, minutes kept) for each kept window."""
    import numpy as np

    windows = piece.priced.windows
    cutoff = NO_CUTOFF if piece.cutoff is None else piece.cutoff.timestamp()
    kept = minutes_before(
        np.array([window.open.timestamp() for window in windows]),
        np.array([window.minutes for window in windows], dtype=np.int64),
        np.array(cutoff),
    ).tolist()
    spans: list[tuple[dt.datetime, int, int]] = []
    offset = 0
    for window, count in zip(windows, kept, strict=True):
        if window.kind in piece.kinds and count > 0:
            spans.append((window.open, offset, count))
        offset += window.minutes
    return spans


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
    lowest, highest = start.timestamp() * 1000, end.timestamp() * 1000
    for rows in _groups(range(len(daily)), lambda row: period_of(daily.days[row])):
        first, last = rows[0], rows[-1]
        stamp = daily.timestamps[first]
        if not lowest <= stamp < highest:
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
