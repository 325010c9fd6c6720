"""The ``Calendar`` protocol every calendar object satisfies."""

from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from trade_analyst.domain.calendars.columns import SessionColumns
from trade_analyst.domain.calendars.values import EarlyClose, Holiday


class Calendar(Protocol):
    """Sessions (trade dates) plus their trading windows, for 1990-01-01..2060-12-31.

    Dates outside the range raise ``DateOutOfRange``; other bad input raises
    ``DomainError``. Datetimes are timezone-aware and returned in UTC. A window is
    half-open: trading at ``open`` inclusive, not at ``close``.
    """

    @property
    def name(self) -> str:
        """The calendar's name, e.g. "nyse", "cme" or "/ES"."""
        ...

    @property
    def zone(self) -> ZoneInfo:
        """The exchange's time zone, the one its trading hours are set in."""
        ...

    def is_session(self, d: date) -> bool:
        """Whether ``d`` is a session (for CME calendars: a trade date)."""
        ...

    def sessions(self, start: date, end: date) -> list[date]:
        """All sessions from ``start`` to ``end`` inclusive, ascending."""
        ...

    def sessions_between(self, start: date, end: date) -> memoryview:
        """The sessions of ``sessions(start, end)`` as epoch days (days since 1970-01-01) in
        a read-only ``memoryview`` of format ``"i"``: for ranges too long for an object each."""
        ...

    def next_session(self, d: date) -> date:
        """The first session strictly after ``d``."""
        ...

    def previous_session(self, d: date) -> date:
        """The last session strictly before ``d``."""
        ...

    def session_bounds(self, d: date) -> tuple[datetime, datetime]:
        """(open_utc, close_utc) of session ``d``; Globex opens the previous evening."""
        ...

    def session_windows(self, d: date) -> tuple[tuple[datetime, datetime], ...]:
        """The trading windows (open_utc, close_utc) of session ``d``, ascending."""
        ...

    def session_bounds_between(self, start: date, end: date) -> SessionColumns:
        """The sessions from ``start`` to ``end`` inclusive with their ``session_bounds``,
        as columns of epoch days and epoch seconds."""
        ...

    def regular_hours(self, d: date) -> tuple[datetime, datetime]:
        """(open_utc, close_utc) of a full trading day ``d``: no early close, any date."""
        ...

    def extended_hours(self, d: date) -> tuple[datetime, datetime]:
        """(open_utc, close_utc) of session ``d`` with pre- and post-market hours."""
        ...

    def trade_date_at(self, ts: datetime) -> date | None:
        """The session whose trading windows contain ``ts``, else None."""
        ...

    def is_open_at(self, ts: datetime) -> bool:
        """Whether the market trades at ``ts``."""
        ...

    def next_open(self, ts: datetime) -> datetime:
        """The first window open strictly after ``ts``, in UTC."""
        ...

    def next_close(self, ts: datetime) -> datetime:
        """The first window close (including midday halts) strictly after ``ts``, in UTC."""
        ...

    def holidays(self, start: date, end: date) -> list[Holiday]:
        """Weekday non-sessions from ``start`` to ``end`` inclusive, with names."""
        ...

    def early_closes(self, start: date, end: date) -> list[EarlyClose]:
        """Sessions from ``start`` to ``end`` that close before the regular time."""
        ...
