"""Listed option expirations on real dates (NYSE calendar).

Monthlies expire on the third Friday; weeklies on every other Friday. An expiration that
falls on a holiday moves to the session before it (Good Friday -> Thursday), as OCC does.
"""

import datetime as dt

from trade_analyst.domain.calendars import nyse

WEEKLY_HORIZON = dt.timedelta(weeks=8)
MONTHLY_HORIZON_MONTHS = 12
_FRIDAY = 4


def _on_session(day: dt.date) -> dt.date:
    calendar = nyse()
    return day if calendar.is_session(day) else calendar.previous_session(day)


def third_friday(year: int, month: int) -> dt.date:
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(_FRIDAY - first.weekday()) % 7 + 14)


def monthly_expiration(year: int, month: int) -> dt.date:
    """The standard monthly expiration of ``year``-``month``."""
    return _on_session(third_friday(year, month))


def is_monthly(expiration: dt.date) -> bool:
    return expiration == monthly_expiration(expiration.year, expiration.month)


def listed_expirations(today: dt.date) -> list[dt.date]:
    """Expirations listed on ``today``: weeklies for 8 weeks, monthlies for 12 months."""
    found: set[dt.date] = set()
    friday = today + dt.timedelta(days=(_FRIDAY - today.weekday()) % 7)
    while friday <= today + WEEKLY_HORIZON:
        found.add(_on_session(friday))
        friday += dt.timedelta(weeks=1)
    year, month = today.year, today.month
    for _ in range(MONTHLY_HORIZON_MONTHS + 1):
        found.add(monthly_expiration(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return sorted(day for day in found if day >= today)
