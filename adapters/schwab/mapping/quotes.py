"""``GET /quotes``: a map keyed by symbol, plus ``errors.invalidSymbols`` for unknown ones.

Real answers differ from the spec in ways read here: a futures root (``/ES``) may be answered
under its active contract's key (``/ESZ21``); a mutual fund may send ``nAV: 0`` with its NAV
in ``closePrice``; prices of untraded instruments are 0; ``lastPrice`` after the close is the
extended-hours print, the ``regular`` group holding the regular session's.
"""

import re
from collections.abc import Mapping, Sequence

from trade_analyst.adapters.schwab.mapping.values import (
    JsonObject,
    mapping,
    ms_time,
    number,
    price,
    text,
    whole,
)
from trade_analyst.domain.models import Quote

PROVIDER = "schwab"
# A futures contract symbol: its root, a CME month code and a one- or two-digit year.
_CONTRACT_SUFFIX = re.compile(r"[FGHJKMNQUVXZ]\d{1,2}")
_CONTRACT = re.compile(r"/[A-Z0-9]+" + _CONTRACT_SUFFIX.pattern)


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
    if wanted.startswith("/"):
        return _contract_entry_for_root(payload, wanted)
    return None


def _contract_entry_for_root(payload: JsonObject, root: str) -> JsonObject | None:
    """The entry of the contract a futures root was answered with (``/ES`` as ``/ESZ21``):
    of the root's contracts in the answer, the one naming itself the active contract."""
    found: list[tuple[str, JsonObject]] = []
    for key, value in payload.items():
        if key == "errors" or not isinstance(value, Mapping):
            continue
        named = key.upper()
        product = text(mapping(value.get("reference")).get("product"))
        if not named.startswith(root):
            continue
        if (product or "").upper() == root or _CONTRACT_SUFFIX.fullmatch(named[len(root) :]):
            found.append((named, value))
    for named, value in found:
        active = text(mapping(value.get("reference")).get("futureActiveSymbol"))
        if active is not None and active.upper() == named:
            return value
    return found[0][1] if found else None


def invalid_symbols(payload: JsonObject) -> set[str]:
    errors = mapping(payload.get("errors"))
    found = errors.get("invalidSymbols")
    return {s for s in found if isinstance(s, str)} if isinstance(found, list) else set()


def to_quote(symbol: str, entry: JsonObject) -> Quote:
    quote = mapping(entry.get("quote"))
    reference = mapping(entry.get("reference"))
    regular = mapping(entry.get("regular"))
    asset_type = text(entry.get("assetMainType")) or "UNKNOWN"
    last = price(quote.get("lastPrice"))
    if last is None and asset_type == "MUTUAL_FUND":
        # Funds quote a net asset value, not trades; Schwab may send nAV 0 and the NAV
        # (struck at the last close) in closePrice.
        last = price(quote.get("nAV")) or price(quote.get("closePrice"))
    # A futures root (/ES) is answered with the active contract's data; name that contract.
    # A contract asked for by name is its own contract, whatever the active one is.
    asked_contract = _CONTRACT.fullmatch(symbol.upper()) is not None
    contract = None if asked_contract else text(reference.get("futureActiveSymbol"))
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
        mark=price(quote.get("mark")),
        bid_size=whole(quote.get("bidSize")),
        ask_size=whole(quote.get("askSize")),
        volume=whole(quote.get("totalVolume")),
        open=price(quote.get("openPrice")),
        high=price(quote.get("highPrice")),
        low=price(quote.get("lowPrice")),
        close=price(quote.get("closePrice")),
        net_change=number(quote.get("netChange")),
        quote_time=ms_time(quote.get("quoteTime")),
        trade_time=ms_time(quote.get("tradeTime")),
        contract=contract if contract != symbol else None,
        regular_last=price(regular.get("regularMarketLastPrice")),
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
