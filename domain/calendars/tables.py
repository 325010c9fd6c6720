"""Per-year day tables (sessions, holidays, half days), built lazily and cached.

A ``DayTable`` builds a year the first time any date in it is asked about, and keeps the
result; point queries afterwards are one dict lookup plus one set lookup. Bulk queries read
its sessions as one column of epoch days (see ``columns``), built on first bulk use.
"""

from array import array
from collections.abc import Callable
from datetime import date, time

import attrs

from trade_analyst.domain.calendars.bounds import check_year
from trade_analyst.domain.calendars.columns import (
    DAY_TYPECODE,
    Columns,
    YearSpanColumns,
    epoch_day,
)
from trade_analyst.domain.calendars.date_rules import ONE_DAY
from trade_analyst.domain.calendars.exceptions import CME_ADHOC_CLOSURES
from trade_analyst.domain.calendars.us_rules import (
    HALT_HOLIDAYS,
    nyse_early_closes,
    nyse_holidays,
    thanksgiving,
    us_market_holidays,
    weekdays_of,
)


@attrs.frozen
class YearTable:
    """One calendar year of one day table.

    ``holidays`` maps every weekday non-session to its name; ``half_days`` maps shortened
    sessions to their local close time (in the table's own time zone); ``halt_days`` are
    the holidays on which Globex trades until a midday halt.
    """

    sessions: frozenset[date]
    ordered: tuple[date, ...]
    holidays: dict[date, str]
    half_days: dict[date, time]
    halt_days: frozenset[date]


def _year_table(
    year: int,
    holidays: dict[date, str],
    half_days: dict[date, time],
    halt_days: frozenset[date] = frozenset(),
) -> YearTable:
    ordered = tuple(d for d in weekdays_of(year) if d not in holidays)
    return YearTable(frozenset(ordered), ordered, holidays, half_days, halt_days)


def build_nyse_year(year: int) -> YearTable:
    """NYSE sessions: weekdays minus rule holidays and ad hoc closures."""
    return _year_table(year, nyse_holidays(year), nyse_early_closes(year))


def build_cme_year(year: int) -> YearTable:
    """CME trade dates: weekdays minus the US rule holidays.

    The rule set is the NYSE's (MLK from 1998, Juneteenth from 2022, Saturday New Year not
    moved). NYSE ad hoc closures are CME trade dates: the days of mourning 2018-12-05 and
    2025-01-09 (CME kept trading, some products on shortened sessions); Nixon 1994, Reagan
    2004, Ford 2007 and Hurricane Sandy 2012-10-29/30 by the same convention. The only CME
    ad hoc closures are 2001-09-11/12 (see ``exceptions``). Good Fridays with abbreviated
    sessions (rates 2021, equity 2010/2012/2015/2021/2023) are not trade dates here.

    Half days are the NYSE early-close days (all of them are CME trade dates); the close
    time stored is the NYSE one, and each Globex template substitutes its own.
    """
    holidays = us_market_holidays(year)
    halt_days = frozenset(d for d, name in holidays.items() if name in HALT_HOLIDAYS)
    holidays.update({d: why for d, why in CME_ADHOC_CLOSURES.items() if d.year == year})
    half_days = {d: t for d, t in nyse_early_closes(year).items() if d not in holidays}
    return _year_table(year, holidays, half_days, halt_days)


def build_cfe_year(year: int) -> YearTable:
    """CFE (VX) sessions: the NYSE closure set; only the day after Thanksgiving is short.

    This follows exchange_calendars' XCBF (US holidays, NYSE ad hoc closures, 12:15 CT
    close the day after Thanksgiving); CFE did not exist before 2004, so earlier years are
    a projection.
    """
    holidays = nyse_holidays(year)
    black_friday = thanksgiving(year) + ONE_DAY
    half_days = {} if black_friday in holidays else {black_friday: time(12, 15)}
    return _year_table(year, holidays, half_days)


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
CFE_DAYS = DayTable("cfe", build_cfe_year)
