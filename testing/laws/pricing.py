"""Pricing laws: put-call parity, no-arbitrage bounds, Black-76 as Black-Scholes on the
forward, and parity across a generated chain."""

import math
from collections import defaultdict

from trade_analyst.domain.options import black76_price, bs_price, implied_forward, parity_gap
from trade_analyst.testing.laws.law import law
from trade_analyst.testing.strategies.options import (
    PricedChain,
    dividend_yields,
    moneyness,
    priced_chains,
    rates,
    spots,
    volatilities,
    years,
)


def _close(value: float, expected: float, *, rel: float = 0.0, abs_: float = 0.0) -> bool:
    return math.isclose(value, expected, rel_tol=rel, abs_tol=abs_)


@law(spots(), moneyness(), years(), volatilities(), rates(), dividend_yields())
def black_scholes_prices_satisfy_parity(
    spot: float, m: float, t: float, vol: float, r: float, q: float
) -> None:
    strike = spot * m
    call = bs_price("C", spot, strike, t, vol, r, q)
    put = bs_price("P", spot, strike, t, vol, r, q)
    assert _close(parity_gap(call, put, spot, strike, t, r, q), 0.0, abs_=1e-9 * spot)
    forward = spot * math.exp((r - q) * t)
    assert _close(implied_forward(call, put, strike, t, r), forward, rel=1e-9)


@law(spots(), moneyness(), years(), volatilities(), rates())
def black76_prices_satisfy_forward_parity(
    forward: float, m: float, t: float, vol: float, r: float
) -> None:
    strike = forward * m
    call = black76_price("C", forward, strike, t, vol, r)
    put = black76_price("P", forward, strike, t, vol, r)
    assert _close(call - put, math.exp(-r * t) * (forward - strike), abs_=1e-9 * forward)


@law(spots(), moneyness(), years(), volatilities(), rates())
def black76_is_black_scholes_on_the_forward(
    spot: float, m: float, t: float, vol: float, r: float
) -> None:
    strike = spot * m
    forward = spot * math.exp(r * t)
    for right in ("C", "P"):
        assert _close(
            black76_price(right, forward, strike, t, vol, r),
            bs_price(right, spot, strike, t, vol, r),
            rel=1e-9,
            abs_=1e-9,
        )


@law(spots(), moneyness(), years(), volatilities(), rates())
def prices_respect_no_arbitrage_bounds(
    spot: float, m: float, t: float, vol: float, r: float
) -> None:
    strike = spot * m
    call = bs_price("C", spot, strike, t, vol, r)
    put = bs_price("P", spot, strike, t, vol, r)
    slack = 1e-9 * spot
    assert max(spot - strike * math.exp(-r * t), 0) - slack <= call <= spot + slack
    assert max(strike * math.exp(-r * t) - spot, 0) - slack <= put <= strike * math.exp(-r * t)


@law(priced_chains())
def generated_chains_satisfy_put_call_parity(priced: PricedChain) -> None:
    pairs: dict[tuple[object, float], dict[str, float]] = defaultdict(dict)
    for contract in priced.chain.contracts:
        assert contract.mark is not None
        pairs[contract.expiration, contract.strike][contract.right] = contract.mark
    spot = priced.chain.underlying_price
    assert spot is not None
    for (expiration, strike), marks in pairs.items():
        gap = parity_gap(
            marks["C"],
            marks["P"],
            spot,
            strike,
            priced.years_to(expiration),  # type: ignore[arg-type]
            priced.rate,
            priced.dividend_yield,
        )
        assert _close(gap, 0.0, abs_=1e-9 * spot)
