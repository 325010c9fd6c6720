"""``GET /quotes``: a map keyed by symbol, plus ``errors.invalidSymbols`` for unknown ones."""

from collections.abc import Mapping, Sequence

from trade_analyst.adapters.schwab.mapping.values import (
    JsonObject,
    mapping,
    ms_time,
    number,
    text,
    whole,
)
from trade_analyst.domain.models import Quote

PROVIDER = "schwab"


def _entry_for(payload: JsonObject, symbol: str) -> JsonObject | None:
    """The answer for ``symbol``; keys are not guaranteed to keep the request's spelling."""
    entry = payload.get(symbol)
    if isinstance(entry, Mapping):
        return entry
    wanted = symbol.upper()
    for key, value in payload.items():
        if key == "errors" or not isinstance(value, Mapping):
            continue
        if key.upper() == wanted or str(value.get("symbol", "")).upper() == wanted:
            return value
    return None


def invalid_symbols(payload: JsonObject) -> set[str]:
    errors = mapping(payload.get("errors"))
    found = errors.get("invalidSymbols")
    return {s for s in found if isinstance(s, str)} if isinstance(found, list) else set()


def to_quote(symbol: str, entry: JsonObject) -> Quote:
    quote = mapping(entry.get("quote"))
    reference = mapping(entry.get("reference"))
    asset_type = text(entry.get("assetMainType")) or "UNKNOWN"
    last = number(quote.get("lastPrice"))
    if last is None and asset_type == "MUTUAL_FUND":
        last = number(quote.get("nAV"))  # funds quote a net asset value, not trades
    # A futures root (/ES) is answered with the active contract's data; name that contract.
    contract = text(reference.get("futureActiveSymbol"))
    own = text(entry.get("symbol"))
    if contract is None and own is not None and own.upper() != symbol.upper():
        contract = own
    return Quote(
        symbol=symbol,
        asset_type=asset_type,
        provider=PROVIDER,
        bid=number(quote.get("bidPrice")),
        ask=number(quote.get("askPrice")),
        last=last,
        mark=number(quote.get("mark")),
        bid_size=whole(quote.get("bidSize")),
        ask_size=whole(quote.get("askSize")),
        volume=whole(quote.get("totalVolume")),
        open=number(quote.get("openPrice")),
        high=number(quote.get("highPrice")),
        low=number(quote.get("lowPrice")),
        close=number(quote.get("closePrice")),
        net_change=number(quote.get("netChange")),
        quote_time=ms_time(quote.get("quoteTime")),
        trade_time=ms_time(quote.get("tradeTime")),
        contract=contract if contract != symbol else None,
    )


def map_quotes(payload: JsonObject, asked: Sequence[str]) -> tuple[list[Quote], list[str]]:
    """Quotes for the asked symbols in request order, and the asked symbols without one."""
    flagged = {s.upper() for s in invalid_symbols(payload)}
    quotes: list[Quote] = []
    invalid: list[str] = []
    for symbol in asked:
        entry = None if symbol.upper() in flagged else _entry_for(payload, symbol)
        if entry is None:
            invalid.append(symbol)
        else:
            quotes.append(to_quote(symbol, entry))
    return quotes, invalid
