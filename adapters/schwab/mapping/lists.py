"""``GET /movers/{index}`` (the real ``screeners`` shape) and ``GET /instruments``."""

from collections.abc import Iterator, Mapping

from trade_analyst.adapters.schwab.mapping.values import JsonObject, mapping, number, text, whole
from trade_analyst.ports import Instrument, Mover, ProviderError


def map_movers(payload: JsonObject) -> list[Mover]:
    return [
        Mover(
            symbol=symbol,
            description=text(item.get("description")),
            # The spec's names (last, change) are accepted when the real ones are absent.
            last=number(item.get("lastPrice", item.get("last"))),
            net_change=number(item.get("netChange", item.get("change"))),
            net_percent_change=number(item.get("netPercentChange")),  # already a fraction
            volume=whole(item.get("volume")),
            total_volume=whole(item.get("totalVolume")),
            trades=whole(item.get("trades")),
        )
        for symbol, item in _with_symbol(
            payload.get("screeners", []), "movers without a screener list"
        )
    ]


def map_instruments(payload: object) -> list[Instrument]:
    # Real answers wrap the list in ``instruments``; the spec shows a bare object for a CUSIP.
    if isinstance(payload, Mapping):
        entries: object = payload.get("instruments", [payload] if "symbol" in payload else [])
    else:
        entries = payload
    return [
        Instrument(
            symbol=symbol,
            description=text(item.get("description")),
            asset_type=text(item.get("assetType")),
            exchange=text(item.get("exchange")),
            cusip=text(item.get("cusip")),
        )
        for symbol, item in _with_symbol(entries, "instruments without a list")
    ]


def _with_symbol(entries: object, missing: str) -> Iterator[tuple[str, JsonObject]]:
    """(symbol, entry) for each entry of a list that names a symbol; the rest are skipped.

    ``missing`` completes "Schwab answered ..." when ``entries`` is not a list at all.
    """
    if not isinstance(entries, list):
        raise ProviderError(f"Schwab answered {missing}")
    for entry in entries:
        item = mapping(entry)
        symbol = text(item.get("symbol"))
        if symbol is not None:
            yield symbol, item
