"""Put-call parity for European options: C - P = S e^(-qT) - K e^(-rT).

With a forward price F (Black-76) the same law reads C - P = e^(-rT) (F - K), so a call and
a put on one strike reveal the forward the market is pricing, dividends included.
"""

import math

__all__ = ["implied_forward", "parity_gap"]


def parity_gap(
    call: float,
    put: float,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    dividend_yield: float = 0.0,
) -> float:
    """How far ``call - put`` sits from what parity requires (0 when the prices agree)."""
    return (call - put) - (
        spot * math.exp(-dividend_yield * years) - strike * math.exp(-rate * years)
    )


def implied_forward(call: float, put: float, strike: float, years: float, rate: float) -> float:
    """The forward price at which a call and a put on ``strike`` satisfy parity."""
    return strike + (call - put) * math.exp(rate * years)
