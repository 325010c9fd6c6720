"""``TradingCalendar``: a day table (which dates are sessions) plus a session template
(when those sessions trade). One class serves NYSE, CME and every Globex product group.
"""

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo

from trade_analyst.domain.calendars.bounds import FIRST_DATE, LAST_DATE, out_of_range
from trade_analyst.domain.calendars.columns import (
    DAY_TYPECODE,
    SECOND_TYPECODE,
    Columns,
    SessionColumns,
    YearSpanColumns,
    epoch_day,
    epoch_second,
)
from trade_analyst.domain.calendars.date_rules import MONDAY, ONE_DAY
from trade_analyst.domain.calendars.tables import DayTable
from trade_analyst.domain.calendars.templates import SessionTemplate
from trade_analyst.domain.calendars.values import EarlyClose, Holiday
from trade_analyst.domain.errors import DomainError

Window = tuple[datetime, datetime]


@lru_cache(maxsize=8)
def _zone(key: str) -> ZoneInfo:
    return ZoneInfo(key)


def _at(d: date, t: time, tz: str) -> datetime:
    """Local wall time ``t`` on ``d`` in ``tz``, as an aware UTC datetime."""
    return datetime.combine(d, t, tzinfo=_zone(tz)).astimezone(UTC)


def _require_date(d: object, what: str = "date") -> date:
    # datetime is a date subclass but never equal to one, so it would silently miss.
    if not isinstance(d, date) or isinstance(d, datetime):
        raise DomainError(f"{what} must be a datetime.date (not datetime), got {d!r}")
    return d


def _require_aware(ts: object) -> datetime:
    if not isinstance(ts, datetime) or ts.tzinfo is None or ts.utcoffset() is None:
        raise DomainError(f"expected a timezone-aware datetime, got {ts!r}")
    return ts


