"""The standard normal distribution (erf-based; exact to double precision for our use)."""

import math

_SQRT_2 = math.sqrt(2.0)
_SQRT_2PI = math.sqrt(2.0 * math.pi)


def norm_cdf(x: float) -> float:
    # erfc keeps precision in the far left tail, where 1 + erf(x) would cancel to 0.
    return 0.5 * math.erfc(-x / _SQRT_2)


def norm_pdf(x: float) -> float:
    return math.exp(-0.5 * x * x) / _SQRT_2PI
