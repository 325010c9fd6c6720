"""CME Globex holiday hours per product group: rules by era plus dated exceptions, each
with the source it was taken from.

Every group (a session template) says, for the days around US holidays:
- ``halt``: when Globex halts on a halt holiday (MLK, Presidents', Memorial, Juneteenth,
  Independence, Labor, Thanksgiving). The minutes before the halt belong to the next trade
  date ("reopen for trade date of ..."); None: the group does not trade that day.
- ``thanksgiving_friday``, ``christmas_eve``, ``july_3``: the close on the NYSE half days
  (the day after Thanksgiving; Dec 24; the July 3 / July 5 and ad hoc half days). None:
  regular close.
Each rule is a tuple of ``Era`` (value in force from a date on) and each one-off day is a
``DatedException``; both carry a ``source``. Sources name the CME notice or press release
(title and date) where one was found; otherwise they say which secondary source the time
comes from and that no CME notice was found. All times are America/Chicago.

The tables are complete for 2015-2026; outside that span the eras extend the last known
rule (to 1990 and to 2060).
"""

from datetime import date, time
from typing import Literal

import attrs

# Sources quoted more than once.
CME_2026 = "CME Group 2026 CME Globex holiday trading schedule (copy at edgeclear.com)"
CME_JULY_2013 = "CME Globex holiday schedule for July 3-5, 2013 (copy, 2013-06-28)"
CME_MLK_2006 = (
    "CME press release 'CME Announces Dr. Martin Luther King Jr. Holiday Trading Hours', 2006-01-10"
)
CME_LABOR_2007 = "CME Group press release 'CME Group Announces Labor Day Holiday Hours', 2007-08-20"
CME_BUSH_2018 = (
    "CME Group press release 'CME Group U.S. Equity, Interest Rate Markets to Close for "
    "National Day of Mourning', 2018-12-02 (PR Newswire)"
)
CME_CARTER_2025 = (
    "CME Group press release 'CME Group Announces Trading Hours for U.S. National Day of "
    "Mourning to Honor Former President Jimmy Carter', 2024-12-30"
)
CME_2026_ENERGY = (
    "CME Group 2026 holiday trading hours for GC/MCL, quoted in pandas_market_calendars "
    "issue #464, 2026-05-29 (Juneteenth and July 3 13:00 ET, Labor Day 14:30 ET, day after "
    "Thanksgiving 14:45 ET)"
)
CME_2026_EQUITY = (
    "CME Group 2026 holiday trading hours for equity index, quoted in pandas_market_calendars "
    "issue #464, 2026-05-29 (day after Thanksgiving 13:15 ET)"
)
LEAN = "no CME notice found; QuantConnect Lean market-hours database (2026-08 snapshot)"
UNSOURCED = "no source found; the previous era's rule is extended"
JULY_2017 = (
    "daytradetowin.com summary of CME's July 3-4, 2017 hours (equities 13:15 ET on July 3; "
    "equities, rates, FX, energy, metals halt 13:00 ET on July 4)"
)


@attrs.frozen
class Era:
    """A rule value in force from ``since`` on (until the next era)."""

    since: date
    value: time | None
    source: str


Eras = tuple[Era, ...]

ExceptionKind = Literal["closed", "close", "halt", "session"]


@attrs.frozen
class DatedException:
    """One day on which a group departs from its rules.

    ``closed``: no trade date (the group closes at its regular time the day before and
    reopens for the next trade date). ``close``: a trade date closing early at ``at``.
    ``halt``: a halt holiday whose halt is at ``at``. ``session``: a weekday holiday on
    which the group has a short trade date closing at ``at`` (Good Friday with a jobs
    report), opening the evening before.
    """

    day: date
    kind: ExceptionKind
    at: time | None
    why: str
    source: str


@attrs.frozen
class GroupHours:
    """The holiday hours of one product group."""

    halt: Eras
    thanksgiving_friday: Eras
    christmas_eve: Eras
    july_3: Eras
    exceptions: tuple[DatedException, ...] = ()


