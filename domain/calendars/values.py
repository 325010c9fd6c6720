"""Value objects the calendars return."""

from datetime import date, datetime

import attrs


@attrs.frozen(order=True)
class Holiday:
    """A weekday on which the calendar has no session, with the reason (e.g. "Good Friday")."""

    date: date
    name: str


@attrs.frozen(order=True)
class EarlyClose:
    """A session that closes earlier than the template's regular close; close is aware UTC."""

    date: date
    close_utc: datetime
