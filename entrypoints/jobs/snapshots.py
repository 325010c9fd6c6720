"""Quotes and option chains: one request each, checked with the domain's rules.

``ta quotes``, ``ta chain`` and the Python API fetch through here, so an unknown symbol
is the same error and the same findings come back whichever asked.
"""

import datetime as dt
from collections.abc import Sequence

from trade_analyst.domain.models import OptionChain, Quote
from trade_analyst.domain.symbols import Symbol
from trade_analyst.domain.validation import Finding, validate_option_chain, validate_quotes
from trade_analyst.entrypoints.jobs.chains import ChainProgress, fetch_chain_in_windows
from trade_analyst.entrypoints.jobs.requests import unknown_symbols
from trade_analyst.ports import ChainQuery, Clock, ContractType, MarketData, QuotesQuery

# A quote older than this is reported as stale.
QUOTE_MAX_AGE = dt.timedelta(days=4)


async def fetch_quotes(
    market: MarketData, symbols: Sequence[Symbol], clock: Clock
) -> tuple[tuple[Quote, ...], list[Finding]]:
    """One quote per symbol, in order, and what validation found; ``InvalidInput`` naming
    every symbol the provider does not know."""
    batch = await market.quotes(QuotesQuery([str(symbol) for symbol in symbols]))
    if batch.invalid:
        raise unknown_symbols(batch.invalid)
    return batch.quotes, validate_quotes(batch.quotes, now=clock.now(), max_age=QUOTE_MAX_AGE)


async def fetch_option_chain(
    market: MarketData,
    underlying: Symbol,
    expirations: tuple[dt.date | None, dt.date | None],
    *,
    strikes: int | None,
    contract_type: ContractType,
    today: dt.date,
    progress: ChainProgress | None = None,
) -> tuple[OptionChain, list[Finding]]:
    """The chain of ``underlying`` for the expirations ``first..last`` (see
    ``check_chain_window``), and what validation found as of ``today``; fetched a few
    expirations at a time when it spans many, ``progress`` told of each window."""
    first, last = expirations
    query = ChainQuery(
        str(underlying), first, last, strike_count=strikes, contract_type=contract_type
    )
    chain = await fetch_chain_in_windows(market, query, progress=progress)
    return chain, validate_option_chain(chain, on=today)
