"""The IV solver: round trips, and a stated reason whenever no volatility exists."""

import math

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from trade_analyst.domain.options import (
    black76_implied_volatility,
    black76_price,
    bs_greeks,
    bs_implied_volatility,
    bs_price,
)

rights = st.sampled_from(["C", "P"])
spots = st.floats(1, 5000)
moneyness = st.floats(0.3, 3.0)
years = st.floats(1 / 365, 5.0)
vols = st.floats(0.01, 4.0)
rates = st.floats(-0.02, 0.15)


@given(rights, spots, moneyness, years, vols, rates, st.floats(0, 0.08))
def test_black_scholes_round_trips_prices_to_1e_6(right, spot, m, t, vol, r, q):
    strike = spot * m
    price = bs_price(right, spot, strike, t, vol, r, q)
    result = bs_implied_volatility(price, right, spot, strike, t, r, q)
    assert result.solved, result.reason
    assert result.volatility is not None
    assert math.isfinite(result.volatility)
    assert bs_price(right, spot, strike, t, result.volatility, r, q) == pytest.approx(
        price, abs=1e-6
    )


@given(rights, spots, moneyness, years, vols, rates)
def test_black76_round_trips_prices_to_1e_6(right, forward, m, t, vol, r):
    strike = forward * m
    price = black76_price(right, forward, strike, t, vol, r)
    result = black76_implied_volatility(price, right, forward, strike, t, r)
    assert result.solved, result.reason
    assert result.volatility is not None
    assert black76_price(right, forward, strike, t, result.volatility, r) == pytest.approx(
        price, abs=1e-6
    )


@given(rights, st.floats(20, 500), st.floats(0.5, 2.0), st.floats(0.02, 3.0),
       st.floats(0.02, 2.0), rates)  # fmt: skip
def test_the_volatility_comes_back_as_closely_as_vega_allows(right, spot, m, t, vol, r):
    strike = spot * m
    values = bs_greeks(right, spot, strike, t, vol, r)
    # Below a tenth of a cent a price cannot identify a volatility (quotes are cents).
    lower = max((spot - strike * math.exp(-r * t)) * (1 if right == "C" else -1), 0.0)
    assume(values.price - lower > 1e-3)
    result = bs_implied_volatility(values.price, right, spot, strike, t, r)
    assert result.volatility is not None
    # The solver stops within 1e-10 (relative) of the price, and a price error e moves the
    # volatility by about e / vega: where vega is real, the volatility itself comes back.
    vega = values.vega * 100
    allowed = 2e-10 * max(1.0, values.price) / vega if vega > 0 else math.inf
    assert abs(result.volatility - vol) <= allowed + 1e-12


@given(
    st.floats(allow_nan=True, allow_infinity=True), rights,
    st.floats(allow_nan=True, allow_infinity=True), st.floats(allow_nan=True),
    st.floats(allow_nan=True), st.floats(allow_nan=True),
)  # fmt: skip
def test_any_input_gives_a_volatility_or_a_reason_never_nan(price, right, spot, strike, t, r):
    result = bs_implied_volatility(price, right, spot, strike, t, r)
    if result.solved:
        assert result.volatility is not None
        assert math.isfinite(result.volatility)
        assert result.volatility >= 0
    else:
        assert result.volatility is None
        assert result.reason


def test_hull_call_price_implies_about_twenty_percent():
    result = bs_implied_volatility(4.76, "C", 42, 40, 0.5, 0.1)
    assert result.status == "solved"
    assert result.volatility == pytest.approx(0.20, abs=0.001)


def test_price_below_intrinsic_says_so():
    # Lower bound of the Hull call: 42 - 40 e^{-0.05} = 3.951.
    result = bs_implied_volatility(3.0, "C", 42, 40, 0.5, 0.1)
    assert result.status == "below_lower_bound"
    assert result.volatility is None
    assert "lower bound 3.95" in result.reason


def test_price_at_or_above_the_upper_bound_says_so():
    call = bs_implied_volatility(42.0, "C", 42, 40, 0.5, 0.1)
    put = bs_implied_volatility(40.0, "P", 42, 40, 0.5, 0.1)  # above K e^{-rT} = 38.05
    assert call.status == put.status == "above_upper_bound"
    assert "upper bound 42" in call.reason


def test_a_price_with_no_time_value_has_zero_volatility():
    result = bs_implied_volatility(0.0, "C", 42, 60, 0.5, 0.1)
    assert result.status == "at_lower_bound"
    assert result.volatility == 0.0


def test_expired_and_invalid_inputs_give_reasons():
    assert bs_implied_volatility(1.0, "C", 42, 40, 0.0, 0.1).status == "expired"
    for bad in ((math.nan, 42, 40), (-1.0, 42, 40), (1.0, 0.0, 40), (1.0, 42, math.inf)):
        price, spot, strike = bad
        result = bs_implied_volatility(price, "C", spot, strike, 0.5, 0.1)
        assert result.status == "invalid_input"
        assert result.reason


def test_an_absurd_but_bounded_price_reports_the_volatility_cap():
    # A one-day option far out of the money priced at nearly the spot.
    result = bs_implied_volatility(99.99, "C", 100, 1000, 1 / 365, 0.0)
    assert result.status == "above_max_volatility"
    assert "above" in result.reason
