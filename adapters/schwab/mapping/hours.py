"""``GET /markets``: market → product → hours, sessions as ISO times with a New York offset."""

import datetime as dt
from collections.abc import Sequence

from trade_analyst.adapters.schwab.mapping.values import JsonObject, mapping, text
from trade_analyst.ports import Market, MarketHours, ProviderError, SessionWindow

_SESSIONS = (("preMarket", "pre"), ("regularMarket", "regular"), ("postMarket", "post"))


def _instant(value: object) -> dt.datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment if moment.utcoffset() is not None else None


def _sessions(hours: JsonObject) -> tuple[SessionWindow, ...]:
    windows: list[SessionWindow] = []
    spans = mapping(hours.get("sessionHours"))
    for key, kind in _SESSIONS:
        entries = spans.get(key)
        for entry in entries if isinstance(entries, list) else ():
            start, end = _instant(mapping(entry).get("start")), _instant(mapping(entry).get("end"))
            if start is None or end is None:
                raise ProviderError(f"Schwab sent market hours with an unreadable {key} window")
            windows.append(SessionWindow(kind, start, end))  # type: ignore[arg-type]
    return tuple(sorted(windows, key=lambda w: w.start))


def map_hours(payload: JsonObject, markets: Sequence[Market], on: dt.date) -> list[MarketHours]:
    found: list[MarketHours] = []
    for market in markets:
        for product_key, raw in mapping(payload.get(market)).items():
            hours = mapping(raw)
            day = hours.get("date")
            try:
                date = dt.date.fromisoformat(day) if isinstance(day, str) else on
            except ValueError:
                date = on
            is_open = hours.get("isOpen") is True
            found.append(
                MarketHours(
                    market=market,
                    product=text(hours.get("product")) or product_key,
                    date=date,
                    is_open=is_open,
                    sessions=_sessions(hours) if is_open else (),
                    product_name=text(hours.get("productName")),
                )
            )
    return found
