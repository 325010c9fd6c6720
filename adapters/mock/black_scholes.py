"""Black-Scholes-Merton prices and greeks for European options (closed form, pure).

Units follow what brokers display: ``theta`` per calendar day, ``vega`` per one volatility
point (0.01) and ``rho`` per one rate point (0.01). ``t`` is in years, ``sigma``, ``r`` and
``q`` are annual fractions. The analytics issue will move this into the domain.
"""

import math
from typing import Literal

import attrs

Right = Literal["C", "P"]
_SQRT_2 = math.sqrt(2.0)
_SQRT_2PI = math.sqrt(2.0 * math.pi)
_DAYS_PER_YEAR = 365.0


def norm_cdf(x: float) -> float:
    return 0.5 * (1.0 + math.erf(x / _SQRT_2))


def norm_pdf(x: float) -> float:
    return math.exp(-0.5 * x * x) / _SQRT_2PI


@attrs.frozen
class Greeks:
    price: float
    delta: float
    gamma: float
    theta: float
    vega: float
    rho: float


def _d1_d2(s: float, k: float, t: float, sigma: float, r: float, q: float) -> tuple[float, float]:
    root_t = sigma * math.sqrt(t)
    d1 = (math.log(s / k) + (r - q + 0.5 * sigma * sigma) * t) / root_t
    return d1, d1 - root_t


def _check(s: float, k: float, t: float, sigma: float) -> None:
    # Closed forms divide by these; a zero would be a caller bug, not a market state.
    if not (s > 0 and k > 0 and t > 0 and sigma > 0):
        raise ValueError(f"need s, k, t, sigma > 0; got s={s} k={k} t={t} sigma={sigma}")


def price(
    right: Right, s: float, k: float, t: float, sigma: float, r: float, q: float = 0.0
) -> float:
    """The option's fair value."""
    return greeks(right, s, k, t, sigma, r, q).price


def greeks(
    right: Right, s: float, k: float, t: float, sigma: float, r: float, q: float = 0.0
) -> Greeks:
    """Price and first-order greeks (plus gamma) in broker display units."""
    _check(s, k, t, sigma)
    d1, d2 = _d1_d2(s, k, t, sigma, r, q)
    carry, discount = math.exp(-q * t), math.exp(-r * t)
    density = norm_pdf(d1)
    gamma = carry * density / (s * sigma * math.sqrt(t))
    vega = s * carry * density * math.sqrt(t) / 100.0
    decay = -s * carry * density * sigma / (2.0 * math.sqrt(t))
    if right == "C":
        value = s * carry * norm_cdf(d1) - k * discount * norm_cdf(d2)
        delta = carry * norm_cdf(d1)
        theta = decay - r * k * discount * norm_cdf(d2) + q * s * carry * norm_cdf(d1)
        rho = k * t * discount * norm_cdf(d2) / 100.0
    else:
        value = k * discount * norm_cdf(-d2) - s * carry * norm_cdf(-d1)
        delta = -carry * norm_cdf(-d1)
        theta = decay + r * k * discount * norm_cdf(-d2) - q * s * carry * norm_cdf(-d1)
        rho = -k * t * discount * norm_cdf(-d2) / 100.0
    # Far out of the money the difference of two tiny terms can dip below zero by rounding.
    return Greeks(max(value, 0.0), delta, gamma, theta / _DAYS_PER_YEAR, vega, rho)
