"""US exchange holiday rules per year: NYSE holidays and early closes, CME trade-date holidays.

Everything here is a pure function of the year, returning dicts keyed by date; the
per-year tables in ``tables`` call these once per year and cache the result.
"""

from datetime import date, time, timedelta

from trade_analyst.domain.calendars.date_rules import (
    FRIDAY,
    MONDAY,
    ONE_DAY,
    SATURDAY,
    THURSDAY,
    TUESDAY,
    WEDNESDAY,
    good_friday,
    is_weekday,
    last_weekday,
    nearest_weekday,
    nth_weekday,
    sunday_to_monday,
)
from trade_analyst.domain.calendars.exceptions import NYSE_ADHOC_CLOSURES, NYSE_ADHOC_EARLY_CLOSES

NEW_YEAR = "New Year's Day"
MLK = "Martin Luther King Jr. Day"
PRESIDENTS = "Presidents' Day"
GOOD_FRIDAY = "Good Friday"
MEMORIAL = "Memorial Day"
JUNETEENTH = "Juneteenth National Independence Day"
INDEPENDENCE = "Independence Day"
LABOR = "Labor Day"
THANKSGIVING = "Thanksgiving Day"
CHRISTMAS = "Christmas Day"

# Holidays on which CME Globex trades from the prior evening to a midday halt (the minutes
# belong to the next trade date); the other three are full closures.
HALT_HOLIDAYS = frozenset(
    {MLK, PRESIDENTS, MEMORIAL, JUNETEENTH, INDEPENDENCE, LABOR, THANKSGIVING}
)


def thanksgiving(year: int) -> date:
    """Fourth Thursday of November."""
    return nth_weekday(year, 11, THURSDAY, 4)


def us_market_holidays(year: int) -> dict[date, str]:
    """The rule-based US market holidays of a year, observed dates, weekdays only.

    New Year's Day moves Sunday→Monday but is lost when it falls on a Saturday (the NYSE
    does not close the Friday before, since that is the prior year's last session). MLK Day
    counts from 1998 and Juneteenth from 2022, as on the NYSE. This set is shared by the
    NYSE and the CME trade-date calendar.
    """
    rules: list[tuple[date, str]] = [
        (sunday_to_monday(date(year, 1, 1)), NEW_YEAR),
        (nth_weekday(year, 2, MONDAY, 3), PRESIDENTS),
        (good_friday(year), GOOD_FRIDAY),
        (last_weekday(year, 5, MONDAY), MEMORIAL),
        (nearest_weekday(date(year, 7, 4)), INDEPENDENCE),
        (nth_weekday(year, 9, MONDAY, 1), LABOR),
        (thanksgiving(year), THANKSGIVING),
        (nearest_weekday(date(year, 12, 25)), CHRISTMAS),
    ]
    if year >= 1998:
        rules.append((nth_weekday(year, 1, MONDAY, 3), MLK))
    if year >= 2022:
        rules.append((nearest_weekday(date(year, 6, 19)), JUNETEENTH))
    return {d: name for d, name in rules if is_weekday(d)}


def nyse_holidays(year: int) -> dict[date, str]:
    """NYSE weekday closures of a year: the rule holidays plus the dated ad hoc closures."""
    holidays = us_market_holidays(year)
    holidays.update({d: why for d, why in NYSE_ADHOC_CLOSURES.items() if d.year == year})
    return holidays


def nyse_early_close_time(year: int) -> time:
    """The NYSE early-close time of an era: 14:00 ET before 1993, 13:00 ET since."""
    return time(14) if year < 1993 else time(13)


def nyse_early_closes(year: int) -> dict[date, time]:
    """NYSE early closes of a year (local ET close time), excluding days that are closed.

    Rules: July 3 when it is a Mon/Tue/Thu (since 1995), Wed July 3 (since 2013), Fri July 5
    (1995-2012); the day after Thanksgiving (since 1992); Dec 24 when Mon-Thu; plus the
    dated ad hoc early closes.
    """
    close = nyse_early_close_time(year)
    days: set[date] = set()
    july3 = date(year, 7, 3)
    if year >= 1995 and july3.weekday() in (MONDAY, TUESDAY, THURSDAY):
        days.add(july3)
    if year >= 2013 and july3.weekday() == WEDNESDAY:
        days.add(july3)
    july5 = date(year, 7, 5)
    if 1995 <= year <= 2012 and july5.weekday() == FRIDAY:
        days.add(july5)
    if year >= 1992:
        days.add(thanksgiving(year) + ONE_DAY)
    dec24 = date(year, 12, 24)
    if dec24.weekday() <= THURSDAY:
        days.add(dec24)
    days.update(d for d in NYSE_ADHOC_EARLY_CLOSES if d.year == year)
    closed = nyse_holidays(year)
    return {d: close for d in days if d not in closed and d.weekday() < SATURDAY}


def weekdays_of(year: int) -> list[date]:
    """Every Monday..Friday of a year, in order."""
    first = date(year, 1, 1)
    days = (first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days))
    return [d for d in days if is_weekday(d)]
