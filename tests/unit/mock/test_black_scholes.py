"""Black-Scholes laws: put-call parity, greek signs and ranges, textbook values."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.mock.black_scholes import greeks, norm_cdf, price

spots = st.floats(1.0, 10_000.0)
moneyness = st.floats(0.5, 2.0)
years = st.floats(1.0 / 365.0, 3.0)
vols = st.floats(0.05, 1.5)
rates = st.floats(0.0, 0.10)
yields = st.floats(0.0, 0.05)


@given(spots, moneyness, years, vols, rates, yields)
def test_put_call_parity(s: float, m: float, t: float, sigma: float, r: float, q: float) -> None:
    k = s * m
    call, put = price("C", s, k, t, sigma, r, q), price("P", s, k, t, sigma, r, q)
    forward = s * math.exp(-q * t) - k * math.exp(-r * t)
    assert call - put == pytest.approx(forward, rel=1e-9, abs=1e-9 * s)


@given(spots, moneyness, years, vols, rates)
def test_greeks_have_the_signs_and_ranges_of_their_rights(
    s: float, m: float, t: float, sigma: float, r: float
) -> None:
    call, put = greeks("C", s, s * m, t, sigma, r), greeks("P", s, s * m, t, sigma, r)
    assert 0.0 <= call.delta <= 1.0
    assert -1.0 <= put.delta <= 0.0
    assert call.delta - put.delta == pytest.approx(1.0)
    assert call.gamma == pytest.approx(put.gamma)
    assert call.gamma >= 0.0
    assert call.vega == pytest.approx(put.vega)
    assert call.vega >= 0.0
    assert call.rho >= 0.0 >= put.rho
    assert call.price >= max(s - s * m * math.exp(-r * t), 0.0) - 1e-9 * s


@given(spots, moneyness, years, vols, rates, st.floats(1.0001, 1.5))
def test_a_call_is_worth_more_when_the_underlying_is_higher(
    s: float, m: float, t: float, sigma: float, r: float, up: float
) -> None:
    k = s * m
    # Far out of the money both are rounding noise around zero: compare above that noise.
    assert price("C", s * up, k, t, sigma, r) >= price("C", s, k, t, sigma, r) - 1e-12 * s


def test_textbook_values() -> None:
    # Hull's standard example: S=K=100, T=1, sigma=20%, r=5%.
    call, put = greeks("C", 100, 100, 1, 0.2, 0.05), greeks("P", 100, 100, 1, 0.2, 0.05)
    assert call.price == pytest.approx(10.4506, abs=1e-4)
    assert put.price == pytest.approx(5.5735, abs=1e-4)
    assert call.delta == pytest.approx(0.6368, abs=1e-4)
    assert call.gamma == pytest.approx(0.018762, abs=1e-6)
    assert call.vega == pytest.approx(0.37524, abs=1e-5)  # per volatility point
    assert call.theta == pytest.approx(-6.4140 / 365.0, abs=1e-5)  # per calendar day


def test_theta_is_the_daily_decay_of_the_price() -> None:
    now = price("C", 100, 105, 30 / 365, 0.3, 0.04)
    tomorrow = price("C", 100, 105, 29 / 365, 0.3, 0.04)
    theta = greeks("C", 100, 105, 30 / 365, 0.3, 0.04).theta
    assert tomorrow - now == pytest.approx(theta, rel=0.05)


def test_norm_cdf_is_a_distribution() -> None:
    assert norm_cdf(0.0) == 0.5
    assert norm_cdf(-8.0) < 1e-12 < 1 - 1e-12 < norm_cdf(8.0)


@pytest.mark.parametrize(
    "bad", [(0, 100, 1, 0.2), (100, 0, 1, 0.2), (100, 100, 0, 0.2), (100, 100, 1, 0)]
)
def test_degenerate_inputs_are_refused(bad: tuple[float, float, float, float]) -> None:
    with pytest.raises(ValueError, match="need"):
        greeks("C", *bad, 0.05)
