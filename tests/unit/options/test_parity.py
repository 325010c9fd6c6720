"""Put-call parity: a law of the model prices, and a forward read from a call and a put."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.options import black76_price, bs_price, implied_forward, parity_gap


def test_hull_example_satisfies_parity_to_the_cent():
    # c - p = 4.76 - 0.81 = 3.95 and S - K e^{-rT} = 42 - 40 e^{-0.05} = 3.951.
    assert parity_gap(4.76, 0.81, 42, 40, 0.5, 0.1) == pytest.approx(0.0, abs=0.005)


def test_a_mispriced_pair_shows_its_gap():
    fair = parity_gap(4.76, 0.81, 42, 40, 0.5, 0.1)
    assert parity_gap(5.76, 0.81, 42, 40, 0.5, 0.1) == pytest.approx(fair + 1.0)


def test_implied_forward_by_hand():
    # K + (C - P) e^{rT} with r = 0: 100 + (7 - 2) = 105.
    assert implied_forward(7.0, 2.0, 100.0, 0.25, 0.0) == 105.0


@given(
    st.floats(10, 1000), st.floats(0.5, 2.0), st.floats(0.01, 3.0), st.floats(0.05, 1.5),
    st.floats(-0.01, 0.1), st.floats(0, 0.06),
)  # fmt: skip
def test_black_scholes_prices_satisfy_parity(spot, m, t, vol, r, q):
    strike = spot * m
    call = bs_price("C", spot, strike, t, vol, r, q)
    put = bs_price("P", spot, strike, t, vol, r, q)
    assert parity_gap(call, put, spot, strike, t, r, q) == pytest.approx(0.0, abs=1e-9 * spot)
    forward = spot * math.exp((r - q) * t)
    assert implied_forward(call, put, strike, t, r) == pytest.approx(forward, rel=1e-9)


@given(st.floats(10, 1000), st.floats(0.5, 2.0), st.floats(0.01, 3.0), st.floats(0.05, 1.5),
       st.floats(-0.01, 0.1))  # fmt: skip
def test_black76_prices_satisfy_forward_parity(forward, m, t, vol, r):
    strike = forward * m
    call = black76_price("C", forward, strike, t, vol, r)
    put = black76_price("P", forward, strike, t, vol, r)
    assert call - put == pytest.approx(math.exp(-r * t) * (forward - strike), abs=1e-9 * forward)
