"""Futures laws over every registered root: expiries are trade dates, rolls are consistent
with the front month, listings are live and sorted, and real last trade dates match."""

import itertools
from datetime import date, timedelta

from hypothesis import strategies as st

from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import (
    contract_spec,
    first_notice_date,
    front_month,
    last_trade_date,
    listed_contracts,
    next_contract,
    roll_date,
    roll_schedule,
)
from trade_analyst.domain.futures.cycles import months_of
from trade_analyst.domain.symbols import FuturesContract
from trade_analyst.testing.laws.law import law, plain_law
from trade_analyst.testing.real_dates import LAST_TRADE_DATES
from trade_analyst.testing.strategies.futures import (
    LAST_LISTING_DATE,
    contracts,
    policies,
    roots,
    trade_days,
)


@law(contracts())
def last_trade_date_is_a_trade_date_of_the_exchange(contract: FuturesContract) -> None:
    spec = contract_spec(contract.root)
    ltd = last_trade_date(contract)
    assert get_calendar(spec.calendar).is_session(ltd)
    if spec.product_group == "equity_index":  # cash index must settle on an NYSE session too
        assert get_calendar("nyse").is_session(ltd)


@law(contracts())
def first_notice_comes_before_the_last_trade_date(contract: FuturesContract) -> None:
    notice = first_notice_date(contract)
    if notice is not None:
        assert notice < last_trade_date(contract)
        assert get_calendar("cme").is_session(notice)


@law(contracts(), policies())
def roll_date_is_a_trade_date_no_later_than_expiry(contract: FuturesContract, policy: str) -> None:
    spec = contract_spec(contract.root)
    rolled = roll_date(contract, policy)
    assert get_calendar(spec.calendar).is_session(rolled)
    if policy == "auto":
        assert rolled <= last_trade_date(contract)
    else:
        assert rolled > last_trade_date(contract)


@law(roots(), trade_days(), policies())
def front_month_is_never_expired(root: str, on: date, policy: str) -> None:
    front = front_month(root, on, policy)
    assert last_trade_date(front) >= on
    cycle = (
        contract_spec(root).roll_cycle if policy == "auto" else contract_spec(root).listing_cycle
    )
    assert front.month in months_of(cycle)


@law(roots(), trade_days())
def auto_front_never_expires_before_the_expiry_front(root: str, on: date) -> None:
    # Auto rolls earlier and only onto liquid months, so its front can only be the same
    # contract or a later-expiring one - never an earlier one.
    assert last_trade_date(front_month(root, on, "auto")) >= last_trade_date(
        front_month(root, on, "expiry")
    )


@law(roots(), trade_days(), st.integers(30, 800), policies())
def roll_schedule_is_consistent_with_front_month(
    root: str, start: date, span: int, policy: str
) -> None:
    end = start + timedelta(days=span)
    rolls = roll_schedule(root, start, end, policy)
    dates = [r.date for r in rolls]
    assert dates == sorted(set(dates))  # strictly increasing
    assert all(start <= d <= end for d in dates)
    for earlier, later in itertools.pairwise(rolls):
        assert earlier.to_contract == later.from_contract
    calendar = get_calendar(contract_spec(root).calendar)
    for roll in rolls:
        assert front_month(root, roll.date, policy) == roll.to_contract
        assert front_month(root, calendar.previous_session(roll.date), policy) == (
            roll.from_contract
        )


@law(roots(), st.dates(min_value=date(1991, 1, 1), max_value=LAST_LISTING_DATE))
def listed_contracts_are_live_in_cycle_and_sorted(root: str, on: date) -> None:
    spec = contract_spec(root)
    listed = listed_contracts(root, on)
    expiries = [last_trade_date(c) for c in listed]
    assert listed
    assert all(ltd >= on for ltd in expiries)
    assert expiries == sorted(expiries)
    assert len(set(listed)) == len(listed)
    assert all(c.month in months_of(spec.listing_cycle) for c in listed)
    assert listed[0] == front_month(root, on, "expiry")


@law(contracts(), policies())
def next_contract_expires_later(contract: FuturesContract, policy: str) -> None:
    assert last_trade_date(next_contract(contract, policy)) > last_trade_date(contract)


@plain_law
def last_trade_date_matches_history() -> None:
    """Every row of the real-date table (all of them: each costs microseconds)."""
    wrong = [
        f"{symbol}: {last_trade_date(symbol)} (history: {expected})"
        for symbol, expected in LAST_TRADE_DATES
        if last_trade_date(symbol) != expected
    ]
    assert not wrong, "last trade dates differ from history: " + "; ".join(wrong)
