"""Laws of the futures domain, stated as Hypothesis properties over every root."""

import itertools
from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import (
    all_roots,
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

roots = st.sampled_from(all_roots())
policies = st.sampled_from(["auto", "expiry"])
# Calendars cover 1990-2060; leave room for rules that look months ahead or back.
days = st.dates(min_value=date(1991, 1, 1), max_value=date(2055, 12, 31))


@st.composite
def contracts(draw: st.DrawFn) -> FuturesContract:
    root = draw(roots)
    month = draw(st.sampled_from(sorted(months_of(contract_spec(root).listing_cycle))))
    return FuturesContract(root, month, draw(st.integers(1991, 2055)))


@given(contracts())
def test_last_trade_date_is_a_trade_date_of_the_exchange(contract: FuturesContract) -> None:
    spec = contract_spec(contract.root)
    ltd = last_trade_date(contract)
    assert get_calendar(spec.calendar).is_session(ltd)
    if spec.product_group == "equity_index":  # cash index must settle on an NYSE session too
        assert get_calendar("nyse").is_session(ltd)


@given(contracts())
def test_first_notice_comes_before_the_last_trade_date(contract: FuturesContract) -> None:
    notice = first_notice_date(contract)
    if notice is not None:
        assert notice < last_trade_date(contract)
        assert get_calendar("cme").is_session(notice)


@given(contracts(), policies)
def test_roll_date_is_a_trade_date_no_later_than_expiry(
    contract: FuturesContract, policy: str
) -> None:
    spec = contract_spec(contract.root)
    rolled = roll_date(contract, policy)
    assert get_calendar(spec.calendar).is_session(rolled)
    if policy == "auto":
        assert rolled <= last_trade_date(contract)
    else:
        assert rolled > last_trade_date(contract)


@given(roots, days, policies)
def test_front_month_is_never_expired(root: str, on: date, policy: str) -> None:
    front = front_month(root, on, policy)
    assert last_trade_date(front) >= on
    cycle = (
        contract_spec(root).roll_cycle if policy == "auto" else contract_spec(root).listing_cycle
    )
    assert front.month in months_of(cycle)


@given(roots, days)
def test_auto_front_never_expires_before_the_expiry_front(root: str, on: date) -> None:
    # Auto rolls earlier and only onto liquid months, so its front can only be the same
    # contract or a later-expiring one - never an earlier one.
    assert last_trade_date(front_month(root, on, "auto")) >= last_trade_date(
        front_month(root, on, "expiry")
    )


@given(roots, days, st.integers(30, 800), policies)
def test_roll_schedule_is_consistent_with_front_month(
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


@given(roots, st.dates(min_value=date(1991, 1, 1), max_value=date(2045, 12, 31)))
def test_listed_contracts_are_live_in_cycle_and_sorted(root: str, on: date) -> None:
    spec = contract_spec(root)
    listed = listed_contracts(root, on)
    expiries = [last_trade_date(c) for c in listed]
    assert listed
    assert all(ltd >= on for ltd in expiries)
    assert expiries == sorted(expiries)
    assert len(set(listed)) == len(listed)
    assert all(c.month in months_of(spec.listing_cycle) for c in listed)
    assert listed[0] == front_month(root, on, "expiry")


@given(contracts(), policies)
def test_next_contract_expires_later(contract: FuturesContract, policy: str) -> None:
    assert last_trade_date(next_contract(contract, policy)) > last_trade_date(contract)
