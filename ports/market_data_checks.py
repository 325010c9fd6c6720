"""The argument checks of the ``MarketData`` methods, shared by every implementation.

A request no provider could serve (start after end, a naive time, an unknown interval,
market, sort...) is refused the same way whichever provider was asked, with one message
and hint. Each implementation calls these first and keeps only checks of its own making
(what its API or its data cannot serve).
"""

import datetime as dt
from collections.abc import Sequence

from trade_analyst.ports.errors import InvalidInput
from trade_analyst.ports.market_data import (
    CONTRACT_TYPES,
    INSTRUMENT_SEARCHES,
    INTERVALS,
    MARKETS,
    MOVER_INDICES,
    MOVER_SORTS,
    TRADING_SESSIONS,
)


def check_quotes_args(symbols: Sequence[str]) -> None:
    """``quotes``: a list of one or more symbols (a bare string is one symbol, not a list)."""
    if isinstance(symbols, str) or not symbols:
        raise InvalidInput("quotes need a list of one or more symbols", "e.g. AAPL /ES $SPX")


def check_price_history_args(
    start: dt.datetime, end: dt.datetime, interval: str, session: str
) -> None:
    """``price_history``: aware times with start <= end (an empty range is an empty
    answer), a known interval and trading session."""
    if interval not in INTERVALS:
        raise InvalidInput(
            f"unsupported interval {interval!r}", f"valid intervals: {', '.join(INTERVALS)}"
        )
    if session not in TRADING_SESSIONS:
        raise InvalidInput(f"unknown session {session!r}", f"valid: {', '.join(TRADING_SESSIONS)}")
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, dt.datetime) or value.utcoffset() is None:
            raise InvalidInput(
                f"{name} must be an aware datetime, got {value!r}", "give a time zone"
            )
    if start > end:
        raise InvalidInput(
            f"start {start.isoformat()} is after end {end.isoformat()}",
            "give a start no later than the end",
        )


def check_option_chain_args(
    from_date: dt.date | None,
    to_date: dt.date | None,
    strike_count: int | None,
    contract_type: str,
) -> None:
    """``option_chain``: an expiration window that does not end before it starts, a
    positive strike count, a known contract type."""
    if from_date is not None and to_date is not None and from_date > to_date:
        raise InvalidInput(f"from {from_date} is after to {to_date}", "give from <= to")
    if strike_count is not None and (not isinstance(strike_count, int) or strike_count < 1):
        raise InvalidInput(
            f"strike count must be a positive number, got {strike_count!r}", "e.g. 10"
        )
    if contract_type not in CONTRACT_TYPES:
        raise InvalidInput(
            f"unknown contract type {contract_type!r}", f"valid: {', '.join(CONTRACT_TYPES)}"
        )


def check_market_hours_args(markets: Sequence[str]) -> None:
    """``market_hours``: a list of one or more known markets."""
    if isinstance(markets, str) or not markets:
        raise InvalidInput("market hours need one or more markets", f"valid: {', '.join(MARKETS)}")
    unknown = [market for market in markets if market not in MARKETS]
    if unknown:
        raise InvalidInput(f"unknown market {unknown[0]!r}", f"valid markets: {', '.join(MARKETS)}")


def check_movers_args(index: str, sort: str) -> None:
    """``movers``: one of ``MOVER_INDICES`` and a known sort."""
    if index not in MOVER_INDICES:
        raise InvalidInput(f"unknown movers index {index!r}", f"valid: {', '.join(MOVER_INDICES)}")
    if sort not in MOVER_SORTS:
        raise InvalidInput(f"unknown movers sort {sort!r}", f"valid: {', '.join(MOVER_SORTS)}")


def check_instruments_args(query: str, search: str) -> None:
    """``instruments``: a known kind of search and a query that is not blank."""
    if search not in INSTRUMENT_SEARCHES:
        raise InvalidInput(
            f"unknown instrument search {search!r}", f"valid: {', '.join(INSTRUMENT_SEARCHES)}"
        )
    if not isinstance(query, str) or not query.strip():
        raise InvalidInput("an instrument search needs a query", "give a symbol or words of a name")
