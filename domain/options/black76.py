"""Black-76 prices and greeks of European options on a futures or forward price.

The model is Black-Scholes on the forward with a yield equal to the rate (the forward costs
nothing to carry), so the closed form is shared; only rho differs, because moving the rate
does not move the forward: the option's value is just discounted harder (rho = -T * value).
"""

import attrs

from trade_analyst.domain.options.black_scholes import Right, bs_greeks
from trade_analyst.domain.options.greeks import Greeks

__all__ = ["black76_greeks", "black76_price"]


def black76_price(
    right: Right, forward: float, strike: float, years: float, volatility: float, rate: float
) -> float:
    """The fair value: e^(-rT) * [F N(d1) - K N(d2)] for a call, the mirror for a put."""
    return black76_greeks(right, forward, strike, years, volatility, rate).price


def black76_greeks(
    right: Right, forward: float, strike: float, years: float, volatility: float, rate: float
) -> Greeks:
    """Price and greeks (per unit of the forward; theta per day, vega/rho per point)."""
    values = bs_greeks(right, forward, strike, years, volatility, rate, dividend_yield=rate)
    return attrs.evolve(values, rho=-years * values.price / 100.0)
