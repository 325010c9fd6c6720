"""When listed options stop: 16:00 New York time on their expiration date."""

import datetime as dt
from zoneinfo import ZoneInfo

from trade_analyst.domain.errors import DomainError

_NEW_YORK = "America/New_York"
_EXPIRY_TIME = dt.time(16)
SECONDS_PER_YEAR = 365.0 * 86400.0

__all__ = ["SECONDS_PER_YEAR", "expires_at", "years_to_expiry"]


def expires_at(expiration: dt.date) -> dt.datetime:
    """The instant (UTC) trading in options of ``expiration`` ends."""
    return dt.datetime.combine(expiration, _EXPIRY_TIME, tzinfo=ZoneInfo(_NEW_YORK)).astimezone(
        dt.UTC
    )


def years_to_expiry(expiration: dt.date, as_of: dt.datetime) -> float:
    """Calendar time left in years (365-day), 0 once expired; ``as_of`` must be aware."""
    if as_of.tzinfo is None or as_of.utcoffset() is None:
        raise DomainError(f"as_of must be an aware datetime, got {as_of.isoformat()}")
    return max((expires_at(expiration) - as_of).total_seconds(), 0.0) / SECONDS_PER_YEAR
