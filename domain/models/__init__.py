"""Market-data value objects: quotes, bars, option chains, trades, market hours.

Data only: constructors check types, lengths and time zones (aware, stored as UTC) and never
market sanity, which ``domain.validation`` reports on without raising.
"""

from trade_analyst.domain.models.bars import Bar, BarSeries
from trade_analyst.domain.models.hours import MarketHours, MarketSession
from trade_analyst.domain.models.options import OptionChain, OptionContract
from trade_analyst.domain.models.quotes import Quote
from trade_analyst.domain.models.trades import Trade

__all__ = [
    "Bar",
    "BarSeries",
    "MarketHours",
    "MarketSession",
    "OptionChain",
    "OptionContract",
    "Quote",
    "Trade",
]
