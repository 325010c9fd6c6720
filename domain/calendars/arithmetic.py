"""Business-day arithmetic over any calendar (what expiry rules count)."""

from datetime import date

from trade_analyst.domain.calendars.protocol import Calendar
from trade_analyst.domain.errors import DomainError


def add_sessions(cal: Calendar, d: date, n: int) -> date:
    """Move ``n`` sessions from ``d``: forward when n > 0, back when n < 0.

    ``d`` itself need not be a session; n == 0 returns ``d`` only if it is a session
    (otherwise DomainError, since "zero sessions from a holiday" is ambiguous).
    """
    if n == 0:
        if not cal.is_session(d):
            raise DomainError(f"{d.isoformat()} is not a session of {cal.name}; use n != 0")
        return d
    step = cal.next_session if n > 0 else cal.previous_session
    for _ in range(abs(n)):
        d = step(d)
    return d
