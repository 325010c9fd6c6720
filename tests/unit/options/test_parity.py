"""Put-call parity: a law of the model prices, and a forward read from a call and a put."""

import pytest

from trade_analyst.domain.options import implied_forward, parity_gap
from trade_analyst.testing.laws import pricing as laws


def test_hull_example_satisfies_parity_to_the_cent():
    # c - p = 4.76 - 0.81 = 3.95 and S - K e^{-rT} = 42 - 40 e^{-0.05} = 3.951.
    assert parity_gap(4.76, 0.81, 42, 40, 0.5, 0.1) == pytest.approx(0.0, abs=0.005)


def test_a_mispriced_pair_shows_its_gap():
    fair = parity_gap(4.76, 0.81, 42, 40, 0.5, 0.1)
    assert parity_gap(5.76, 0.81, 42, 40, 0.5, 0.1) == pytest.approx(fair + 1.0)


def test_implied_forward_by_hand():
    # K + (C - P) e^{rT} with r = 0: 100 + (7 - 2) = 105.
    assert implied_forward(7.0, 2.0, 100.0, 0.25, 0.0) == 105.0


# The laws live in the package (`python -m trade_analyst.testing` runs them too).
test_black_scholes_prices_satisfy_parity = laws.black_scholes_prices_satisfy_parity.test()
test_black76_prices_satisfy_forward_parity = laws.black76_prices_satisfy_forward_parity.test()
test_generated_chains_satisfy_put_call_parity = laws.generated_chains_satisfy_put_call_parity.test()
