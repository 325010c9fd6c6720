"""Black-Scholes-Merton prices and greeks of European options on a spot with a yield.

``years`` is time to expiry in years; ``volatility``, ``rate`` and ``dividend_yield`` are
annual fractions with continuous compounding. At expiry (``years == 0``) or with zero
volatility the value is the discounted intrinsic value of the forward, the limit of the
closed form, so callers never divide by zero.
"""

import math
from typing import Literal

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.options._normal import norm_cdf, norm_pdf
from trade_analyst.domain.options.greeks import Greeks

Right = Literal["C", "P"]
DAYS_PER_YEAR = 365.0

__all__ = ["DAYS_PER_YEAR", "Right", "bs_greeks", "bs_price", "check_inputs"]


def check_inputs(right: str, underlying: float, strike: float, years: float, vol: float) -> None:
    """Raise ``DomainError`` unless the inputs describe a priceable option."""
    if right not in ("C", "P"):
        raise DomainError(f"right must be 'C' or 'P', got {right!r}")
    values = (underlying, strike, years, vol)
    if not all(math.isfinite(v) for v in values):
        raise DomainError(f"inputs must be finite numbers, got {values}")
    if underlying <= 0 or strike <= 0:
        raise DomainError(f"underlying and strike must be > 0, got {underlying} and {strike}")
    if years < 0 or vol < 0:
        raise DomainError(f"years and volatility must be >= 0, got {years} and {vol}")


def bs_price(
    right: Right,
    spot: float,
    strike: float,
    years: float,
    volatility: float,
    rate: float,
    dividend_yield: float = 0.0,
) -> float:
    """The option's fair value."""
    return bs_greeks(right, spot, strike, years, volatility, rate, dividend_yield).price


def bs_greeks(
    right: Right,
    spot: float,
    strike: float,
    years: float,
    volatility: float,
    rate: float,
    dividend_yield: float = 0.0,
) -> Greeks:
    """Price, delta, gamma, theta (per day), vega (per vol point), rho (per rate point)."""
    check_inputs(right, spot, strike, years, volatility)
    carry = math.exp(-dividend_yield * years)
    discount = math.exp(-rate * years)
    spread = volatility * math.sqrt(years)
    if spread == 0.0:
        return _degenerate(right, spot, strike, years, rate, dividend_yield, carry, discount)
    d1 = (math.log(spot / strike) + (rate - dividend_yield) * years) / spread + 0.5 * spread
    d2 = d1 - spread
    density = norm_pdf(d1)
    gamma = carry * density / (spot * spread)
    vega = spot * carry * density * math.sqrt(years)
    decay = -spot * carry * density * volatility / (2.0 * math.sqrt(years))
    sign = 1.0 if right == "C" else -1.0
    n1, n2 = norm_cdf(sign * d1), norm_cdf(sign * d2)
    value = sign * (spot * carry * n1 - strike * discount * n2)
    delta = sign * carry * n1
    theta = decay - sign * rate * strike * discount * n2 + sign * dividend_yield * spot * carry * n1
    rho = sign * strike * years * discount * n2
    # Far out of the money the difference of two tiny terms can dip below zero by rounding.
    return Greeks(max(value, 0.0), delta, gamma, theta / DAYS_PER_YEAR, vega / 100.0, rho / 100.0)


def _degenerate(
    right: Right,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    dividend_yield: float,
    carry: float,
    discount: float,
) -> Greeks:
    """No uncertainty left: the option is worth its discounted forward intrinsic value."""
    forward_gap = spot * carry - strike * discount
    sign = 1.0 if right == "C" else -1.0
    in_the_money = sign * forward_gap > 0
    if not in_the_money:
        return Greeks(0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
    # The value sign*(S e^{-qT} - K e^{-rT}) differentiated in S, T and r.
    theta = sign * (dividend_yield * spot * carry - rate * strike * discount)
    rho = sign * strike * years * discount
    return Greeks(sign * forward_gap, sign * carry, 0.0, theta / DAYS_PER_YEAR, 0.0, rho / 100.0)
