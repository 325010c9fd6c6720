"""Per-year day tables (sessions, holidays, half days), built lazily and cached.

A ``DayTable`` builds a year the first time any date in it is asked about, and keeps the
result; point queries afterwards are one dict lookup plus one set lookup. Bulk queries read
its sessions as one column of epoch days (see ``columns``), built on first bulk use.
"""

import functools
from array import array
from collections.abc import Callable
from datetime import date, time

import attrs

from trade_analyst.domain.calendars.bounds import check_year
from trade_analyst.domain.calendars.cme_hours import GROUP_HOURS, Eras, GroupHours, value_on
from trade_analyst.domain.calendars.columns import (
    DAY_TYPECODE,
    Columns,
    YearSpanColumns,
    epoch_day,
)
from trade_analyst.domain.calendars.exceptions import CME_ADHOC_CLOSURES
from trade_analyst.domain.calendars.us_rules import (
    HALT_HOLIDAYS,
    nyse_early_closes,
    nyse_holidays,
    us_market_holidays,
    weekdays_of,
)


@attrs.frozen
class YearTable:
    """One calendar year of one day table.

    ``holidays`` maps every weekday non-session to its name; ``half_days`` maps shortened
    sessions to their local close time (in the table's own time zone); ``halt_ends`` maps
    the holidays on which Globex trades until a halt to the local halt time (those minutes
    belong to the next session).
    """

    sessions: frozenset[date]
    ordered: tuple[date, ...]
    holidays: dict[date, str]
    half_days: dict[date, time]
    halt_ends: dict[date, time]


def _year_table(
    year: int,
    holidays: dict[date, str],
    half_days: dict[date, time],
    halt_ends: dict[date, time] | None = None,
) -> YearTable:
    ordered = tuple(d for d in weekdays_of(year) if d not in holidays)
    return YearTable(frozenset(ordered), ordered, holidays, half_days, halt_ends or {})


def build_nyse_year(year: int) -> YearTable:
    """NYSE sessions: weekdays minus rule holidays and ad hoc closures."""
    return _year_table(year, nyse_holidays(year), nyse_early_closes(year))


def _cme_exchange_year(year: int) -> tuple[dict[date, str], dict[date, time], set[date]]:
    """CME trade-date holidays, NYSE half days (NYSE close times) and halt holidays.

    The rule set is the NYSE's (MLK from 1998, Juneteenth from 2022, Saturday New Year not
    moved). NYSE ad hoc closures are CME trade dates: the days of mourning 2018-12-05 and
    2025-01-09 (CME kept trading, some groups on shortened sessions); Nixon 1994, Reagan
    2004, Ford 2007 and Hurricane Sandy 2012-10-29/30 by the same convention. The only CME
    ad hoc closures are 2001-09-11/12 (see ``exceptions``).
    """
    holidays = us_market_holidays(year)
    halt_days = {d for d, name in holidays.items() if name in HALT_HOLIDAYS}
    holidays.update({d: why for d, why in CME_ADHOC_CLOSURES.items() if d.year == year})
    half_days = {d: t for d, t in nyse_early_closes(year).items() if d not in holidays}
    return holidays, half_days, halt_days


def _nyse_closure_year(year: int) -> tuple[dict[date, str], dict[date, time], set[date]]:
    """CFE's day set: the NYSE closures and half days; CFE does not trade on any holiday."""
    return nyse_holidays(year), nyse_early_closes(year), set()


def _half_day_rule(hours: GroupHours, d: date) -> Eras:
    if d.month == 11:
        return hours.thanksgiving_friday
    if d.month == 12:
        return hours.christmas_eve
    return hours.july_3


def build_group_year(
    year: int, group: str, *, exchange_trade_dates_only: bool = False
) -> YearTable:
    """The trade dates and hours of a CME product group (``cme_hours.GROUP_HOURS``).

    Sessions are the CME trade dates (for "cfe", the NYSE closure set) minus the group's
    dated closures plus its dated holiday sessions (Good Friday in jobs-report years);
    half days and halts take the group's close and halt times for the era.
    ``exchange_trade_dates_only`` keeps the exchange-wide trade-date set (no dated session
    or closure), for the calendar that expiry rules count.
    """
    hours = GROUP_HOURS[group]
    base = _nyse_closure_year if group == "cfe" else _cme_exchange_year
    holidays, nyse_half_days, halt_days = base(year)
    half_days: dict[date, time] = {}
    for d in nyse_half_days:
        close = value_on(_half_day_rule(hours, d), d)
        if close is not None:
            half_days[d] = close
    halt_ends: dict[date, time] = {}
    for d in halt_days:
        halt = value_on(hours.halt, d)
        if halt is not None:
            halt_ends[d] = halt
    for exc in hours.exceptions:
        if exc.day.year != year:
            continue
        if exc.kind == "halt" and exc.day in halt_ends and exc.at is not None:
            halt_ends[exc.day] = exc.at
        elif exc.kind == "close" and exc.day not in holidays and exc.at is not None:
            half_days[exc.day] = exc.at
        elif exchange_trade_dates_only:
            continue
        elif exc.kind == "closed":
            holidays[exc.day] = exc.why
            half_days.pop(exc.day, None)
        elif exc.kind == "session" and exc.at is not None:
            holidays.pop(exc.day, None)
            half_days[exc.day] = exc.at
    return _year_table(year, holidays, half_days, halt_ends)


def build_cme_year(year: int) -> YearTable:
    """CME trade dates (the business days expiry rules count) with equity-index hours.

    Good Fridays with abbreviated sessions (equity and rates in jobs-report years) are not
    trade dates here: they are exchange holidays on which only some groups traded.
    """
    return build_group_year(year, "equity_index", exchange_trade_dates_only=True)


class DayTable:
    """Lazily built, cached per-year tables for one kind of calendar day."""

    def __init__(self, name: str, build: Callable[[int], YearTable]) -> None:
        self.name = name
        self._build = build
        self.years: dict[int, YearTable] = {}
        # year -> session set, the one structure the hot path touches.
        self.session_sets: dict[int, frozenset[date]] = {}
        # The sessions as epoch days, for ranges: shared by every calendar on this table.
        self.session_days = YearSpanColumns((DAY_TYPECODE,), self._session_days_of)

    def year(self, year: int) -> YearTable:
        """The table for ``year``; builds it on first use; DateOutOfRange outside 1990..2060."""
        table = self.years.get(year)
        if table is None:
            check_year(year)
            table = self._build(year)
            self.years[year] = table
            self.session_sets[year] = table.sessions
        return table

    def clear(self) -> None:
        """Forget every built year and column (the benchmark uses it to time a cold build)."""
        self.years.clear()
        self.session_sets.clear()
        self.session_days.clear()

    def _session_days_of(self, year: int) -> Columns:
        return (array(DAY_TYPECODE, [epoch_day(d) for d in self.year(year).ordered]),)


NYSE_DAYS = DayTable("nyse", build_nyse_year)
CME_DAYS = DayTable("cme", build_cme_year)
# One day table per product group, keyed by session template name.
GROUP_DAYS: dict[str, DayTable] = {
    group: DayTable(group, functools.partial(build_group_year, group=group))
    for group in GROUP_HOURS
}
