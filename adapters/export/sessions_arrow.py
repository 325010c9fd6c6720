"""``SessionRule`` for a whole column of bar times at once (numpy over the calendar's
windows: Python work per session day, not per bar).

``open_rows`` marks the bars the rule surely accepts. It computes what the rule computes
for each bar (the first two sessions on or after the bar's local date, their windows in
order; a daily bar's trade date; a session day's extended hours), so a bar it does not mark
is one the rule rejects, or one whose date the calendar cannot tell (outside its range):
the caller asks the rule itself about those few.
"""

import datetime as dt
from typing import TYPE_CHECKING

from trade_analyst.domain.calendars import (
    FIRST_DATE,
    LAST_DATE,
    Calendar,
    date_of_epoch_day,
    epoch_day,
)
from trade_analyst.domain.validation import PERIOD_INTERVALS, SessionRule

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pyarrow as pa

    Ints = npt.NDArray[np.int64]
    Bools = npt.NDArray[np.bool_]
    Windows = tuple[Ints, Ints, Ints]

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)
# The rule looks at the first two sessions on or after a date: no calendar goes a month
# without two sessions.
_LOOK_AHEAD = dt.timedelta(days=31)
_CACHED_SPANS = 16
_WINDOWS: dict[tuple[int, dt.date, dt.date], tuple[Calendar, "Windows"]] = {}


def open_rows(times: "pa.Array", rule: SessionRule) -> "Bools":
    """Where ``rule`` accepts a bar starting at ``times`` (Arrow timestamps, UTC)."""
    import numpy as np
    import pyarrow as pa

    micros = times.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()).to_numpy()
    if len(micros) == 0:
        return np.zeros(0, np.bool_)
    try:
        return _open_rows(times, micros, rule)
    except ValueError:  # the calendar refused a bulk question: let the rule answer each bar
        return np.zeros(len(micros), np.bool_)


def _open_rows(times: "pa.Array", micros: "Ints", rule: SessionRule) -> "Bools":
    import numpy as np

    calendar = rule.calendar
    local = _local_days(times, calendar.zone.key)
    if rule.kind == "open":
        return _window_session(micros, local, rule) >= 0
    if rule.kind == "extended":
        days, inside = _session_index(local, rule)
        opens = np.zeros(len(days), np.int64)
        closes = np.zeros(len(days), np.int64)
        for index, day in enumerate(days):
            opens[index], closes[index] = map(_micros, calendar.extended_hours(day))
        if not days:
            return np.zeros(len(micros), np.bool_)
        at = np.minimum(_positions(days, local), len(days) - 1)
        return inside & (opens[at] <= micros) & (micros < closes[at])
    if rule.daily_bar_zone is not None:
        trade_dates = _local_days(times, rule.daily_bar_zone)
    else:
        session = _window_session(micros, local, rule)
        trade_dates = np.where(session >= 0, session, local)
    return _session_index(trade_dates, rule)[1]


def trade_dates(times: "pa.Array", calendar: Calendar | None, interval: str) -> "pa.Array":
    """``bar_trade_date`` of bars of ``interval`` starting at ``times`` (Arrow timestamps,
    UTC), as Arrow dates; null for intraday bars, without a calendar, or where the calendar
    cannot tell (dates outside its range)."""
    import numpy as np
    import pyarrow as pa

    if calendar is None or interval not in PERIOD_INTERVALS or len(times) == 0:
        return pa.nulls(len(times), pa.date32())
    micros = times.cast(pa.timestamp("us", tz="UTC")).cast(pa.int64()).to_numpy()
    local = _local_days(times, calendar.zone.key)
    try:
        session = _window_session(micros, local, SessionRule(calendar, "daily"))
    except ValueError:  # no date in the calendar's range
        return pa.nulls(len(times), pa.date32())
    days = np.where(session >= 0, session, local)
    known = _in_range(days)
    if interval != "1d":  # the first session on or after the period's date
        sessions = _epoch_sessions(calendar, *_span(days, _LOOK_AHEAD))
        at = np.searchsorted(sessions, days, side="left")
        known &= at < len(sessions)
        days = np.where(known, sessions[np.minimum(at, len(sessions) - 1)], days)
    return pa.array(days.astype(np.int32), pa.int32(), mask=~known).cast(pa.date32())


