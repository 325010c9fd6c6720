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


def test_a_calls_upper_bound_is_the_spot_less_its_dividends():
    # S=100, q=5%, T=1: a call is worth less than S e^{-qT} = 95.12 whatever the volatility,
    # so 96 (below the spot) is still impossible; 95 is not.
    too_high = bs_implied_volatility(96.0, "C", 100, 100, 1.0, 0.0, 0.05)
    assert too_high.status == "above_upper_bound"
    assert "upper bound 95.1229 (the underlying's discounted value)" in too_high.reason
    assert bs_implied_volatility(95.0, "C", 100, 100, 1.0, 0.0, 0.05).solved
    put = bs_implied_volatility(96.0, "P", 100, 100, 1.0, 0.05)
    assert "upper bound 95.1229 (the strike's discounted value)" in put.reason


def test_a_puts_lower_bound_uses_the_discounted_strike_and_the_carried_spot():
    # Put lower bound K e^{-rT} - S e^{-qT} = 100 e^{-0.05} - 80 e^{-0.02} = 16.7070.
    result = bs_implied_volatility(16.0, "P", 80, 100, 1.0, 0.05, 0.02)
    assert result.status == "below_lower_bound"
    assert "lower bound 16.707 (discounted intrinsic value)" in result.reason
    at = bs_implied_volatility(
        100 * math.exp(-0.05) - 80 * math.exp(-0.02), "P", 80, 100, 1.0, 0.05, 0.02
    )
    assert (at.status, at.volatility) == ("at_lower_bound", 0.0)


def test_rates_no_market_has_are_invalid_input_not_an_exception():
    # e^{1000} overflows a float.
    result = bs_implied_volatility(10.0, "C", 100, 100, 1.0, -1000.0)
    assert result.status == "invalid_input"
    assert result.reason.startswith("inputs out of range: ")
    assert result.volatility is None


@pytest.mark.parametrize("noise", [-2e-15, -1e-13, -1e-12])
def test_rounding_noise_below_zero_is_read_as_no_time_value(noise):
    # A far out-of-the-money option another pricer valued at -2e-15: no time value, within
    # the default price tolerance of 1e-12.
    result = bs_implied_volatility(noise, "C", 100, 300, 0.1, 0.05)
    assert (result.status, result.volatility) == ("at_lower_bound", 0.0)
    put = black76_implied_volatility(noise, "P", 100, 30, 0.1, 0.05)
    assert (put.status, put.volatility) == ("at_lower_bound", 0.0)


def test_a_negative_price_beyond_the_tolerance_is_invalid():
    for price in (-2e-12, -0.01):
        result = bs_implied_volatility(price, "C", 100, 300, 0.1, 0.05)
        assert result.status == "invalid_input"
        assert "the price >= 0" in result.reason
    # A looser tolerance accepts more noise, as it accepts a looser fit.
    loose = bs_implied_volatility(-1e-9, "C", 100, 300, 0.1, 0.05, tolerance=1e-8)
    assert loose.status == "at_lower_bound"


def test_newton_steps_solve_in_few_iterations():
    # The bracketed Newton scheme converges quadratically from the Brenner-Subrahmanyam
    # guess: across strikes, rights and volatilities a solve takes 4-12 model evaluations,
    # under 7 on average (bisection alone would need ~40; a poorer first guess or a timid
    # Newton step shows in the average first).
    counts = []
    for right in ("C", "P"):
        for strike in (60.0, 80.0, 95.0, 100.0, 105.0, 125.0, 160.0):
            # Not 0.05·2^k: the search widens through those, and a root exactly on the
            # bracket's edge leaves Newton no interior step (bisection then takes ~40).
            for vol in (0.07, 0.23, 0.47, 0.93):
                greeks = bs_greeks(right, 100.0, strike, 0.5, vol, 0.03, 0.01)
                if greeks.vega < 1e-3:
                    continue  # far from the money, vega vanishes and bisection takes over
                price = greeks.price
                result = bs_implied_volatility(price, right, 100.0, strike, 0.5, 0.03, 0.01)
                assert result.status == "solved"
                assert result.volatility == pytest.approx(vol, rel=1e-8)
                counts.append(result.iterations)
    assert len(counts) > 40
    assert min(counts) >= 3  # a 1e-12 fit takes more than one Newton step from a guess
    assert max(counts) <= 12
    assert sum(counts) / len(counts) < 7.0