class TradingCalendar:
    """A calendar of sessions and their trading windows (see ``Calendar``)."""

    def __init__(self, name: str, days: DayTable, template: SessionTemplate) -> None:
        self._name = name
        self._days = days
        self._template = template
        # Shared with the day table: the hot path is one dict and one set lookup.
        self._session_sets = days.session_sets
        # Windows per session, computed once: trade_date_at runs once per bar in validation.
        self._windows: dict[date, tuple[Window, ...]] = {}
        # Sessions with their open and close as columns, for ranges; built on first bulk use.
        self._bounds = YearSpanColumns(
            (DAY_TYPECODE, SECOND_TYPECODE, SECOND_TYPECODE), self._bounds_of_year
        )

    def __repr__(self) -> str:
        days, template = self._days.name, self._template.name
        return f"TradingCalendar({self._name!r}, days={days!r}, template={template!r})"

    @property
    def name(self) -> str:
        """The calendar's name, e.g. "nyse", "cme" or "/ES"."""
        return self._name

    @property
    def template(self) -> SessionTemplate:
        """The session template giving this calendar's trading windows."""
        return self._template

    @property
    def zone(self) -> ZoneInfo:
        """The exchange's time zone, the one its trading hours are set in."""
        return _zone(self._template.tz)

    # ------------------------------------------------------------------ days

    def is_session(self, d: date) -> bool:
        """Whether ``d`` is a session; DateOutOfRange outside 1990..2060."""
        try:
            if d in self._session_sets[d.year]:
                return True
            # Checked only on the miss path, to keep hits fast: a datetime never equals a
            # date, so it would otherwise read as "not a session".
            if type(d) is not date:
                _require_date(d)
            return False
        except KeyError:
            _require_date(d)
            return d in self._days.year(d.year).sessions
        except AttributeError:
            raise DomainError(f"date must be a datetime.date, got {d!r}") from None

    def sessions(self, start: date, end: date) -> list[date]:
        """Sessions from ``start`` to ``end`` inclusive; DomainError if start > end."""
        self._check_span(start, end)
        out: list[date] = []
        for year in range(start.year, end.year + 1):
            ordered = self._days.year(year).ordered
            out.extend(ordered[bisect_left(ordered, start) : bisect_right(ordered, end)])
        return out

    def sessions_between(self, start: date, end: date) -> memoryview:
        """The sessions of ``sessions(start, end)`` as epoch days (days since 1970-01-01),
        ascending, in a read-only ``memoryview`` of format ``"i"``: no object per session."""
        self._check_span(start, end)
        return self._days.session_days.between(start, end)[0]

    def next_session(self, d: date) -> date:
        """The first session strictly after ``d``."""
        _require_date(d)
        nxt = d
        while True:
            if nxt >= LAST_DATE:
                raise out_of_range(f"the session after {d.isoformat()}")
            nxt += ONE_DAY
            if self.is_session(nxt):
                return nxt

    def previous_session(self, d: date) -> date:
        """The last session strictly before ``d``."""
        _require_date(d)
        prv = d
        while True:
            if prv <= FIRST_DATE:
                raise out_of_range(f"the session before {d.isoformat()}")
            prv -= ONE_DAY
            if self.is_session(prv):
                return prv

    def holidays(self, start: date, end: date) -> list[Holiday]:
        """Weekday non-sessions from ``start`` to ``end`` inclusive, with their names."""
        self._check_span(start, end)
        out: list[Holiday] = []
        for year in range(start.year, end.year + 1):
            for d, name in sorted(self._days.year(year).holidays.items()):
                if start <= d <= end:
                    out.append(Holiday(d, name))
        return out

    def early_closes(self, start: date, end: date) -> list[EarlyClose]:
        """Sessions from ``start`` to ``end`` that close early, with the UTC close."""
        out: list[EarlyClose] = []
        for d in self.sessions(start, end):
            local = self._early_close_local(d)
            if local is not None:
                out.append(EarlyClose(d, _at(d, local, self._template.tz)))
        return out

    # --------------------------------------------------------------- windows

    def session_windows(self, d: date) -> tuple[Window, ...]:
        """The trading windows (open_utc, close_utc) of session ``d``, ascending.

        Globex sessions include the halt-holiday window (prior evening to the group's
        holiday halt) when the weekday before ``d`` is such a holiday. DomainError if ``d`` is
        not a session.
        """
        cached = self._windows.get(d)
        if cached is not None:
            return cached
        if not self.is_session(d):
            raise DomainError(f"{d.isoformat()} is not a session of {self._name}")
        windows = self._windows[d] = self._compute_windows(d)
        return windows

    def forget_windows(self) -> None:
        """Drop the cached trading windows (they are computed again on the next query)."""
        self._windows.clear()

    def _compute_windows(self, d: date) -> tuple[Window, ...]:
        tpl = self._template
        windows: list[Window] = []
        halt = self._halt_window(d)
        if halt is not None:
            windows.append(halt)
        early = self._early_close_local(d)
        early_utc = None if early is None else _at(d, early, tpl.tz)
        for seg in tpl.segments:
            opens = _at(d - ONE_DAY if seg.opens_previous_day else d, seg.open, tpl.tz)
            closes = _at(d, seg.close, tpl.tz)
            if early_utc is not None:
                if opens >= early_utc:
                    continue
                closes = min(closes, early_utc)
            windows.append((opens, closes))
        return tuple(windows)

    def session_bounds(self, d: date) -> tuple[datetime, datetime]:
        """(open_utc, close_utc) of session ``d``: first window open, last window close."""
        windows = self.session_windows(d)
        return windows[0][0], windows[-1][1]

    def session_bounds_between(self, start: date, end: date) -> SessionColumns:
        """The sessions from ``start`` to ``end`` inclusive with their ``session_bounds``, as
        columns of epoch days and epoch seconds (see ``SessionColumns``)."""
        self._check_span(start, end)
        days, opens, closes = self._bounds.between(start, end)
        return SessionColumns(days, opens, closes)

    def _bounds_of_year(self, year: int) -> Columns:
        days, opens, closes = array(DAY_TYPECODE), array(SECOND_TYPECODE), array(SECOND_TYPECODE)
        for d in self._days.year(year).ordered:
            # Reuses cached windows but caches none: decades of them would stay in memory.
            windows = self._windows.get(d) or self._compute_windows(d)
            days.append(epoch_day(d))
            opens.append(epoch_second(windows[0][0]))
            closes.append(epoch_second(windows[-1][1]))
        return days, opens, closes

    def regular_hours(self, d: date) -> Window:
        """(open_utc, close_utc) of a full trading day ``d`` by the template: no early close,
        no holiday halt, and ``d`` need not be a session (e.g. 09:30-16:00 ET for the NYSE)."""
        _require_date(d)
        tpl = self._template
        first, last = tpl.segments[0], tpl.segments[-1]
        opens_on = d - ONE_DAY if first.opens_previous_day else d
        return _at(opens_on, first.open, tpl.tz), _at(d, last.close, tpl.tz)

    def extended_hours(self, d: date) -> Window:
        """(open_utc, close_utc) of session ``d`` with pre- and post-market included, the
        post-market ending earlier on an early-close day (NYSE: 04:00-20:00 ET, 04:00-17:00
        ET after a 13:00 close). DomainError when the template has no extended hours or
        ``d`` is not a session."""
        extended = self._template.extended
        if extended is None:
            raise DomainError(f"{self._name} has no extended hours")
        if not self.is_session(d):
            raise DomainError(f"{d.isoformat()} is not a session of {self._name}")
        close = extended.close if self._early_close_local(d) is None else extended.early_close
        return _at(d, extended.open, self._template.tz), _at(d, close, self._template.tz)

    def trade_date_at(self, ts: datetime) -> date | None:
        """The session whose windows contain ``ts`` (open inclusive, close exclusive)."""
        ts = _require_aware(ts)
        for d in self._sessions_from(self._local_date(ts), 2):
            for opens, closes in self.session_windows(d):
                if opens <= ts < closes:
                    return d
        return None

    def is_open_at(self, ts: datetime) -> bool:
        """Whether the market trades at ``ts`` (inside some session window)."""
        return self.trade_date_at(ts) is not None

    def next_open(self, ts: datetime) -> datetime:
        """The first window open strictly after ``ts`` (UTC); DateOutOfRange past 2060."""
        return self._next_edge(ts, "open")

    def next_close(self, ts: datetime) -> datetime:
        """The first window close strictly after ``ts`` (UTC), midday halts included."""
        return self._next_edge(ts, "close")

    # --------------------------------------------------------------- helpers

    def _next_edge(self, ts: datetime, edge: Literal["open", "close"]) -> datetime:
        """The first window ``edge`` strictly after ``ts``."""
        ts = _require_aware(ts)
        side = 0 if edge == "open" else 1
        for d in self._sessions_from(self._local_date(ts), None):
            for window in self.session_windows(d):
                if window[side] > ts:
                    return window[side]
        raise out_of_range(f"the next {edge} after {ts.isoformat()}")

    def _check_span(self, start: date, end: date) -> None:
        _require_date(start, "start")
        _require_date(end, "end")
        if start > end:
            raise DomainError(f"start {start.isoformat()} is after end {end.isoformat()}")
        if start < FIRST_DATE or end > LAST_DATE:
            raise out_of_range(f"{start.isoformat()}..{end.isoformat()}")

    def _local_date(self, ts: datetime) -> date:
        local = ts.astimezone(_zone(self._template.tz)).date()
        if not FIRST_DATE <= local <= LAST_DATE:
            raise out_of_range(local.isoformat())
        return local

    def _sessions_from(self, d: date, limit: int | None) -> Iterator[date]:
        """Sessions on or after ``d``, at most ``limit`` of them, stopping at the range end."""
        current = d if self.is_session(d) else None
        count = 0
        while limit is None or count < limit:
            if current is None:
                try:
                    current = self.next_session(d)
                except DomainError:
                    return
            yield current
            count += 1
            d, current = current, None

    def _early_close_local(self, d: date) -> time | None:
        # The day table holds each short session's close in this calendar's local time.
        return self._days.year(d.year).half_days.get(d)

    def _halt_window(self, d: date) -> Window | None:
        """The window on the halt holiday just before ``d``, if there is one."""
        holiday = d - timedelta(days=3 if d.weekday() == MONDAY else 1)
        if holiday < FIRST_DATE:
            return None
        halt = self._days.year(holiday.year).halt_ends.get(holiday)
        if halt is None:
            return None
        tpl = self._template
        opens = _at(holiday - ONE_DAY, tpl.segments[0].open, tpl.tz)
        return opens, _at(holiday, halt, tpl.tz)
