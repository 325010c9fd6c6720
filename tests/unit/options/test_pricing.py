"""Black-Scholes and Black-76 against textbook values and their own laws."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.options import black76_greeks, black76_price, bs_greeks, bs_price
from trade_analyst.testing.laws import pricing as laws
from trade_analyst.testing.strategies import options


def test_hull_black_scholes_example_call_and_put():
    # Hull, Options, Futures and Other Derivatives, example 15.6: S=42 K=40 r=10% sigma=20%
    # T=0.5 gives c = 4.76 and p = 0.81.
    assert bs_price("C", 42, 40, 0.5, 0.2, 0.1) == pytest.approx(4.76, abs=0.005)
    assert bs_price("P", 42, 40, 0.5, 0.2, 0.1) == pytest.approx(0.81, abs=0.005)


def test_hull_greeks_example_in_broker_units():
    # Hull's greeks example (S=49 K=50 r=5% sigma=20% T=20 weeks): price 2.40, delta 0.522,
    # gamma 0.066, theta -4.31/year, vega 12.1 and rho 8.91 per unit (here per day / point).
    g = bs_greeks("C", 49, 50, 20 / 52, 0.2, 0.05)
    assert g.price == pytest.approx(2.40, abs=0.005)
    assert g.delta == pytest.approx(0.522, abs=0.0005)
    assert g.gamma == pytest.approx(0.066, abs=0.0005)
    assert g.theta * 365 == pytest.approx(-4.31, abs=0.005)
    assert g.vega * 100 == pytest.approx(12.1, abs=0.05)
    assert g.rho * 100 == pytest.approx(8.91, abs=0.005)


def test_hull_black76_futures_option_example():
    # Hull's futures-option example: F=20 K=20 r=9% T=4 months sigma=25%: put = 1.12 (and
    # the call equals it at the money forward).
    assert black76_price("P", 20, 20, 4 / 12, 0.25, 0.09) == pytest.approx(1.12, abs=0.005)
    assert black76_price("C", 20, 20, 4 / 12, 0.25, 0.09) == pytest.approx(1.12, abs=0.005)


def test_black76_rho_only_discounts():
    g = black76_greeks("C", 100, 95, 0.5, 0.3, 0.05)
    assert g.rho == pytest.approx(-0.5 * g.price / 100)


def test_at_expiry_and_without_volatility_the_value_is_discounted_forward_intrinsic():
    assert bs_price("C", 110, 100, 0.0, 0.3, 0.05) == 10.0
    assert bs_price("P", 110, 100, 0.0, 0.3, 0.05) == 0.0
    assert bs_price("P", 90, 100, 1.0, 0.0, 0.05) == pytest.approx(100 * math.exp(-0.05) - 90)
    # Out of the money forward: nothing, even though spot is above the strike.
    assert bs_price("C", 100, 100, 1.0, 0.0, 0.05) == pytest.approx(100 - 100 * math.exp(-0.05))
    assert bs_greeks("C", 90, 100, 1.0, 0.0, 0.05).delta == 0.0


def test_greeks_without_volatility_are_those_of_the_discounted_forward():
    # S=110 K=100 T=1 r=5% q=2%, no volatility: the call is S e^{-qT} - K e^{-rT} for sure.
    s, k, r, q = 110.0, 100.0, 0.05, 0.02
    carry, discount = math.exp(-q), math.exp(-r)
    g = bs_greeks("C", s, k, 1.0, 0.0, r, q)
    assert g.price == pytest.approx(s * carry - k * discount)
    assert g.delta == pytest.approx(carry)
    assert (g.gamma, g.vega) == (0.0, 0.0)
    # d/dt of the value as time passes, per calendar day: (q S e^{-qT} - r K e^{-rT}) / 365.
    assert g.theta == pytest.approx((q * s * carry - r * k * discount) / 365)
    assert g.rho == pytest.approx(k * discount / 100)
    put = bs_greeks("P", 90.0, k, 1.0, 0.0, r, q)
    assert put.price == pytest.approx(k * discount - 90.0 * carry)
    assert put.delta == pytest.approx(-carry)
    assert put.theta == pytest.approx(-(q * 90.0 * carry - r * k * discount) / 365)
    assert put.rho == pytest.approx(-k * discount / 100)


def test_greeks_at_expiry_are_those_of_the_payoff():
    call = bs_greeks("C", 110.0, 100.0, 0.0, 0.3, 0.05, 0.02)
    # Value S - K; one day later nothing changes but the carry: theta (qS - rK)/365, no rho.
    assert (call.price, call.delta, call.gamma, call.vega, call.rho) == (10.0, 1.0, 0.0, 0.0, 0.0)
    assert call.theta == pytest.approx((0.02 * 110.0 - 0.05 * 100.0) / 365)
    put = bs_greeks("P", 90.0, 100.0, 0.0, 0.3, 0.05)
    assert (put.price, put.delta, put.gamma, put.vega, put.rho) == (10.0, -1.0, 0.0, 0.0, 0.0)
    assert put.theta == pytest.approx(0.05 * 100.0 / 365)


@pytest.mark.parametrize(("right", "spot"), [("C", 90.0), ("P", 110.0), ("C", 100.0)])
def test_out_of_the_money_without_uncertainty_everything_is_zero(right, spot):
    g = bs_greeks(right, spot, 100.0, 0.0, 0.2, 0.05)
    assert (g.price, g.delta, g.gamma, g.theta, g.vega, g.rho) == (0.0,) * 6
    g = bs_greeks(right, spot * 0.5 if right == "C" else spot * 2, 100.0, 1.0, 0.0, 0.05)
    assert (g.price, g.delta, g.gamma, g.theta, g.vega, g.rho) == (0.0,) * 6


@pytest.mark.parametrize(("right", "spot"), [("C", 130.0), ("P", 70.0)])
def test_the_no_volatility_greeks_are_the_limit_of_small_volatility(right, spot):
    exact = bs_greeks(right, spot, 100.0, 0.5, 0.0, 0.04, 0.01)
    near = bs_greeks(right, spot, 100.0, 0.5, 1e-6, 0.04, 0.01)
    for field in ("price", "delta", "theta", "rho"):
        assert getattr(exact, field) == pytest.approx(getattr(near, field), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize(
    "args",
    [("X", 100, 100, 1, 0.2), ("C", 0, 100, 1, 0.2), ("C", 100, -1, 1, 0.2), ("C", 100, 0, 1, 0.2),
     ("C", 100, 100, -1, 0.2), ("C", 100, 100, 1, -0.2), ("C", math.nan, 100, 1, 0.2)],
)  # fmt: skip
def test_impossible_inputs_raise_domain_errors(args):
    right, s, k, t, vol = args
    with pytest.raises(DomainError):
        bs_price(right, s, k, t, vol, 0.05)


def test_refusals_name_the_input_and_its_value():
    with pytest.raises(DomainError, match=r"^right must be 'C' or 'P', got 'X'$"):
        bs_price("X", 100, 100, 1, 0.2, 0.05)  # type: ignore[arg-type]
    with pytest.raises(
        DomainError, match=r"^inputs must be finite numbers, got \(100, inf, 1, 0.2\)$"
    ):
        bs_price("C", 100, math.inf, 1, 0.2, 0.05)
    with pytest.raises(DomainError, match=r"^underlying and strike must be > 0, got 100 and 0$"):
        bs_price("C", 100, 0, 1, 0.2, 0.05)
    with pytest.raises(DomainError, match=r"^years and volatility must be >= 0, got 1 and -0.2$"):
        bs_price("C", 100, 100, 1, -0.2, 0.05)


spots, moneyness, years, vols, rates = (
    options.spots(),
    options.moneyness(),
    options.years(),
    options.volatilities(),
    options.rates(),
)


@given(spots, moneyness, years, vols, rates, options.dividend_yields())
def test_greeks_are_the_derivatives_of_the_price(spot, m, t, vol, r, q):
    strike = spot * m
    for right in ("C", "P"):
        g = bs_greeks(right, spot, strike, t, vol, r, q)
        h = spot * 1e-5  # small: at t = 0.01 near the money, delta bends sharply

        def at(s=spot, v=vol, r=r, t=t, right=right):
            return bs_price(right, s, strike, t, v, r, q)

        delta = (at(s=spot + h) - at(s=spot - h)) / (2 * h)
        gamma = (at(s=spot + h) - 2 * at() + at(s=spot - h)) / (h * h)
        vega = (at(v=vol + 1e-5) - at(v=vol - 1e-5)) / 2e-5 / 100
        rho = (at(r=r + 1e-5) - at(r=r - 1e-5)) / 2e-5 / 100
        theta = -(at(t=t + 1e-6) - at(t=t - 1e-6)) / 2e-6 / 365
        scale = max(1.0, g.price)
        assert g.delta == pytest.approx(delta, abs=1e-5)
        assert g.gamma == pytest.approx(gamma, abs=1e-3 * max(1.0, g.gamma * 10))
        assert g.vega == pytest.approx(vega, abs=1e-6 * scale)
        assert g.rho == pytest.approx(rho, abs=1e-6 * scale)
        assert g.theta == pytest.approx(theta, abs=1e-5 * scale)


# These two laws live in the package (`python -m trade_analyst.testing` runs them too).
test_black76_is_black_scholes_on_the_forward = laws.black76_is_black_scholes_on_the_forward.test()
test_prices_respect_no_arbitrage_bounds = laws.prices_respect_no_arbitrage_bounds.test()


@given(spots, moneyness, years, vols, rates, options.dividend_yields())
def test_greeks_have_the_signs_and_ranges_of_their_rights(spot, m, t, vol, r, q):
    call = bs_greeks("C", spot, spot * m, t, vol, r, q)
    put = bs_greeks("P", spot, spot * m, t, vol, r, q)
    carry = math.exp(-q * t)
    assert 0.0 <= call.delta <= carry
    assert -carry <= put.delta <= 0.0
    assert call.delta - put.delta == pytest.approx(carry)
    assert call.gamma == pytest.approx(put.gamma)
    assert call.gamma >= 0.0
    assert call.vega == pytest.approx(put.vega)
    assert call.vega >= 0.0
    assert call.rho >= 0.0 >= put.rho


@given(spots, moneyness, years, vols, rates, st.floats(1.0001, 1.5))
def test_a_call_is_worth_more_when_the_underlying_is_higher(spot, m, t, vol, r, up):
    strike = spot * m
    # Far out of the money both are rounding noise around zero: compare above that noise.
    higher = bs_price("C", spot * up, strike, t, vol, r)
    assert higher >= bs_price("C", spot, strike, t, vol, r) - 1e-12 * spot


def test_penny_underlyings_and_strikes_price_like_any_other():
    # Prices scale: a 0.50 spot with a 0.40 strike is a 50 spot with a 40 strike / 100.
    assert bs_price("C", 0.5, 0.4, 1.0, 0.3, 0.01) == pytest.approx(
        bs_price("C", 50.0, 40.0, 1.0, 0.3, 0.01) / 100
    )
    assert bs_price("P", 2.0, 0.5, 1.0, 0.3, 0.01) == pytest.approx(
        bs_price("P", 200.0, 50.0, 1.0, 0.3, 0.01) / 100
    )


def test_a_small_in_the_money_amount_at_expiry_is_still_worth_it():
    # In the money by half a point: worth exactly that, with a delta of one.
    g = bs_greeks("C", 100.5, 100.0, 0.0, 0.2, 0.05)
    assert (g.price, g.delta) == (0.5, 1.0)
    put = bs_greeks("P", 99.75, 100.0, 0.0, 0.2, 0.05)
    assert (put.price, put.delta) == (0.25, -1.0)
