"""Option prices for the mock: Black-Scholes on the underlying's synthetic price.

One volatility per (underlying, expiry, strike) from a gentle smile, the same for the call
and the put, so put-call parity holds to the cent on marks. Expiry is 16:00 ET on the
expiration date.
"""

import datetime as dt
import math

import attrs

from trade_analyst.adapters.mock import black_scholes
from trade_analyst.adapters.mock.seeds import rng_for
from trade_analyst.domain.options import expires_at
from trade_analyst.domain.symbols import EquityOption

RATE = 0.04  # flat risk-free rate (annual, continuous)
DIVIDEND_YIELD = 0.0
_SECONDS_PER_YEAR = 365.0 * 86400.0
_MIN_YEARS = 60.0 / _SECONDS_PER_YEAR  # one minute: greeks stay finite at the bell


@attrs.frozen
class OptionQuote:
    bid: float
    ask: float
    mark: float
    iv: float
    greeks: black_scholes.Greeks
    volume: int
    open_interest: int
    bid_size: int
    ask_size: int


def years_left(expiration: dt.date, now: dt.datetime) -> float:
    return max((expires_at(expiration) - now).total_seconds() / _SECONDS_PER_YEAR, _MIN_YEARS)


def smile(base: float, spot: float, strike: float, years: float) -> float:
    """Implied volatility: the base level, higher for low strikes (skew) and far wings."""
    moneyness = math.log(strike / spot) / math.sqrt(max(years, 1.0 / 52.0))
    scaled = base * (1.0 - 0.15 * moneyness + 0.10 * moneyness * moneyness)
    return min(max(scaled, 0.5 * base), 4.0 * base)


def _cents(value: float) -> float:
    return round(value + 0.0, 2)


def quote_option(
    option: EquityOption, spot: float, base_vol: float, now: dt.datetime, day: dt.date
) -> OptionQuote:
    """Theoretical value, a bid/ask around it and activity seeded by (contract, day)."""
    strike = float(option.strike)
    years = years_left(option.expiration, now)
    iv = smile(base_vol, spot, strike, years)
    values = black_scholes.greeks(option.right, spot, strike, years, iv, RATE, DIVIDEND_YIELD)
    half_spread = max(0.01, 0.02 * values.price)
    mark = _cents(values.price)
    rng = rng_for(str(option), "activity", day.isoformat())
    # Activity fades with distance from the money.
    near = math.exp(-abs(math.log(strike / spot)) * 10.0)
    return OptionQuote(
        bid=max(0.0, _cents(values.price - half_spread)),
        ask=_cents(values.price + half_spread),
        mark=mark,
        iv=iv,
        greeks=values,
        volume=int(5000 * near * rng.random()),
        open_interest=int(20000 * near * (0.2 + rng.random())),
        bid_size=1 + rng.randrange(50),
        ask_size=1 + rng.randrange(50),
    )