def value_on(eras: Eras, day: date) -> time | None:
    """The value of the era in force on ``day`` (the first era extends backwards)."""
    value = eras[0].value
    for era in eras:
        if era.since > day:
            break
        value = era.value
    return value


def _always(value: time | None, source: str) -> Eras:
    return (Era(date(1990, 1, 1), value, source),)


_START = date(1990, 1, 1)
NOON = time(12)
T1215 = time(12, 15)

BUSH = "National Day of Mourning for President George H. W. Bush"
CARTER = "National Day of Mourning for President Jimmy Carter"
GOOD_FRIDAY_JOBS = "Good Friday with the employment report: abbreviated session"

# Good Fridays on which equity, interest rate and FX products traded a short session
# because the employment report came out (pandas_market_calendars lists 2010, 2012, 2015,
# 2021, 2023 and 2026 for equities; Lean's database has the same days for ES, ZN and 6E,
# and 2021, 2023, 2026 for BTC).
_SECONDARY_GOOD_FRIDAY = (
    "Lean market-hours database (ES 09:15 ET, ZN and 6E 10:15 CT) and "
    "pandas_market_calendars' CME_Equity 08:15 CT Good Friday closes agree"
)
_GOOD_FRIDAY_SOURCES: dict[date, str] = {
    date(2010, 4, 2): f"no CME notice found; {_SECONDARY_GOOD_FRIDAY}",
    date(2012, 4, 6): f"no CME notice found; {_SECONDARY_GOOD_FRIDAY}",
    date(2015, 4, 3): f"no CME notice found; {_SECONDARY_GOOD_FRIDAY}",
    date(2021, 4, 2): (
        "CME Group '2021 Good Friday Holiday Schedule' (holiday-calendar file, quoted in "
        "pandas_market_calendars issue #132, 2021-04-02: FX and interest rates abbreviated, "
        f"Globex open until 10:15 CT); {_SECONDARY_GOOD_FRIDAY}"
    ),
    date(2023, 4, 7): (
        "CME Group trading-hours page for trade date 2023-04-07 (cited in "
        f"pandas_market_calendars PR #311, 2023-12-17); {_SECONDARY_GOOD_FRIDAY}"
    ),
    date(2026, 4, 3): (
        "CME Group trading hours for 2026-04-03 as encoded by pandas_market_calendars PR "
        f"#456 (2026-04-04); {_SECONDARY_GOOD_FRIDAY}"
    ),
}
_CRYPTO_GOOD_FRIDAY_SOURCE = (
    "no CME notice found; Lean market-hours database BTC (2021 08:15 CT, 2023 and 2026 "
    "10:15 CT) and pandas_market_calendars' CME Globex Crypto agree"
)

_FINANCIAL_HALF_DAYS = _always(
    T1215, "Lean market-hours database (ES, ZN, 6E); CME notices not found"
)

EQUITY = GroupHours(
    halt=(
        Era(_START, time(10, 30), f"{CME_MLK_2006}; {CME_LABOR_2007}; {CME_JULY_2013}"),
        Era(date(2014, 3, 1), NOON, f"{CME_2026}; forexlive summary of CME MLK hours, 2024-01-12"),
    ),
    thanksgiving_friday=_always(T1215, f"{CME_2026_EQUITY}; Lean ES 13:15 ET"),
    christmas_eve=_always(T1215, "Lean ES 13:15 ET 2009-2026; no CME notice found"),
    july_3=_always(T1215, f"{CME_JULY_2013}; {JULY_2017}"),
    exceptions=(
        *(DatedException(d, "session", time(8, 15), GOOD_FRIDAY_JOBS, why)
          for d, why in _GOOD_FRIDAY_SOURCES.items()),
        DatedException(date(2018, 12, 5), "close", time(8, 30), BUSH, CME_BUSH_2018),
        DatedException(date(2025, 1, 9), "close", time(8, 30), CARTER, CME_CARTER_2025),
    ),
)  # fmt: skip

