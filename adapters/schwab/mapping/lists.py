"""``GET /movers/{index}`` (the real ``screeners`` shape) and ``GET /instruments``."""

from collections.abc import Mapping

from trade_analyst.adapters.schwab.mapping.values import JsonObject, mapping, number, text, whole
from trade_analyst.ports import Instrument, Mover, ProviderError


def map_movers(payload: JsonObject) -> list[Mover]:
    entries = payload.get("screeners", [])
    if not isinstance(entries, list):
        raise ProviderError("Schwab answered movers without a screener list")
    movers: list[Mover] = []
    for entry in entries:
        item = mapping(entry)
        symbol = text(item.get("symbol"))
        if symbol is None:
            continue
        movers.append(
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
        )
    return movers


def map_instruments(payload: object) -> list[Instrument]:
    # Real answers wrap the list in ``instruments``; the spec shows a bare object for a CUSIP.
    if isinstance(payload, Mapping):
        entries: object = payload.get("instruments", [payload] if "symbol" in payload else [])
    else:
        entries = payload
    if not isinstance(entries, list):
        raise ProviderError("Schwab answered instruments without a list")
    found: list[Instrument] = []
    for entry in entries:
        item = mapping(entry)
        symbol = text(item.get("symbol"))
        if symbol is None:
            continue
        found.append(
            Instrument(
                symbol=symbol,
                description=text(item.get("description")),
                asset_type=text(item.get("assetType")),
                exchange=text(item.get("exchange")),
                cusip=text(item.get("cusip")),
            )
        )
    return found
