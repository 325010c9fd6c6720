"""Business-day arithmetic for expiry rules, over the calendars in ``domain.calendars``.

Rules name the day set they count ("cme", "nyse", "cme+nyse", "cme+uk") instead of holding
a calendar object, so rule values stay plain hashable data.
"""

import calendar as _stdlib_calendar
import functools
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal, get_args

from trade_analyst.domain.calendars import get_calendar, is_uk_business_day
from trade_analyst.domain.errors import DomainError

BusinessDay = Callable[[date], bool]
DaySet = Literal["cme", "nyse", "cme+nyse", "cme+uk"]

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY = range(5)
_ONE_DAY = timedelta(days=1)


@functools.cache
def _session_test(name: str) -> BusinessDay:
    return get_calendar(name).is_session


def is_business_day(day_set: DaySet, day: date) -> bool:
    """Whether ``day`` counts as a business day for rules that count ``day_set``."""
    if day_set == "cme":
        return _session_test("cme")(day)
    if day_set == "nyse":
        return _session_test("nyse")(day)
    if day_set == "cme+nyse":
        return _session_test("cme")(day) and _session_test("nyse")(day)
    if day_set == "cme+uk":
        return _session_test("cme")(day) and is_uk_business_day(day)
    # Never a default: a rule whose day set was lost would move its expiries by days near
    # holidays only one of the calendars has, and nothing else would notice.
    raise DomainError(f"unknown business-day set {day_set!r}; known: {', '.join(get_args(DaySet))}")


def on_or_before(day_set: DaySet, day: date) -> date:
    while not is_business_day(day_set, day):
        day -= _ONE_DAY
    return day


def business_days_before(day_set: DaySet, day: date, count: int) -> date:
    """The ``count``-th business day strictly before ``day`` (``day`` itself never counts)."""
    for _ in range(count):
        day = on_or_before(day_set, day - _ONE_DAY)
    return day


def business_days_after(day_set: DaySet, day: date, count: int) -> date:
    """The ``count``-th business day strictly after ``day``."""
    for _ in range(count):
        day += _ONE_DAY
        while not is_business_day(day_set, day):
            day += _ONE_DAY
    return day


def last_day_of_month(year: int, month: int) -> date:
    return date(year, month, _stdlib_calendar.monthrange(year, month)[1])


def nth_last_business_day(day_set: DaySet, year: int, month: int, n: int) -> date:
    """n = 1 is the last business day of the month, n = 3 the third-last."""
    last = on_or_before(day_set, last_day_of_month(year, month))
    return business_days_before(day_set, last, n - 1)


def nth_business_day(day_set: DaySet, year: int, month: int, n: int) -> date:
    """n = 1 is the first business day of the month."""
    return business_days_after(day_set, date(year, month, 1) - _ONE_DAY, n)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of the month (0 = Monday); third Friday = ``(y, m, 4, 3)``."""
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> date:
    last = last_day_of_month(year, month)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    """(year, month) moved by ``months`` (negative = earlier)."""
    year_shift, zero_based = divmod(month - 1 + months, 12)
    return year + year_shift, zero_based + 1
