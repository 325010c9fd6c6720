"""Comparison with pandas_market_calendars' CME calendars (a dev-only oracle), 2015-2026.

For each pair (pandas_market_calendars name, our calendar) every session and every
open/close is compared. Each difference must be covered by one entry of ``DELIBERATE``,
which says why we differ and on what source; any other difference fails the test.
``CME_TradeDate`` is a business-day calendar, so only its sessions are compared.
"""

import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta

import attrs
import pytest

from trade_analyst.domain.calendars import TradingCalendar, _clear_caches, get_calendar, nyse
from trade_analyst.domain.calendars.us_rules import HALT_HOLIDAYS
from trade_analyst.domain.futures import root_calendar

pmc = pytest.importorskip("pandas_market_calendars")

START, END = date(2015, 1, 1), date(2026, 12, 31)

PAIRS: dict[str, str] = {
    "CME_Equity": "/ES",
    "CME Globex Equity": "/ES",
    "CME_Rate": "/ZN",
    "CME_Bond": "/ZN",
    "CME Globex Fixed Income": "/ZN",
    "CME_Agriculture": "/ZC",
    "CMEGlobex_Grains": "/ZC",
    "CMEGlobex_Livestock": "/LE",
    "CMEGlobex_EnergyAndMetals": "/CL",
    "CMEGlobex_FX": "/6E",
    "CME Globex Crypto": "/BTC",
    "CFE": "/VX",
    "CME_TradeDate": "cme",
}
SESSIONS_ONLY = {"CME_TradeDate"}

Bounds = tuple[datetime, datetime]


@attrs.frozen
class Difference:
    calendar: str  # the pandas_market_calendars name
    day: date
    ours: Bounds | None  # None: not a session
    theirs: Bounds | None


@attrs.frozen
class Deliberate:
    """A difference we keep on purpose: which calendars, which days, why, on what source."""

    calendars: frozenset[str]
    covers: Callable[[Difference], bool]
    reason: str
    source: str


def _on(*days: date) -> Callable[[Difference], bool]:
    return lambda diff: diff.day in days


def _halt_holiday(diff: Difference) -> bool:
    """pandas_market_calendars calls the halt holiday a session; for us it is a holiday whose
    minutes belong to the next trade date, so that session opens the evening before it."""
    ours = _our_calendar(diff.calendar)
    if diff.ours is None:
        names = [h.name for h in ours.holidays(diff.day, diff.day)]
        return names != [] and names[0] in HALT_HOLIDAYS
    before = [diff.day - timedelta(days=n) for n in (1, 2, 3)]
    after_halt = any(h.name in HALT_HOLIDAYS for d in before for h in ours.holidays(d, d))
    return after_halt and diff.theirs is not None and diff.ours[1] == diff.theirs[1]


def _nyse_half_day(diff: Difference) -> bool:
    return bool(nyse().early_closes(diff.day, diff.day))


def _nyse_half_day_from(first: date) -> Callable[[Difference], bool]:
    return lambda diff: diff.day >= first and _nyse_half_day(diff)


def _christmas_eve(diff: Difference) -> bool:
    return (diff.day.month, diff.day.day) == (12, 24)


def _july_3(diff: Difference) -> bool:
    return (diff.day.month, diff.day.day) == (7, 3)


BUSH, CARTER = date(2018, 12, 5), date(2025, 1, 9)
ALL = frozenset(PAIRS)