def test_a_price_made_at_the_first_guess_is_solved_by_one_evaluation():
    # Out of the money the guess is below 5 % and starts at the 5 % floor; a price made
    # at exactly 5 % is met by the first model evaluation.
    price = bs_price("C", 100.0, 110.0, 0.5, 0.05, 0.0)
    result = bs_implied_volatility(price, "C", 100.0, 110.0, 0.5, 0.0)
    assert (result.status, result.volatility, result.iterations) == ("solved", 0.05, 1)


def test_where_vega_underflows_the_solver_bisects_instead_of_dividing_by_zero():
    # Priced at 1e-300 and asked for the exact price: parts of the bracket price at 0.0
    # with a vega of 0.0. The answer is the volatility closest to the price.
    result = bs_implied_volatility(1e-300, "C", 100.0, 300.0, 0.1, 0.0, tolerance=0.0)
    assert result.status == "solved"
    assert result.volatility is not None
    assert bs_price("C", 100.0, 300.0, 0.1, result.volatility, 0.0) == pytest.approx(
        1e-300, rel=1e-8
    )
    assert 0 < result.iterations < 200


def test_asked_for_the_exact_price_the_solver_still_stops_at_the_closest_volatility():
    # tolerance=0 can only be met by luck; the bracket shrinks to a few floats and the
    # volatility there is the answer. Far out of the money (price 5e-18) vega is tiny too.
    for strike, vol, years in ((100.0, 0.2, 1.0), (300.0, 0.4, 0.1)):
        price = bs_price("C", 100.0, strike, years, vol, 0.03, 0.01)
        result = bs_implied_volatility(price, "C", 100.0, strike, years, 0.03, 0.01, tolerance=0.0)
        assert result.status == "solved"
        assert result.volatility == pytest.approx(vol, rel=1e-12)
        assert 0 < result.iterations < 200


def test_the_volatility_cap_reports_how_far_the_search_went():
    result = bs_implied_volatility(99.99, "C", 100, 1000, 1 / 365, 0.0)
    assert result.volatility is None
    assert result.reason == "price 99.99 implies a volatility above 10000%"
    assert result.iterations > 5


def test_reasons_say_why_no_volatility_is_given():
    expired = bs_implied_volatility(1.0, "C", 42, 40, 0.0, 0.1)
    assert expired.reason == "the option has expired: no time left to imply a volatility over"
    bad_spot = bs_implied_volatility(1.0, "C", 0.0, 40, 0.5, 0.1)
    assert bad_spot.reason == "underlying and strike must be > 0, got 0.0 and 40"
    above = bs_implied_volatility(42.0, "C", 42, 40, 0.5, 0.1)
    assert above.reason == (
        "price 42 is at or above the upper bound 42 (the underlying's discounted value): "
        "no finite volatility gives it"
    )
    flat = bs_implied_volatility(0.0, "C", 42, 60, 0.5, 0.1)
    assert flat.reason == "price 0 equals the lower bound 0: no time value"


def test_a_price_exactly_one_tolerance_above_the_bound_has_no_time_value():
    # Out of the money (bound 0), default tolerance 1e-12: 1e-12 is on the bound, 2e-12 not.
    on = bs_implied_volatility(1e-12, "C", 100, 300, 0.1, 0.05)
    assert (on.status, on.volatility) == ("at_lower_bound", 0.0)
    assert bs_implied_volatility(2e-12, "C", 100, 300, 0.1, 0.05).status == "solved"


def test_the_tolerance_scales_with_the_price_above_one():
    # Spot 2000, strike 750, no rates: the bound is 1250. With tolerance 1e-6, within
    # 1e-6 × 1250 of it is on it.
    near = bs_implied_volatility(1250.0 + 5e-4, "C", 2000, 750, 0.05, 0.0, tolerance=1e-6)
    assert (near.status, near.volatility) == ("at_lower_bound", 0.0)
    far = bs_implied_volatility(1250.0 + 5e-2, "C", 2000, 750, 0.05, 0.0, tolerance=1e-6)
    assert far.status == "solved"


def test_black76_passes_its_tolerance_on():
    # Time value 5e-4 on a forward option: no time value at tolerance 1e-3, some at the default.
    lower = (110.0 - 100.0) * math.exp(-0.05 * 0.5)
    loose = black76_implied_volatility(lower + 5e-4, "C", 110, 100, 0.5, 0.05, tolerance=1e-3)
    assert loose.status == "at_lower_bound"
    assert black76_implied_volatility(lower + 5e-4, "C", 110, 100, 0.5, 0.05).status == "solved"
