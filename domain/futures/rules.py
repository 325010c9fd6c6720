"""Date rule families: last trading day and first notice day.

Each rule is a small frozen value with ``date_for(year, month)``: the contract month in,
the date out. ``day_set`` says which business days the rule counts (see ``days``); the
result is always a business day of that set.
"""

from datetime import date, timedelta
from typing import Protocol

import attrs

from trade_analyst.domain.futures import days
from trade_analyst.domain.futures.days import FRIDAY, WEDNESDAY, DaySet

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class DateRule(Protocol):
    @property
    def day_set(self) -> DaySet: ...

    def date_for(self, year: int, month: int) -> date: ...

    def describe(self) -> str: ...


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _month_words(month_offset: int) -> str:
    if month_offset == 0:
        return "the contract month"
    if month_offset == -1:
        return "the month before the contract month"
    return f"the month {month_offset} months after the contract month"


@attrs.frozen
class ThirdFridayOrPrior:
    """Equity index: 3rd Friday; if that is not a trade date, the preceding one.

    Counts days that are both CME trade dates and NYSE sessions: the final settlement is
    a special opening quotation of the cash index, so the stock market must be open too.
    """

    day_set: DaySet = "cme+nyse"

    def date_for(self, year: int, month: int) -> date:
        return days.on_or_before(self.day_set, days.nth_weekday(year, month, FRIDAY, 3))

    def describe(self) -> str:
        return "3rd Friday of the contract month, or the preceding business day"


@attrs.frozen
class BusinessDaysBeforeDayOfMonth:
    """``count`` business days before a fixed calendar day (CL: 25th; grains: 15th).

    ``holiday_adds_day``: CL's rule - when the anchor day is not a business day the
    count starts from the business day before it (so 4 days before the 25th instead of 3).
    Grains count plainly: "the business day before the 15th".
    """

    day: int
    count: int
    month_offset: int = 0
    holiday_adds_day: bool = False
    day_set: DaySet = "cme"

    def date_for(self, year: int, month: int) -> date:
        year, month = days.shift_month(year, month, self.month_offset)
        anchor = date(year, month, self.day)
        if self.holiday_adds_day:
            anchor = days.on_or_before(self.day_set, anchor)
        return days.business_days_before(self.day_set, anchor, self.count)

    def describe(self) -> str:
        extra = " (one more if that day is not a business day)" if self.holiday_adds_day else ""
        where = _month_words(self.month_offset)
        return f"{self.count} business day(s) before day {self.day} of {where}{extra}"


@attrs.frozen
class NthLastBusinessDay:
    """n = 1: last business day of the month; n = 3: third-last (metals)."""

    n: int
    month_offset: int = 0
    day_set: DaySet = "cme"

    def date_for(self, year: int, month: int) -> date:
        year, month = days.shift_month(year, month, self.month_offset)
        return days.nth_last_business_day(self.day_set, year, month, self.n)

    def describe(self) -> str:
        which = "last" if self.n == 1 else f"{_ordinal(self.n)}-last"
        return f"{which} business day of {_month_words(self.month_offset)}"


@attrs.frozen
class NthBusinessDay:
    """n = 1: first business day of the month (HE uses the 10th)."""

    n: int
    month_offset: int = 0
    day_set: DaySet = "cme"

    def date_for(self, year: int, month: int) -> date:
        year, month = days.shift_month(year, month, self.month_offset)
        return days.nth_business_day(self.day_set, year, month, self.n)

    def describe(self) -> str:
        return f"{_ordinal(self.n)} business day of {_month_words(self.month_offset)}"


@attrs.frozen
class BusinessDaysBeforeWeekday:
    """``count`` business days before the ``nth`` weekday of a month (FX, SR3: 3rd Wednesday)."""

    count: int
    weekday: int = WEDNESDAY
    nth: int = 3
    month_offset: int = 0
    day_set: DaySet = "cme"

    def date_for(self, year: int, month: int) -> date:
        year, month = days.shift_month(year, month, self.month_offset)
        anchor = days.nth_weekday(year, month, self.weekday, self.nth)
        return days.business_days_before(self.day_set, anchor, self.count)

    def describe(self) -> str:
        weekday = _WEEKDAYS[self.weekday]
        where = _month_words(self.month_offset)
        return f"{self.count} business day(s) before the {_ordinal(self.nth)} {weekday} of {where}"


@attrs.frozen
class BusinessDaysBeforeRule:
    """Another rule's date moved back ``count`` business days (MCL = CL - 1)."""

    base: DateRule
    count: int
    day_set: DaySet = "cme"

    def date_for(self, year: int, month: int) -> date:
        base = self.base.date_for(year, month)
        return days.business_days_before(self.day_set, base, self.count)

    def describe(self) -> str:
        return f"{self.count} business day(s) before ({self.base.describe()})"


@attrs.frozen
class VixSettlement:
    """CFE VX: the Wednesday 30 days before the 3rd Friday of the following month.

    If that Friday or that Wednesday is not a business day (Cboe holidays, taken as NYSE
    holidays), the business day before the Wednesday. Trading ends on this date (rule in force
    since 2014; earlier contracts stopped the business day before - not modelled).
    """

    day_set: DaySet = "nyse"

    def date_for(self, year: int, month: int) -> date:
        next_year, next_month = days.shift_month(year, month, 1)
        friday = days.nth_weekday(next_year, next_month, FRIDAY, 3)
        wednesday = friday - timedelta(days=30)
        if days.is_business_day(self.day_set, friday) and days.is_business_day(
            self.day_set, wednesday
        ):
            return wednesday
        return days.business_days_before(self.day_set, wednesday, 1)

    def describe(self) -> str:
        return "Wednesday 30 days before the 3rd Friday of the following month"


@attrs.frozen
class LastFridayOrPrior:
    """BTC/MBT: last Friday of the month, or the preceding day that is a UK and US business day."""

    day_set: DaySet = "cme+uk"

    def date_for(self, year: int, month: int) -> date:
        return days.on_or_before(self.day_set, days.last_weekday(year, month, FRIDAY))

    def describe(self) -> str:
        return "last Friday of the contract month, or the preceding UK+US business day"