RATES = GroupHours(
    halt=_always(NOON, f"{CME_MLK_2006}; {CME_LABOR_2007}; {CME_2026}"),
    thanksgiving_friday=_FINANCIAL_HALF_DAYS,
    christmas_eve=_FINANCIAL_HALF_DAYS,
    july_3=_always(None, CME_JULY_2013 + " (financial products: regular close)"),
    exceptions=(
        *(DatedException(d, "session", time(10, 15), GOOD_FRIDAY_JOBS, why)
          for d, why in _GOOD_FRIDAY_SOURCES.items()),
        DatedException(date(2018, 12, 5), "closed", None, BUSH, CME_BUSH_2018),
        DatedException(date(2025, 1, 9), "close", T1215, CARTER, CME_CARTER_2025),
        # Fridays before a Monday holiday closed 15:15 CT until mid-2015 (earlier years
        # too; this table is complete from 2015 only).
        *(DatedException(d, "close", time(15, 15), "Friday before a Monday holiday",
                         "no CME notice found; Lean ZN and pandas_market_calendars' "
                         "CME Globex Fixed Income agree on 15:15 CT")
          for d in (date(2015, 1, 16), date(2015, 2, 13), date(2015, 5, 22))),
    ),
)  # fmt: skip

# FX and crypto: noon halts until 2021; from 2022 they trade the whole holiday to the 16:00
# CT break (the minutes still belong to the next trade date).
_FX_HALT = (
    Era(_START, NOON, f"{CME_MLK_2006}; {CME_LABOR_2007}; {JULY_2017}"),
    Era(date(2022, 1, 1), time(16), f"{CME_2026} (FX and crypto halt 16:00 CT); Lean 6E, BTC"),
)
_JULY4_2025_ON = (date(2025, 7, 4), date(2026, 6, 19), date(2026, 7, 3))
_LATE_FRIDAY = (
    Era(_START, T1215, "Lean 6E 12:15 CT; CME notices not found"),
    Era(date(2025, 1, 1), time(13, 45), LEAN),
)
_LATE_EVE = (
    Era(_START, T1215, "Lean 6E 12:15 CT; CME notices not found"),
    Era(date(2025, 1, 1), time(12, 45), LEAN),
)

FX = GroupHours(
    halt=_FX_HALT,
    thanksgiving_friday=_LATE_FRIDAY,
    christmas_eve=_LATE_EVE,
    july_3=_always(None, CME_JULY_2013 + " (FX: regular close)"),
    exceptions=(
        *(DatedException(d, "session", time(10, 15), GOOD_FRIDAY_JOBS, why)
          for d, why in _GOOD_FRIDAY_SOURCES.items()),
        *(DatedException(d, "halt", NOON, "Independence Day / Juneteenth halt at noon", LEAN)
          for d in _JULY4_2025_ON),
    ),
)  # fmt: skip

CRYPTO = GroupHours(
    halt=_FX_HALT,
    thanksgiving_friday=(
        Era(_START, T1215, "Lean BTC 12:15 CT; CME notices not found"),
        Era(date(2021, 1, 1), time(12, 45), LEAN),
        Era(date(2025, 1, 1), time(13, 45), LEAN),
    ),
    christmas_eve=(
        Era(_START, T1215, "Lean BTC 12:15 CT; CME notices not found"),
        Era(date(2021, 1, 1), time(12, 45), LEAN),
    ),
    july_3=_always(T1215, "Lean BTC 12:15 CT on 2018-07-03 and 2019-07-03; no CME notice found"),
    exceptions=(
        DatedException(date(2021, 4, 2), "session", time(8, 15), GOOD_FRIDAY_JOBS,
                       _CRYPTO_GOOD_FRIDAY_SOURCE),
        DatedException(date(2023, 4, 7), "session", time(10, 15), GOOD_FRIDAY_JOBS,
                       _CRYPTO_GOOD_FRIDAY_SOURCE),
        DatedException(date(2026, 4, 3), "session", time(10, 15), GOOD_FRIDAY_JOBS,
                       _CRYPTO_GOOD_FRIDAY_SOURCE),
        *(DatedException(d, "halt", NOON, "Independence Day / Juneteenth halt at noon", LEAN)
          for d in _JULY4_2025_ON),
    ),
)  # fmt: skip

