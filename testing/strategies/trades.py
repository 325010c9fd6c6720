"""Trade and quote tapes: prints and the quotes prevailing around them.

``tapes`` gives the columns ``classify_trades`` reads (integer times, prices, bids, asks),
with equal stamps, crossed and locked quotes and empty sides; ``trade_tapes`` gives
``Trade`` objects in time order.
"""

import datetime as dt
from typing import NamedTuple

from hypothesis import strategies as st

from trade_analyst.domain.models import Trade
from trade_analyst.testing.strategies.calendars import instants


class Tape(NamedTuple):
    """Trades and quotes of one symbol as columns, each side in time order."""

    trade_times: list[int]
    trade_prices: list[float]
    sizes: list[float]
    quote_times: list[int]
    bids: list[float]
    asks: list[float]


def _times() -> st.SearchStrategy[list[int]]:
    return st.lists(st.integers(0, 1_000), max_size=60).map(sorted)


def _prices() -> st.SearchStrategy[float]:
    # A few cents around 10: trades land on the bid, the ask, the mid and outside.
    return st.integers(995, 1005).map(lambda cents: cents / 100)


@st.composite
def tapes(draw: st.DrawFn) -> Tape:
    trade_times = draw(_times())
    trade_prices = [draw(_prices()) for _ in trade_times]
    sizes = [float(draw(st.integers(0, 500))) for _ in trade_times]
    quote_times = draw(_times())
    bids = [draw(_prices()) for _ in quote_times]
    asks = [bid + draw(st.integers(-1, 5)) / 100 for bid in bids]  # some crossed
    return Tape(trade_times, trade_prices, sizes, quote_times, bids, asks)


@st.composite
def trades(draw: st.DrawFn, timestamp: dt.datetime | None = None) -> Trade:
    when = timestamp if timestamp is not None else draw(instants())
    return Trade(when, draw(st.floats(0.01, 100_000.0)), draw(st.floats(0.0, 1e6)))


def trade_tapes(max_size: int = 50) -> st.SearchStrategy[list[Trade]]:
    """Trades in time order (equal stamps allowed, as on a real tape)."""
    return st.lists(trades(), max_size=max_size).map(
        lambda rows: sorted(rows, key=lambda trade: trade.timestamp)
    )