def _local_days(times: "pa.Array", zone: str) -> "Ints":
    """Each time's date in ``zone``, as epoch days."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    zoned = times.cast(pa.timestamp("us", tz=zone))
    days = pc.local_timestamp(zoned).cast(pa.date32()).cast(pa.int32())
    return np.asarray(days.to_numpy(), np.int64)


def _in_range(days: "Ints") -> "Bools":
    return (days >= epoch_day(FIRST_DATE)) & (days <= epoch_day(LAST_DATE))


def _span(days: "Ints", ahead: dt.timedelta = dt.timedelta(0)) -> tuple[dt.date, dt.date]:
    """The calendar's dates from the first to the last of ``days`` (those in its range)."""
    kept = days[_in_range(days)]
    if not len(kept):
        raise ValueError("no date in the calendar's range")
    last = min(date_of_epoch_day(int(kept.max())) + ahead, LAST_DATE)
    return date_of_epoch_day(int(kept.min())), last


def _session_index(days: "Ints", rule: SessionRule) -> tuple[list[dt.date], "Bools"]:
    """The sessions between the first and last of ``days``, and which days are sessions
    (False for days outside the calendar's range, which the rule cannot tell)."""
    import numpy as np

    first, last = _span(days)
    sessions = _epoch_sessions(rule.calendar, first, last)
    dates = [date_of_epoch_day(int(day)) for day in sessions] if rule.kind == "extended" else []
    return dates, _in_range(days) & np.isin(days, sessions)


def _epoch_sessions(calendar: Calendar, first: dt.date, last: dt.date) -> "Ints":
    import numpy as np

    return np.frombuffer(calendar.sessions_between(first, last), np.int32).astype(np.int64)


def _positions(days: list[dt.date], wanted: "Ints") -> "Ints":
    import numpy as np

    epoch_days = np.array([epoch_day(day) for day in days], np.int64)
    return np.searchsorted(epoch_days, wanted, side="left").astype(np.int64)


def _windows(calendar: Calendar, first: dt.date, last: dt.date) -> "Windows":
    """The sessions from ``first`` to ``last`` as epoch days (two -1 rows after them), and
    their windows' starts and ends in microseconds, one row per session, padded with empty
    windows. Cached: every symbol of a run on one calendar asks for the same span."""
    key = (id(calendar), first, last)
    cached = _WINDOWS.get(key)
    if cached is not None and cached[0] is calendar:
        return cached[1]
    if len(_WINDOWS) >= _CACHED_SPANS:
        _WINDOWS.clear()
    windows = _build_windows(calendar, first, last)
    _WINDOWS[key] = (calendar, windows)  # the calendar is kept so its id stays its own
    return windows


def _build_windows(calendar: Calendar, first: dt.date, last: dt.date) -> "Windows":
    import numpy as np

    days = _epoch_sessions(calendar, first, last)
    windows = [calendar.session_windows(date_of_epoch_day(int(day))) for day in days]
    width = max((len(w) for w in windows), default=1)
    starts = np.zeros((len(days) + 2, width), np.int64)  # two empty rows past the end
    ends = np.zeros((len(days) + 2, width), np.int64)
    for row, session_windows in enumerate(windows):
        for column, (opens, closes) in enumerate(session_windows):
            starts[row, column], ends[row, column] = _micros(opens), _micros(closes)
    for array in (days, starts, ends):
        array.flags.writeable = False  # shared by every caller of the cache
    return np.concatenate([days, np.array([-1, -1], np.int64)]), starts, ends


def _window_session(micros: "Ints", local: "Ints", rule: SessionRule) -> "Ints":
    """The epoch day of the session whose window holds each time, as the calendar's
    ``trade_date_at`` finds it (the first two sessions on or after the local date, windows
    in order), or -1: no window holds it, or the date is outside the calendar's range."""
    import numpy as np

    days, starts, ends = _windows(rule.calendar, *_span(local, _LOOK_AHEAD))
    found = np.full(len(micros), -1, np.int64)
    if len(days) == 2:
        return found
    first_on_or_after = np.searchsorted(days[:-2], local, side="left")
    in_range = _in_range(local)
    for step in (1, 0):  # the later session first, so the earlier one wins where both hold
        index = first_on_or_after + step
        hit = np.zeros(len(micros), np.bool_)
        for column in range(starts.shape[1]):
            hit |= (starts[index, column] <= micros) & (micros < ends[index, column])
        found = np.where(hit & in_range, days[index], found)
    return found


def _micros(instant: dt.datetime) -> int:
    return (instant - _EPOCH) // _MICROSECOND
