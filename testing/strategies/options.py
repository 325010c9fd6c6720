"""Pricing inputs, and option chains whose marks satisfy put-call parity.

A chain's marks are Black-Scholes prices of one volatility surface point per contract, so
every call and put on one strike and expiration satisfy C - P = S e^(-qT) - K e^(-rT)
(to rounding) with the ``rate`` and ``dividend_yield`` of its ``PricedChain``.
"""

import datetime as dt

import attrs
from hypothesis import strategies as st

from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.domain.options import bs_greeks

# Ranges where the pricing laws hold to 1e-9 of the spot (the unit tests' ranges).
SPOTS = (10.0, 1000.0)
MONEYNESS = (0.5, 2.0)
YEARS = (0.01, 3.0)
VOLATILITIES = (0.05, 1.5)
RATES = (-0.01, 0.1)
DIVIDEND_YIELDS = (0.0, 0.05)
DAYS_PER_YEAR = 365.0


def spots() -> st.SearchStrategy[float]:
    return st.floats(*SPOTS)


def moneyness() -> st.SearchStrategy[float]:
    """Strike over spot."""
    return st.floats(*MONEYNESS)


def years() -> st.SearchStrategy[float]:
    return st.floats(*YEARS)


def volatilities() -> st.SearchStrategy[float]:
    return st.floats(*VOLATILITIES)


def rates() -> st.SearchStrategy[float]:
    return st.floats(*RATES)


def dividend_yields() -> st.SearchStrategy[float]:
    return st.floats(*DIVIDEND_YIELDS)


@attrs.frozen
class PricedChain:
    """A chain and the market it was priced in: parity holds for these inputs."""

    chain: OptionChain
    as_of: dt.date
    rate: float
    dividend_yield: float

    def years_to(self, expiration: dt.date) -> float:
        return (expiration - self.as_of).days / DAYS_PER_YEAR


@st.composite
def priced_chains(draw: st.DrawFn, underlying: str = "SPY", max_strikes: int = 6) -> PricedChain:
    """A chain of calls and puts on every strike of 1-3 expirations, priced consistently."""
    as_of = draw(st.dates(dt.date(2000, 1, 3), dt.date(2090, 12, 31)))
    spot = draw(spots())
    rate, dividend_yield = draw(rates()), draw(dividend_yields())
    days_out = draw(st.lists(st.integers(4, 3 * 365), min_size=1, max_size=3, unique=True))
    strikes = draw(
        st.lists(moneyness().map(lambda m: round(spot * m, 2)), min_size=1, max_size=max_strikes)
    )
    contracts = []
    for days in sorted(days_out):
        expiration = as_of + dt.timedelta(days=days)
        for strike in sorted(set(strikes)):
            vol = draw(volatilities())
            for right in ("C", "P"):
                greeks = bs_greeks(
                    right, spot, strike, days / DAYS_PER_YEAR, vol, rate, dividend_yield
                )
                contracts.append(
                    OptionContract(
                        symbol=f"{underlying} {expiration:%y%m%d}{right}{strike:g}",
                        underlying=underlying,
                        expiration=expiration,
                        right=right,
                        strike=strike,
                        mark=greeks.price,
                        implied_volatility=vol,
                        delta=greeks.delta,
                        gamma=greeks.gamma,
                        theta=greeks.theta,
                        vega=greeks.vega,
                        rho=greeks.rho,
                        volume=draw(st.integers(0, 10_000)),
                        open_interest=draw(st.integers(0, 100_000)),
                    )
                )
    chain = OptionChain(underlying, spot, contracts)
    return PricedChain(chain, as_of, rate, dividend_yield)


def option_chains(underlying: str = "SPY") -> st.SearchStrategy[OptionChain]:
    """Chains whose marks satisfy put-call parity (``priced_chains`` says in which market)."""
    return priced_chains(underlying).map(lambda priced: priced.chain)
