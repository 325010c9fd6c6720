"""The value and sensitivities of one option, in the units brokers display."""

import attrs


@attrs.frozen
class Greeks:
    """Price and greeks of one option.

    ``theta`` is per calendar day, ``vega`` per volatility point (0.01) and ``rho`` per rate
    point (0.01), as Schwab and most brokers show them; ``delta`` and ``gamma`` are per unit
    of the underlying (the spot for Black-Scholes, the futures price for Black-76).
    """

    price: float
    delta: float
    gamma: float
    theta: float
    vega: float
    rho: float
