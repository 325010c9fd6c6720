"""Mock option chains: real expiration dates, strikes around spot, put-call parity."""

import datetime as dt
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.mock.conftest import NOW, provider, run
from trade_analyst.adapters.mock.expirations import (
    listed_expirations,
    monthly_expiration,
    third_friday,
)
from trade_analyst.adapters.mock.pricing import RATE
from trade_analyst.domain.calendars import nyse
from trade_analyst.domain.models import OptionChain
from trade_analyst.domain.options import expires_at
from trade_analyst.domain.symbols import EquityOption, parse_symbol
from trade_analyst.domain.validation import has_errors, validate_option_chain
from trade_analyst.ports import ChainQuery, ExpirationsQuery, InvalidInput, NoData


def chain(underlying: str, at: dt.datetime = NOW, **options: object) -> OptionChain:
    query = ChainQuery(underlying, **options)  # type: ignore[arg-type]
    return run(lambda: provider(at).option_chain(query))


@pytest.mark.parametrize(
    ("year", "month", "expected"),
    [
        (2025, 12, dt.date(2025, 12, 19)),
        (2026, 4, dt.date(2026, 4, 17)),
        (2014, 4, dt.date(2014, 4, 17)),  # Good Friday 2014 was the third Friday
        (2025, 1, dt.date(2025, 1, 17)),
    ],
)
def test_monthlies_are_third_fridays_or_the_session_before(
    year: int, month: int, expected: dt.date
) -> None:
    assert monthly_expiration(year, month) == expected


def test_a_weekly_on_a_holiday_friday_moves_to_thursday() -> None:
    listed = listed_expirations(dt.date(2026, 3, 23))
    assert dt.date(2026, 4, 2) in listed  # Good Friday 2026-04-03
    assert dt.date(2026, 4, 3) not in listed
    listed = listed_expirations(dt.date(2026, 6, 22))
    assert dt.date(2026, 7, 2) in listed  # Independence Day observed 2026-07-03


@settings(max_examples=50)
@given(st.dates(dt.date(1995, 1, 1), dt.date(2055, 12, 31)))
def test_listed_expirations_are_sessions_from_today_with_a_monthly_a_month(today: dt.date) -> None:
    listed = listed_expirations(today)
    assert listed == sorted(set(listed))
    assert listed[0] >= today
    assert all(nyse().is_session(day) for day in listed)
    # Each expiration is its week's Friday, or the last session before it when the Friday is
    # closed (Good Friday -> Thursday; the 9/11 week's Friday -> Monday 2001-09-10).
    for day in listed:
        friday = day + dt.timedelta(days=4 - day.weekday())
        last_session = friday if nyse().is_session(friday) else nyse().previous_session(friday)
        assert day == last_session
    months = {(d.year, d.month) for d in listed if d == monthly_expiration(d.year, d.month)}
    assert len(months) >= 12
    assert third_friday(today.year, today.month).weekday() == 4


def test_the_chain_is_sorted_valid_and_centred_on_spot() -> None:
    full = chain("SPY", strike_count=6)
    spot = full.underlying_price
    assert spot is not None
    assert not has_errors(validate_option_chain(full, on=NOW.date()))
    keys = [(c.expiration, c.right == "P", c.strike) for c in full.contracts]
    assert keys == sorted(keys)
    strikes = sorted({c.strike for c in full.contracts})
    assert len(strikes) == 6
    assert strikes[2] <= spot <= strikes[3] + 2.5
    assert all(parse_symbol(c.symbol) for c in full.contracts)


def test_expirations_match_the_chain_and_are_live_at_now() -> None:
    market = provider()
    expirations = run(lambda: market.option_expirations(ExpirationsQuery("SPY")))
    assert expirations == list(chain("SPY", strike_count=2).expirations())
    assert all(expires_at(day) > NOW for day in expirations)
    assert dt.date(2025, 11, 28) in expirations  # the half-day Friday is still a session


def test_index_options_use_weekly_and_monthly_roots() -> None:
    contracts = chain("$SPX", strike_count=2).contracts
    roots = {
        c.expiration: parsed.underlying
        for c in contracts
        if isinstance(parsed := parse_symbol(c.symbol), EquityOption)
    }
    assert roots[dt.date(2025, 12, 19)] == "SPX"
    assert roots[dt.date(2025, 11, 28)] == "SPXW"
    assert {c.underlying for c in contracts} == {"$SPX"}


def test_filters_by_dates_right_and_strike_count() -> None:
    found = chain(
        "AAPL",
        from_date=dt.date(2025, 12, 1),
        to_date=dt.date(2025, 12, 31),
        strike_count=3,
        contract_type="put",
    )
    assert {c.right for c in found.contracts} == {"P"}
    assert all(
        dt.date(2025, 12, 1) <= c.expiration <= dt.date(2025, 12, 31) for c in found.contracts
    )
    assert len({c.strike for c in found.contracts}) == 3


@settings(max_examples=20)
@given(
    st.datetimes(dt.datetime(2015, 1, 1), dt.datetime(2030, 12, 31), timezones=st.just(dt.UTC)),
    st.sampled_from(["SPY", "AAPL", "TSLA", "$SPX", "INTC"]),
)
def test_put_call_parity_holds_on_marks_at_any_moment(at: dt.datetime, underlying: str) -> None:
    found = chain(underlying, at, strike_count=6)
    spot = found.underlying_price
    assert spot is not None
    marks = {(c.expiration, c.strike, c.right): c.mark for c in found.contracts}
    for (expiration, strike, right), call in marks.items():
        put = marks[(expiration, strike, "P")]
        if right != "C":
            continue
        assert call is not None
        assert put is not None
        years = max((expires_at(expiration) - at).total_seconds(), 60) / (365 * 86400)
        assert call - put == pytest.approx(spot - strike * math.exp(-RATE * years), abs=0.011)


def test_greeks_and_moneyness_agree_with_the_right_and_spot() -> None:
    found = chain("SPY", strike_count=10)
    spot = found.underlying_price
    assert spot is not None
    for contract in found.contracts:
        assert contract.delta is not None
        assert contract.implied_volatility is not None
        assert contract.implied_volatility > 0
        if contract.right == "C":
            assert 0 <= contract.delta <= 1
            assert contract.in_the_money == (spot > contract.strike)
        else:
            assert -1 <= contract.delta <= 0
            assert contract.in_the_money == (spot < contract.strike)


@pytest.mark.parametrize(
    ("underlying", "options", "error"),
    [
        ("ZZZZZZ", {}, InvalidInput),
        ("/ES", {}, InvalidInput),
        ("EUR/USD", {}, InvalidInput),
        ("$VIX", {}, NoData),
        ("SPY", {"from_date": dt.date(2030, 1, 1)}, NoData),
    ],
)
def test_bad_chain_requests(underlying: str, options: dict[str, object], error: type) -> None:
    with pytest.raises(error):
        chain(underlying, **options)