DELIBERATE: tuple[Deliberate, ...] = (
    Deliberate(
        ALL, _halt_holiday,
        "Halt holidays (MLK, Presidents', Memorial, Juneteenth, July 4, Labor, Thanksgiving) "
        "are not trade dates: Globex trades until the halt for the next trade date, so the "
        "next session opens the evening before the holiday; pmc makes the holiday a session.",
        "CME press release 'CME Announces Dr. Martin Luther King Jr. Holiday Trading Hours', "
        "2006-01-10 ('CME Globex opens at 5:00 p.m. (for trade date of Tuesday, Jan. 17)')",
    ),
    Deliberate(
        frozenset({"CME_Equity", "CME Globex Equity", "CME_Agriculture", "CME_TradeDate"}),
        _on(BUSH),
        "2018-12-05 was a CME trade date: equity abbreviated to 08:30 CT, all markets but "
        "equity and interest rates regular; pmc drops the day or gives it full hours.",
        "CME Group press release 'CME Group U.S. Equity, Interest Rate Markets to Close for "
        "National Day of Mourning', 2018-12-02",
    ),
    Deliberate(
        frozenset({"CME Globex Fixed Income"}), _on(BUSH),
        "Interest rate products did not reopen until the trade date of 2018-12-06.",
        "CME Group press release of 2018-12-02 (see above)",
    ),
    Deliberate(
        frozenset({"CME_Equity", "CME Globex Equity", "CME_Rate", "CME_Bond",
                   "CME Globex Fixed Income", "CME_Agriculture", "CMEGlobex_Grains",
                   "CMEGlobex_Livestock", "CME_TradeDate"}),
        _on(CARTER),
        "2025-01-09 was a CME trade date: equity to 08:30 CT, rates and agricultural to "
        "12:15 CT; pmc drops the day or gives it full hours.",
        "CME Group press release 'CME Group Announces Trading Hours for U.S. National Day of "
        "Mourning to Honor Former President Jimmy Carter', 2024-12-30",
    ),
    Deliberate(
        frozenset({"CME_Equity", "CME Globex Equity", "CME Globex Fixed Income",
                   "CMEGlobex_FX", "CME Globex Crypto"}),
        _on(date(2024, 3, 29), date(2025, 4, 18)),
        "Good Friday without an employment report: CME closed; pmc has a short session.",
        "Lean market-hours database lists both days as holidays for ES, ZN, 6E, BTC; pmc's "
        "CME_Rate agrees; no CME notice found",
    ),
    Deliberate(
        frozenset({"CME_Rate", "CME_Bond"}),
        _on(date(2015, 4, 3), date(2021, 4, 2), date(2023, 4, 7), date(2026, 4, 3)),
        "Good Friday rates session closes 10:15 CT, not 10:00.",
        "Lean market-hours database ZN 10:15 CT; pmc's CME Globex Fixed Income agrees; "
        "no CME notice found",
    ),
    Deliberate(
        frozenset({"CMEGlobex_FX"}), _on(date(2015, 4, 3)),
        "FX traded a short Good Friday session to 10:15 CT in 2015 (jobs report); pmc closed.",
        "Lean 6E 10:15 CT early close on 2015-04-03; no CME notice found",
    ),
    Deliberate(
        frozenset({"CME_Rate", "CME_Bond"}),
        _on(date(2015, 1, 16), date(2015, 2, 13), date(2015, 5, 22)),
        "Rates closed 15:15 CT on Fridays before a Monday holiday until mid-2015.",
        "Lean ZN 15:15 CT; pmc's CME Globex Fixed Income agrees; no CME notice found",
    ),
    Deliberate(
        frozenset({"CME_Equity"}), _nyse_half_day,
        "Equity half days close 12:15 CT, not 12:00.",
        "CME 2026 Globex holiday schedule; Lean ES 13:15 ET; pmc's CME Globex Equity agrees",
    ),
    Deliberate(
        frozenset({"CME_Agriculture", "CMEGlobex_Grains"}), _nyse_half_day,
        "Grains close 12:05 CT on half days (July 3 included); pmc keeps 13:20 or uses 12:00.",
        "Lean ZC 12:05 CT 2015-2026; CME Globex schedule for July 3, 2013 (ags 12:00 CT)",
    ),
    Deliberate(
        frozenset({"CMEGlobex_Livestock"}), _nyse_half_day,
        "Livestock half days: 12:15 CT until 2019 and on July 3, 12:05 CT from 2020.",
        "Lean LE early closes (12:15 CT 2015-2019, 12:05 CT 2020-2026); no CME notice found",
    ),
    Deliberate(
        frozenset({"CMEGlobex_EnergyAndMetals"}), _christmas_eve,
        "Energy and metals close 12:45 CT on Christmas Eve; pmc keeps the regular close.",
        "Lean CL and GC 13:45 ET; no CME notice found",
    ),
    Deliberate(
        frozenset({"CMEGlobex_EnergyAndMetals", "CMEGlobex_FX", "CME Globex Crypto"}),
        _nyse_half_day_from(date(2025, 1, 1)),
        "From 2025 the day after Thanksgiving closes 13:45 CT and Christmas Eve 12:45 CT.",
        "CME 2026 Globex holiday schedule (day after Thanksgiving 13:45 CT); Lean CL, 6E, BTC",
    ),
    Deliberate(
        frozenset({"CME Globex Crypto"}), _on(date(2024, 12, 24)),
        "Crypto closes 12:45 CT on Christmas Eve 2024.",
        "Lean BTC 12:45 CT; no CME notice found",
    ),
    Deliberate(
        frozenset({"CFE"}), _july_3,
        "CFE July 3: we keep the regular close, pmc closes 12:15 CT; no source either way.",
        "unsourced: exchange_calendars' XCBF (regular close) followed; no Cboe notice found",
    ),
)  # fmt: skip


def _our_calendar(pmc_name: str) -> TradingCalendar:
    ours = PAIRS[pmc_name]
    return get_calendar("cme") if ours == "cme" else root_calendar(ours)


def _theirs(pmc_name: str) -> dict[date, Bounds]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        schedule = pmc.get_calendar(pmc_name).schedule(START.isoformat(), END.isoformat())
        return {
            ts.date(): (o.to_pydatetime(), c.to_pydatetime())
            for ts, o, c in zip(
                schedule.index, schedule["market_open"], schedule["market_close"], strict=True
            )
        }


def _differences(pmc_name: str) -> list[Difference]:
    cal = _our_calendar(pmc_name)
    ours = {d: cal.session_bounds(d) for d in cal.sessions(START, END)}
    theirs = _theirs(pmc_name)
    if pmc_name in SESSIONS_ONLY:
        return [Difference(pmc_name, d, ours.get(d), theirs.get(d))
                for d in sorted(set(ours) ^ set(theirs))]  # fmt: skip
    return [
        Difference(pmc_name, d, ours.get(d), theirs.get(d))
        for d in sorted(set(ours) | set(theirs))
        if ours.get(d) != theirs.get(d)
    ]


def _explained(diff: Difference) -> bool:
    return any(diff.calendar in entry.calendars and entry.covers(diff) for entry in DELIBERATE)


@pytest.mark.slow
@pytest.mark.parametrize("pmc_name", sorted(PAIRS))
def test_every_difference_with_pandas_market_calendars_is_deliberate(pmc_name: str) -> None:
    _clear_caches()  # compare a fresh build, whatever other tests built before
    unexplained = [diff for diff in _differences(pmc_name) if not _explained(diff)]
    assert unexplained == []


def test_every_deliberate_difference_names_a_reason_and_a_source() -> None:
    for entry in DELIBERATE:
        assert entry.reason.strip()
        assert entry.source.strip()
        assert entry.calendars <= ALL
