"""Instrument search over the built-in universe and the domain's futures roots."""

import re

from trade_analyst.adapters.mock.universe import FOREX, INDICES, STOCKS
from trade_analyst.domain.futures import all_roots, contract_spec
from trade_analyst.ports import Instrument, InvalidInput


def catalogue() -> list[Instrument]:
    """Everything the mock can quote, as instruments (futures by root)."""
    listed = [
        Instrument(
            symbol=listing.symbol,
            description=listing.name,
            asset_type=listing.asset_type,
            exchange=listing.exchange,
        )
        for listing in (*STOCKS, *INDICES, *FOREX)
    ]
    futures = [
        Instrument(
            symbol=f"/{root}",
            description=contract_spec(root).name,
            asset_type="FUTURE",
            exchange=contract_spec(root).exchange,
        )
        for root in all_roots()
    ]
    return listed + futures


def _pattern(query: str) -> re.Pattern[str]:
    try:
        return re.compile(query, re.IGNORECASE)
    except re.error as exc:
        raise InvalidInput(f"bad regular expression {query!r}: {exc}") from exc


def find(query: str, search: str) -> list[Instrument]:
    """Matches in catalogue order: exact symbol, symbol regex (whole symbol), description
    substring, or description regex (anywhere), all case-insensitive; the query and kind
    of search are checked already."""
    text = query.strip()
    everything = catalogue()
    if search == "symbol":
        return [i for i in everything if i.symbol.upper() == text.upper()]
    if search == "cusip":
        return [i for i in everything if (i.cusip or "").upper() == text.upper()]
    if search == "description":
        return [i for i in everything if text.lower() in (i.description or "").lower()]
    pattern = _pattern(text)
    if search == "symbol_regex":
        return [i for i in everything if pattern.fullmatch(i.symbol)]
    return [i for i in everything if pattern.search(i.description or "")]
