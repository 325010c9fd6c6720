"""Registered futures roots, contracts in their listing cycles, listed contracts on a date."""

import datetime as dt

from hypothesis import strategies as st

from trade_analyst.domain.calendars import TradingCalendar
from trade_analyst.domain.futures import (
    POLICIES,
    Policy,
    all_roots,
    contract_spec,
    listed_contracts,
    root_calendar,
)
from trade_analyst.domain.futures.cycles import months_of
from trade_analyst.domain.symbols import FuturesContract

# Rules look months ahead or back of a date: keep that much inside the calendars' range.
FIRST_YEAR = 1991
LAST_YEAR = 2055
# The last date whose listings all expire inside the calendars' range.
LAST_LISTING_DATE = dt.date(2045, 12, 31)


def roots() -> st.SearchStrategy[str]:
    """The root of a registered product (``ES``, ``CL``, ``SR3``...)."""
    return st.sampled_from(all_roots())


def policies() -> st.SearchStrategy[Policy]:
    return st.sampled_from(POLICIES)


def trade_days() -> st.SearchStrategy[dt.date]:
    """Dates on which every root's rules and rolls are defined (any weekday)."""
    return st.dates(min_value=dt.date(FIRST_YEAR, 1, 1), max_value=dt.date(LAST_YEAR, 12, 31))


@st.composite
def contracts(draw: st.DrawFn, root: str | None = None) -> FuturesContract:
    """A contract of a registered root (``root`` when given) in a month its listing cycle has."""
    chosen = root if root is not None else draw(roots())
    month = draw(st.sampled_from(sorted(months_of(contract_spec(chosen).listing_cycle))))
    return FuturesContract(chosen, month, draw(st.integers(FIRST_YEAR, LAST_YEAR)))


@st.composite
def listed_contracts_on(
    draw: st.DrawFn, root: str | None = None, on: dt.date | None = None
) -> tuple[dt.date, FuturesContract]:
    """A date and one contract of a registered root listed (and not expired) on it."""
    chosen = root if root is not None else draw(roots())
    day = on if on is not None else draw(st.dates(dt.date(FIRST_YEAR, 1, 1), LAST_LISTING_DATE))
    return day, draw(st.sampled_from(listed_contracts(chosen, day)))


def root_calendars() -> st.SearchStrategy[TradingCalendar]:
    """The Globex calendar of a registered root."""
    return roots().map(root_calendar)
