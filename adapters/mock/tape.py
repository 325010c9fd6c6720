"""Sample trades and quotes (``ta trades sample``) made from the mock's one-minute bars.

Each minute gets four quote updates whose midpoint walks from the bar's open through its
high and low to its close, with a spread of one to three cents, and six trades between
them: at the bid, at the ask (four in ten each) or at the midpoint (one in five, which
Lee-Ready hands to the tick rule). A stream seeded by the symbol and the bars' first
minute (``seeds.rng_for``) makes the same tape on any machine, as the mock's bars are.
"""

import datetime as dt
import random

from trade_analyst.adapters.mock.seeds import rng_for
from trade_analyst.domain.models import BarSeries

__all__ = ["QUOTES_PER_MINUTE", "TRADES_PER_MINUTE", "sample_tape"]

QUOTES_PER_MINUTE = 4
TRADES_PER_MINUTE = 6
_SIZES = (1, 10, 100, 100, 100, 200, 300, 500)
Row = dict[str, object]


def sample_tape(bars: BarSeries) -> tuple[list[Row], list[Row]]:
    """(trades, quotes) rows in time order over one-minute ``bars``; timestamps are aware
    UTC datetimes, prices in cents."""
    first = bars.timestamps[0].isoformat() if len(bars) else ""
    rng = rng_for("sample-tape", bars.symbol, first)
    trades: list[Row] = []
    quotes: list[Row] = []
    for row in range(len(bars)):
        start = bars.timestamps[row]
        books: list[tuple[float, float]] = []  # (bid, ask) of each quote this minute
        for step, mid in enumerate(_mids(bars, row, rng)):
            # Whole cents, so a quote is never locked or crossed by rounding.
            spread = rng.choice((1, 1, 2, 3))
            bid_cents = round(mid * 100) - spread // 2
            bid, ask = bid_cents / 100, (bid_cents + spread) / 100
            books.append((bid, ask))
            quotes.append(
                {
                    "timestamp": start + dt.timedelta(seconds=step * 60 / QUOTES_PER_MINUTE),
                    "symbol": bars.symbol,
                    "bid": bid,
                    "ask": ask,
                    "bid_size": rng.choice(_SIZES),
                    "ask_size": rng.choice(_SIZES),
                }
            )
        for millis in sorted(rng.sample(range(1, 60_000), TRADES_PER_MINUTE)):
            bid, ask = books[millis * QUOTES_PER_MINUTE // 60_000]  # the prevailing quote
            trades.append(
                {
                    "timestamp": start + dt.timedelta(milliseconds=millis),
                    "symbol": bars.symbol,
                    "price": _trade_price(bid, ask, rng),
                    "size": rng.choice(_SIZES),
                }
            )
    return trades, quotes


def _mids(bars: BarSeries, row: int, rng: random.Random) -> list[float]:
    """Quote midpoints through the minute: open, the extremes (in a random order), close."""
    extremes = [bars.high[row], bars.low[row]]
    rng.shuffle(extremes)
    return [bars.open[row], *extremes, bars.close[row]][:QUOTES_PER_MINUTE]


def _trade_price(bid: float, ask: float, rng: random.Random) -> float:
    draw = rng.random()
    if draw < 0.4:
        return bid
    if draw < 0.8:
        return ask
    return round((bid + ask) / 2, 3)
