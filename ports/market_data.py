"""What the core needs from a market-data provider (Schwab, the mock, a recording...).

Shapes follow what the Schwab Trader API can answer, so its
adapter maps responses without inventing data, and the mock produces the same records.
"""

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal, Protocol

import attrs

from trade_analyst.domain.models import OptionChain, Quote
from trade_analyst.ports._times import to_utc
from trade_analyst.ports.bar_columns import BarColumns
from trade_analyst.ports.market_queries import (
    ChainQuery,
    ExpirationsQuery,
    HistoryQuery,
    HoursQuery,
    InstrumentsQuery,
    Market,
    MoversQuery,
    QuotesQuery,
)


@attrs.frozen
class QuoteBatch:
    """Quotes for the symbols the provider knew, and the ones it did not.

    Schwab answers unknown symbols inside a 200 (``errors.invalidSymbols``); one bad symbol
    must not cost the user the other quotes, so they come back side by side.
    """

    quotes: tuple[Quote, ...]
    invalid: tuple[str, ...] = ()


@attrs.frozen
class SessionWindow:
    """One span of a trading day: ``kind`` is pre, regular or post; times are aware UTC."""

    kind: Literal["pre", "regular", "post"]
    start: dt.datetime = attrs.field(converter=to_utc)
    end: dt.datetime = attrs.field(converter=to_utc)


@attrs.frozen(kw_only=True)
class MarketHours:
    """Whether one product of one market trades on ``date``, and in which windows."""

    market: Market
    product: str
    date: dt.date
    is_open: bool
    sessions: tuple[SessionWindow, ...] = ()
    product_name: str | None = None


@attrs.frozen(kw_only=True)
class Mover:
    """One entry of a movers list. ``net_percent_change`` is a fraction (0.0234 = 2.34%)."""

    symbol: str
    description: str | None = None
    last: float | None = None
    net_change: float | None = None
    net_percent_change: float | None = None
    volume: int | None = None
    total_volume: int | None = None
    trades: int | None = None


@attrs.frozen(kw_only=True)
class Instrument:
    """One instrument search hit."""

    symbol: str
    description: str | None = None
    asset_type: str | None = None
    exchange: str | None = None
    cusip: str | None = None


def _read_only(lookback: Mapping[str, int | None]) -> Mapping[str, int | None]:
    return MappingProxyType(dict(lookback))


@attrs.frozen(kw_only=True)
class ProviderCapabilities:
    """What a provider can serve, as it declares it, so the use cases plan their requests
    from the provider they were given rather than from knowledge of one provider.

    ``lookback_days``: how many calendar days back from today each interval's bars reach;
    an interval not listed, or listed as None, reaches back as far as the history goes.
    ``daily_bar_zone``: daily bars are stamped at midnight, in this zone, of the trade date
    they stand for; None: at the first minute of their session (for Globex, the evening
    before the trade date).
    """

    lookback_days: Mapping[str, int | None] = attrs.field(factory=dict, converter=_read_only)
    daily_bar_zone: str | None = None

    def lookback(self, interval: str) -> int | None:
        """Days back ``interval`` bars reach from today; None: no limit."""
        return self.lookback_days.get(interval)


class MarketData(Protocol):
    """A market-data provider.

    Each method takes one query of ``market_queries``, which has already refused what no
    provider could serve (start after end, naive times, an unknown interval or market).
    Every method raises from ``ports.errors`` only: ``InvalidInput`` for what this
    provider's own API or data cannot serve, ``NoData`` for a symbol the provider does not
    know (history, chains, expirations), ``AuthRequired``, ``RateLimited`` or
    ``ProviderError`` otherwise. A known symbol with nothing in range gives an empty
    result, not an error: a backfill splits ranges into chunks and some chunks are
    holidays. Times in and out are aware (bars: epoch milliseconds, UTC); bars are stamped
    at their interval's start (daily bars as ``capabilities`` says).
    ``tests/conformance/market_data_contract.py`` states the laws.
    """

    @property
    def name(self) -> str:
        """Short provider name recorded with every dataset (``schwab``, ``mock``)."""
        ...

    @property
    def capabilities(self) -> ProviderCapabilities:
        """How far back this provider's bars reach and how it stamps daily bars."""
        ...

    async def quotes(self, query: QuotesQuery) -> QuoteBatch:
        """One quote per known symbol, in request order; unknown ones in ``invalid``."""
        ...

    async def price_history(self, query: HistoryQuery) -> BarColumns:
        """Bars starting in ``[start, end)``, ascending and unique by timestamp, as columns
        named for ``query.symbol`` and ``query.interval``; the bars of ``[a, c)`` are those of
        ``[a, b)`` followed by those of ``[b, c)``."""
        ...

    async def option_chain(self, query: ChainQuery) -> OptionChain:
        """Contracts expiring in ``[from_date, to_date]`` (both inclusive; None: open),
        at most ``strike_count`` strikes per expiration, those nearest the underlying."""
        ...

    async def option_expirations(self, query: ExpirationsQuery) -> list[dt.date]:
        """Listed expirations, earliest first."""
        ...

    async def market_hours(self, query: HoursQuery) -> list[MarketHours]:
        """Hours of every product of each market on ``on`` (closed days included)."""
        ...

    async def movers(self, query: MoversQuery) -> list[Mover]:
        """Top movers (at most 10) of one of ``MOVER_INDICES``, ordered by ``sort``."""
        ...

    async def instruments(self, query: InstrumentsQuery) -> list[Instrument]:
        """Instruments matching ``query`` the way ``search`` says."""
        ...
