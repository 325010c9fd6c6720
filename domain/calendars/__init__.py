"""Exchange calendars: NYSE sessions, CME trade dates and CME Globex session windows.

Three notions are kept apart: NYSE sessions; CME trade dates (the business days futures
expiry rules count); Globex session windows per product group (17:00 CT open the evening
before, midday halts on US holidays, trade-date assignment). Everything is rules plus dated
exceptions, defined for 1990-01-01..2060-12-31, built lazily per year and cached.

This package knows templates, not futures: ``template_calendar`` builds the calendar of a
template, and the futures registry says which template each root follows.

    >>> from datetime import date
    >>> from trade_analyst.domain.calendars import get_calendar
    >>> get_calendar("nyse").is_session(date(2025, 1, 9))
    False
    >>> get_calendar("cme").is_session(date(2025, 1, 9))
    True

Bulk queries return columns (``sessions_between``, ``session_bounds_between``): sessions as
epoch days and their bounds as epoch seconds, in read-only memoryviews of precomputed arrays.

    >>> from trade_analyst.domain.calendars import date_of_epoch_day
    >>> days = get_calendar("nyse").sessions_between(date(2025, 1, 8), date(2025, 1, 10))
    >>> days.format, [date_of_epoch_day(day).isoformat() for day in days]
    ('i', ['2025-01-08', '2025-01-10'])
"""

from trade_analyst.domain.calendars.arithmetic import add_sessions
from trade_analyst.domain.calendars.bounds import FIRST_DATE, LAST_DATE
from trade_analyst.domain.calendars.calendar import TradingCalendar
from trade_analyst.domain.calendars.columns import (
    SessionColumns,
    date_of_epoch_day,
    epoch_day,
    epoch_second,
    instant_of_epoch_second,
)
from trade_analyst.domain.calendars.protocol import Calendar
from trade_analyst.domain.calendars.registry import (
    _clear_caches,
    cme_trade_dates,
    get_calendar,
    nyse,
    template_calendar,
)
from trade_analyst.domain.calendars.templates import TEMPLATES, SessionTemplate
from trade_analyst.domain.calendars.uk import is_uk_business_day, uk_bank_holidays
from trade_analyst.domain.calendars.values import EarlyClose, Holiday

TEMPLATE_NAMES: tuple[str, ...] = tuple(TEMPLATES)

__all__ = [
    "FIRST_DATE",
    "LAST_DATE",
    "TEMPLATE_NAMES",
    "Calendar",
    "EarlyClose",
    "Holiday",
    "SessionColumns",
    "SessionTemplate",
    "TradingCalendar",
    "_clear_caches",
    "add_sessions",
    "cme_trade_dates",
    "date_of_epoch_day",
    "epoch_day",
    "epoch_second",
    "get_calendar",
    "instant_of_epoch_second",
    "is_uk_business_day",
    "nyse",
    "template_calendar",
    "uk_bank_holidays",
]