_ENERGY_HALT = (
    Era(_START, time(12, 15), CME_JULY_2013 + " (NYMEX/COMEX 12:15 CT)"),
    Era(date(2014, 3, 1), NOON, f"Lean CL 13:00 ET 2014-2021; {JULY_2017}"),
    Era(date(2022, 1, 1), time(13, 30), f"{CME_2026} (Energy, Metals halt 13:30 CT); Lean CL"),
)
_ENERGY_FRIDAY = (
    Era(_START, time(12, 45), "Lean CL 13:45 ET; CME notices not found"),
    Era(date(2025, 1, 1), time(13, 45), f"{CME_2026_ENERGY}; Lean CL 14:45 ET 2025-2026"),
)
_ENERGY_EVE = _always(
    time(12, 45),
    "Lean CL 13:45 ET; CME's 2026 schedule as quoted in pandas_market_calendars issue #464",
)
_ENERGY_JULY_3 = _always(None, CME_JULY_2013 + " (NYMEX/COMEX: regular close)")
_ENERGY_EXCEPTIONS = (
    DatedException(date(2025, 7, 4), "halt", NOON, "Independence Day halt at noon", LEAN),
    DatedException(date(2026, 6, 19), "halt", NOON, "Juneteenth halt at noon", CME_2026_ENERGY),
    DatedException(date(2026, 7, 3), "halt", NOON, "Independence Day halt at noon",
                   CME_2026_ENERGY),
)  # fmt: skip

ENERGY = GroupHours(_ENERGY_HALT, _ENERGY_FRIDAY, _ENERGY_EVE, _ENERGY_JULY_3, _ENERGY_EXCEPTIONS)
METALS = GroupHours(_ENERGY_HALT, _ENERGY_FRIDAY, _ENERGY_EVE, _ENERGY_JULY_3, _ENERGY_EXCEPTIONS)

_AG_HALF_DAY = (
    Era(_START, NOON, CME_JULY_2013 + " (CBOT agricultural products close 12:00 CT)"),
    Era(date(2015, 1, 1), time(12, 5), "Lean ZC 12:05 CT 2015-2026; CME notices not found"),
)

GRAINS = GroupHours(
    halt=_always(None, f"{CME_2026} (grains closed on the holiday, reopen 19:00 CT)"),
    thanksgiving_friday=_AG_HALF_DAY,
    christmas_eve=_AG_HALF_DAY,
    july_3=_AG_HALF_DAY,
    exceptions=(DatedException(date(2025, 1, 9), "close", T1215, CARTER, CME_CARTER_2025),),
)

LIVESTOCK = GroupHours(
    halt=_always(None, f"{CME_2026} (livestock closed on the holiday)"),
    thanksgiving_friday=(
        Era(_START, T1215, "Lean LE 12:15 CT; CME notices not found"),
        Era(date(2020, 1, 1), time(12, 5), "Lean LE 12:05 CT 2020-2026; CME notices not found"),
    ),
    christmas_eve=(
        Era(_START, T1215, "Lean LE 12:15 CT; CME notices not found"),
        Era(date(2020, 1, 1), time(12, 5), "Lean LE 12:05 CT 2020; CME notices not found"),
    ),
    july_3=_always(T1215, "Lean LE 12:15 CT 2017-2019; CME notices not found"),
    exceptions=(DatedException(date(2025, 1, 9), "close", T1215, CARTER, CME_CARTER_2025),),
)

# CFE (VX) follows the NYSE closures; its only short day is the day after Thanksgiving.
CFE = GroupHours(
    halt=_always(None, "CFE closes on US market holidays (Cboe holiday calendar, as XCBF)"),
    thanksgiving_friday=_always(T1215, "exchange_calendars XCBF; no Cboe notice checked"),
    christmas_eve=_always(None, UNSOURCED + " (XCBF: regular close)"),
    july_3=_always(None, UNSOURCED + " (XCBF: regular close)"),
)

GROUP_HOURS: dict[str, GroupHours] = {
    "equity_index": EQUITY,
    "rates": RATES,
    "fx": FX,
    "crypto": CRYPTO,
    "energy": ENERGY,
    "metals": METALS,
    "grains": GRAINS,
    "livestock": LIVESTOCK,
    "cfe": CFE,
}
