"""An option chain fetched in expiration windows, so a huge one never comes in one answer.

Schwab's gateway refuses very large answers (a whole ``$SPX`` chain) with a 502 "Body buffer
overflow", which no retry fixes. So a chain spanning many expirations is asked for a few
expirations at a time, and a window that is still too large is halved until it fits (one
expiration that is too large needs fewer strikes: that error reaches the user).
"""

import datetime as dt
from collections.abc import Callable, Sequence

from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.ports import (
    ChainQuery,
    ExpirationsQuery,
    InvalidInput,
    MarketData,
    NoData,
    ResponseTooLarge,
)

# Expirations per request: small enough that even $SPX's (thousands of strikes) fits.
EXPIRATIONS_PER_WINDOW = 8

# Called with (windows fetched, windows planned); the plan grows when a window is halved.
ChainProgress = Callable[[int, int], None]


async def fetch_chain_in_windows(
    market: MarketData, query: ChainQuery, *, progress: ChainProgress | None = None
) -> OptionChain:
    """The chain ``query`` asks for; more than one request when it spans many expirations."""
    if query.from_date is not None and query.from_date == query.to_date:
        return await market.option_chain(query)
    try:
        listed = await market.option_expirations(ExpirationsQuery(query.underlying))
    except (NoData, InvalidInput):
        return await market.option_chain(query)  # let the chain request say what is wrong
    dates = [d for d in sorted(set(listed)) if _inside(d, query)]
    if len(dates) <= EXPIRATIONS_PER_WINDOW:
        try:
            return await market.option_chain(query)
        except ResponseTooLarge:
            if len(dates) < 2:
                raise
            windows = [dates[: len(dates) // 2], dates[len(dates) // 2 :]]
    else:
        step = EXPIRATIONS_PER_WINDOW
        windows = [dates[i : i + step] for i in range(0, len(dates), step)]
    return await _fetch_windows(market, query, windows, progress)


def _inside(day: dt.date, query: ChainQuery) -> bool:
    return (query.from_date is None or day >= query.from_date) and (
        query.to_date is None or day <= query.to_date
    )


async def _fetch_windows(
    market: MarketData,
    query: ChainQuery,
    windows: Sequence[Sequence[dt.date]],
    progress: ChainProgress | None,
) -> OptionChain:
    pending = list(windows)
    done = 0
    contracts: dict[str, OptionContract] = {}
    unnamed: list[OptionContract] = []
    price: float | None = None
    if progress:
        progress(0, len(pending))
    while pending:
        window = pending.pop(0)
        part = ChainQuery(
            query.underlying,
            window[0],
            window[-1],
            strike_count=query.strike_count,
            contract_type=query.contract_type,
        )
        try:
            chain = await market.option_chain(part)
        except ResponseTooLarge:
            if len(window) < 2:
                raise
            middle = len(window) // 2
            pending[:0] = [window[:middle], window[middle:]]
            continue
        except NoData:
            chain = None  # a listed expiration with nothing quoted: the others still count
        if chain is not None:
            price = chain.underlying_price if chain.underlying_price is not None else price
            for contract in chain.contracts:
                if contract.symbol:
                    contracts[contract.symbol] = contract
                else:
                    unnamed.append(contract)
        done += 1
        if progress:
            progress(done, done + len(pending))
    merged = sorted(
        [*contracts.values(), *unnamed], key=lambda c: (c.expiration, c.right, c.strike)
    )
    if not merged:
        raise NoData(f"no option contracts for {query.underlying} in the requested window")
    return OptionChain(query.underlying, price, tuple(merged))
