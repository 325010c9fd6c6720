"""Movers: the built-in stocks of an index ranked by their synthetic quotes at now."""

import datetime as dt

from trade_analyst.adapters.mock.quotes import market_quote
from trade_analyst.adapters.mock.subjects import resolve
from trade_analyst.adapters.mock.universe import mover_members
from trade_analyst.ports import Mover

TOP = 10
_SHARES_PER_TRADE = 150  # average print size, to turn volume into a trade count


def _mover(symbol: str, description: str, now: dt.datetime) -> Mover:
    quote = market_quote(resolve(symbol), now)
    change = quote.net_change
    previous = quote.close
    percent = None if change is None or not previous else round(change / previous, 6)
    volume = quote.volume or 0
    return Mover(
        symbol=symbol,
        description=description,
        last=quote.last,
        net_change=change,
        net_percent_change=percent,
        volume=volume,
        total_volume=volume,
        trades=volume // _SHARES_PER_TRADE,
    )


def rank(index: str, sort: str, now: dt.datetime) -> list[Mover]:
    """The top movers of ``index`` by ``sort`` (ties broken by symbol, so order is stable);
    the index and sort are checked already."""
    movers = [_mover(m.symbol, m.name, now) for m in mover_members(index)]
    if sort == "volume":
        movers.sort(key=lambda m: (-(m.volume or 0), m.symbol))
    elif sort == "trades":
        movers.sort(key=lambda m: (-(m.trades or 0), m.symbol))
    elif sort == "percent_change_up":
        movers = [m for m in movers if (m.net_percent_change or 0) > 0]
        movers.sort(key=lambda m: (-(m.net_percent_change or 0), m.symbol))
    else:
        movers = [m for m in movers if (m.net_percent_change or 0) < 0]
        movers.sort(key=lambda m: (m.net_percent_change or 0, m.symbol))
    return movers[:TOP]
