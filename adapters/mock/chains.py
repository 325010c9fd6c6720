"""Option chains: strikes around spot on every listed expiration, priced by Black-Scholes."""

import datetime as dt
from decimal import Decimal

from trade_analyst.adapters.mock.expirations import is_monthly, listed_expirations
from trade_analyst.adapters.mock.pricing import quote_option
from trade_analyst.adapters.mock.subjects import INDEX_ROOTS_OF, Subject
from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.domain.options import expires_at
from trade_analyst.domain.symbols import EquityOption

DEFAULT_STRIKES = 20
_STEPS = ((25.0, 0.5), (100.0, 1.0), (250.0, 2.5), (1000.0, 5.0), (5000.0, 10.0))
_LARGE_STEP = 25.0


def strike_step(spot: float) -> float:
    """Strike spacing by price level, as listed options are usually spaced."""
    return next((step for limit, step in _STEPS if spot < limit), _LARGE_STEP)


def strikes_around(spot: float, count: int) -> list[Decimal]:
    """``count`` strikes centred on the one nearest ``spot``, ascending, all above zero."""
    step = Decimal(repr(strike_step(spot)))
    centre = Decimal(round(spot / float(step))) * step
    below = count // 2
    strikes = [centre + (i - below) * step for i in range(count)]
    return [strike for strike in strikes if strike > 0]


def option_root(underlying: Subject, expiration: dt.date) -> str:
    """The OCC root: the ticker, or SPX/SPXW-style roots for index options."""
    roots = INDEX_ROOTS_OF.get(underlying.symbol)
    if roots is None:
        return underlying.symbol.replace(".", "")
    return roots[0] if is_monthly(expiration) else roots[1]


def live_expirations(now: dt.datetime, today: dt.date) -> list[dt.date]:
    """Listed expirations that have not yet expired at ``now``."""
    return [day for day in listed_expirations(today) if expires_at(day) > now]


def build_chain(
    underlying: Subject,
    spot: float,
    expirations: list[dt.date],
    strike_count: int,
    rights: tuple[str, ...],
    now: dt.datetime,
    today: dt.date,
) -> OptionChain:
    """Contracts ordered by expiration, right (calls first) and ascending strike."""
    assert underlying.path is not None
    contracts: list[OptionContract] = []
    strikes = strikes_around(spot, strike_count)
    for expiration in expirations:
        root = option_root(underlying, expiration)
        for right in rights:
            for strike in strikes:
                option = EquityOption(root, expiration, "C" if right == "C" else "P", strike)
                contracts.append(_contract(underlying, option, spot, now, today))
    return OptionChain(underlying.symbol, spot, contracts)


def _contract(
    underlying: Subject, option: EquityOption, spot: float, now: dt.datetime, today: dt.date
) -> OptionContract:
    assert underlying.path is not None
    quote = quote_option(option, spot, underlying.path.volatility, now, today)
    strike = float(option.strike)
    values = quote.greeks
    return OptionContract(
        symbol=str(option),
        underlying=underlying.symbol,
        expiration=option.expiration,
        right=option.right,
        strike=strike,
        bid=quote.bid,
        ask=quote.ask,
        last=quote.mark,
        mark=quote.mark,
        volume=quote.volume,
        open_interest=quote.open_interest,
        implied_volatility=quote.iv,
        delta=values.delta,
        gamma=values.gamma,
        theta=values.theta,
        vega=values.vega,
        rho=values.rho,
        in_the_money=spot > strike if option.right == "C" else spot < strike,
    )
