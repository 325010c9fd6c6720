"""A venue's sessions as arrays: one row per session, one column per trading window.

Price paths are generated for many sessions at once, so the calendar facts they depend on
(how many windows a session has, their kinds, when they open, how many minutes they last,
which of those minutes are core hours) are laid out column-wise. Rows of days with fewer
windows than the widest day are padded with empty windows (no minutes, kind -1, opening
never). A year's layout is computed once per process: the calendars are fixed facts.
"""

import bisect
import datetime as dt
import functools
import itertools
import math
from typing import TYPE_CHECKING, cast

import attrs

from trade_analyst.adapters.mock.venues import Venue, Window, calendar_of, core_hours, windows_of
from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE

if TYPE_CHECKING:
    from typing import Any, TypeVar

    import numpy as np
    import numpy.typing as npt

    ArrayT = TypeVar("ArrayT", bound=npt.NDArray[Any])

KINDS = ("pre", "regular", "post")  # a window's kind is its index here (-1: no window)
MINUTE_SECONDS = 60.0


@attrs.frozen(eq=False)
class Layout:
    """Sessions ``days[i]`` with their windows; arrays are (sessions, widest day's windows)."""

    venue: Venue
    days: tuple[dt.date, ...]
    windows: tuple[tuple[Window, ...], ...]
    ordinals: "npt.NDArray[np.int64]"  # days[i].toordinal()
    minutes: "npt.NDArray[np.int64]"
    kinds: "npt.NDArray[np.int8]"
    opens: "npt.NDArray[np.float64]"  # POSIX seconds; +inf for padding
    core_first: "npt.NDArray[np.int64]"  # minutes [core_first, core_last) are core hours
    core_last: "npt.NDArray[np.int64]"
    # Per window column, each session's window open (None for padding): bar stamps.
    open_times: tuple[tuple[dt.datetime | None, ...], ...]

    def __len__(self) -> int:
        return len(self.days)

    @property
    def width(self) -> int:
        return int(self.minutes.shape[1])

    def rows(self, first: int, stop: int) -> "Layout":
        """Sessions ``first`` to ``stop - 1`` (the width is kept)."""
        return Layout(
            self.venue,
            self.days[first:stop],
            self.windows[first:stop],
            self.ordinals[first:stop],
            self.minutes[first:stop],
            self.kinds[first:stop],
            self.opens[first:stop],
            self.core_first[first:stop],
            self.core_last[first:stop],
            tuple(times[first:stop] for times in self.open_times),
        )

    def take(self, rows: "npt.NDArray[np.int64]") -> "Layout":
        """The sessions at ``rows`` (ascending), in that order."""
        picked = rows.tolist()
        return Layout(
            self.venue,
            tuple(self.days[row] for row in picked),
            tuple(self.windows[row] for row in picked),
            self.ordinals[rows],
            self.minutes[rows],
            self.kinds[rows],
            self.opens[rows],
            self.core_first[rows],
            self.core_last[rows],
            tuple(tuple(times[row] for row in picked) for times in self.open_times),
        )


def minutes_before(
    opens: "npt.NDArray[np.float64]",
    minutes: "npt.NDArray[np.int64]",
    moments: "npt.NDArray[np.float64]",
) -> "npt.NDArray[np.int64]":
    """How many of each window's minutes start before ``moments`` (POSIX seconds, like
    ``opens``; broadcast against them). A padding window (opening never) has none."""
    import numpy as np

    before = np.ceil((moments - opens) / MINUTE_SECONDS)
    return np.clip(before, 0, minutes).astype(np.int64)


@functools.lru_cache(maxsize=512)
def _year(venue: Venue, year: int) -> Layout:
    import numpy as np

    first, last = max(dt.date(year, 1, 1), FIRST_DATE), min(dt.date(year, 12, 31), LAST_DATE)
    days = tuple(calendar_of(venue).sessions(first, last))
    windows = tuple(windows_of(venue, day) for day in days)
    width = max((len(w) for w in windows), default=1)
    shape = (len(days), width)
    minutes = np.zeros(shape, dtype=np.int64)
    kinds = np.full(shape, -1, dtype=np.int8)
    opens = np.full(shape, math.inf)
    core = np.empty((len(days), 2))
    for row, (day, day_windows) in enumerate(zip(days, windows, strict=True)):
        core[row] = [moment.timestamp() for moment in core_hours(venue, day)]
        for column, window in enumerate(day_windows):
            minutes[row, column] = window.minutes
            kinds[row, column] = KINDS.index(window.kind)
            opens[row, column] = window.open.timestamp()
    # Minutes [core_first, core_last) of a window start inside the day's core hours.
    core_first = minutes_before(opens, minutes, core[:, :1])
    core_last = minutes_before(opens, minutes, core[:, 1:])
    ordinals = np.array([day.toordinal() for day in days], dtype=np.int64)
    open_times = tuple(
        tuple(w[column].open if column < len(w) else None for w in windows)
        for column in range(width)
    )
    for shared in (ordinals, minutes, kinds, opens, core_first, core_last):
        shared.flags.writeable = False  # cached for every later request: never written
    return Layout(
        venue, days, windows, ordinals, minutes, kinds, opens, core_first, core_last, open_times
    )


def _widened(part: Layout, width: int) -> Layout:
    import numpy as np

    extra = width - part.width
    if extra == 0:
        return part

    def pad(values: "ArrayT", fill: float) -> "ArrayT":
        return cast("ArrayT", np.pad(values, ((0, 0), (0, extra)), constant_values=fill))

    return Layout(
        part.venue,
        part.days,
        part.windows,
        part.ordinals,
        pad(part.minutes, 0),
        pad(part.kinds, -1),
        pad(part.opens, math.inf),
        pad(part.core_first, 0),
        pad(part.core_last, 0),
        (*part.open_times, *((None,) * len(part),) * extra),
    )


def layout_of(venue: Venue, first: dt.date, last: dt.date) -> Layout:
    """The venue's sessions from ``first`` to ``last`` inclusive (inside the calendars)."""
    import numpy as np

    parts: list[Layout] = []
    for year in range(first.year, last.year + 1):
        whole = _year(venue, year)
        lo = bisect.bisect_left(whole.days, first)
        hi = bisect.bisect_right(whole.days, last)
        if lo < hi:
            parts.append(whole.rows(lo, hi) if (lo, hi) != (0, len(whole)) else whole)
    if not parts:
        return _year(venue, first.year).rows(0, 0)
    if len(parts) == 1:
        return parts[0]
    width = max(part.width for part in parts)
    parts = [_widened(part, width) for part in parts]
    chained = itertools.chain.from_iterable
    return Layout(
        venue,
        tuple(chained(part.days for part in parts)),
        tuple(chained(part.windows for part in parts)),
        np.concatenate([part.ordinals for part in parts]),
        np.concatenate([part.minutes for part in parts]),
        np.concatenate([part.kinds for part in parts]),
        np.concatenate([part.opens for part in parts]),
        np.concatenate([part.core_first for part in parts]),
        np.concatenate([part.core_last for part in parts]),
        tuple(tuple(chained(part.open_times[column] for part in parts)) for column in range(width)),
    )


def across(reduce: "np.ufunc", values: "ArrayT") -> "ArrayT":
    """``reduce`` (np.add, np.maximum...) over each session's windows, one column at a time:
    numpy reduces a short last axis far more slowly than it combines whole columns."""
    result = cast("ArrayT", values[:, 0].copy())
    for column in range(1, values.shape[1]):
        reduce(result, values[:, column], out=result)
    return result
