"""A market-data provider serving records it was given, for tests and demos without I/O."""

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from zoneinfo import ZoneInfo

import attrs

from trade_analyst import ports
from trade_analyst.domain.models import BarSeries, OptionChain, OptionContract, Quote

_RIGHTS = {"call": ("C",), "put": ("P",), "all": ("C", "P")}


@attrs.define
class InMemoryMarketData:
    """Answers from the dicts it holds, applying every filter a real provider applies.

    ``bars`` is keyed by (symbol, interval) and must be ascending; the trading session is
    not modelled (the bars given are the bars served), and ``capabilities`` says how the
    bars given are stamped and how far back they may be asked for (by default: no limit,
    daily bars at the open of their session). ``requests`` records each query asked, in
    order, so tests can see what a command asked for.
    """

    quotes_by_symbol: Mapping[str, Quote] = attrs.field(factory=dict)
    bars: Mapping[tuple[str, str], BarSeries] = attrs.field(factory=dict)
    chains: Mapping[str, OptionChain] = attrs.field(factory=dict)
    hours: Sequence[ports.MarketHours] = ()
    movers_by_index: Mapping[str, Sequence[ports.Mover]] = attrs.field(factory=dict)
    instrument_list: Sequence[ports.Instrument] = ()
    name: str = "memory"
    capabilities: ports.ProviderCapabilities = attrs.field(factory=ports.ProviderCapabilities)
    requests: list[object] = attrs.field(factory=list, init=False)

    async def quotes(self, query: ports.QuotesQuery) -> ports.QuoteBatch:
        self.requests.append(query)
        known = tuple(self.quotes_by_symbol[s] for s in query.symbols if s in self.quotes_by_symbol)
        unknown = tuple(s for s in query.symbols if s not in self.quotes_by_symbol)
        return ports.QuoteBatch(known, unknown)

    async def price_history(self, query: ports.HistoryQuery) -> ports.BarColumns:
        self.requests.append(query)
        symbol, interval = query.symbol, query.interval
        series = self.bars.get((symbol, interval))
        if series is None:
            if not any(key[0] == symbol for key in self.bars):
                raise ports.NoData(f"no price history for {symbol}", "check the symbol")
            return ports.BarColumns.empty(symbol, interval)
        kept = [bar for bar in series.bars() if query.start <= bar.timestamp < query.end]
        bars = ports.BarColumns.from_series(BarSeries.from_bars(symbol, interval, kept))
        if not query.previous_close:
            return bars
        close, day = self._previous_close(symbol, kept[0].timestamp if kept else query.end)
        return attrs.evolve(bars, previous_close=close, previous_close_date=day)

    def _previous_close(
        self, symbol: str, first: dt.datetime
    ) -> tuple[float | None, dt.date | None]:
        """The close and date of the last daily bar given of a day before ``first``'s (the
        dates in ``capabilities.daily_bar_zone``, UTC when none); (None, None) when none."""
        daily = self.bars.get((symbol, "1d"))
        zone = ZoneInfo(self.capabilities.daily_bar_zone or "UTC")
        first_day = first.astimezone(zone).date()
        before = [
            bar
            for bar in (daily.bars() if daily else [])
            if bar.timestamp.astimezone(zone).date() < first_day
        ]
        if not before:
            return None, None
        return before[-1].close, before[-1].timestamp.astimezone(zone).date()

    async def option_chain(self, query: ports.ChainQuery) -> OptionChain:
        self.requests.append(query)
        chain = self._chain(query.underlying)
        first, last = query.from_date, query.to_date
        contracts = [
            c
            for c in chain.contracts
            if (first is None or c.expiration >= first)
            and (last is None or c.expiration <= last)
            and c.right in _RIGHTS[query.contract_type]
        ]
        if query.strike_count is not None:
            contracts = self._nearest(contracts, chain.underlying_price, query.strike_count)
        return OptionChain(chain.underlying, chain.underlying_price, contracts)

    async def option_expirations(self, query: ports.ExpirationsQuery) -> list[dt.date]:
        self.requests.append(query)
        return list(self._chain(query.underlying).expirations())

    async def market_hours(self, query: ports.HoursQuery) -> list[ports.MarketHours]:
        self.requests.append(query)
        return [h for h in self.hours if h.market in query.markets and h.date == query.on]

    async def movers(self, query: ports.MoversQuery) -> list[ports.Mover]:
        self.requests.append(query)
        movers = list(self.movers_by_index.get(query.index, ()))
        orders: dict[str, Callable[[ports.Mover], float]] = {
            "volume": lambda m: -(m.volume or 0),
            "trades": lambda m: -(m.trades or 0),
            "percent_change_up": lambda m: -(m.net_percent_change or 0.0),
            "percent_change_down": lambda m: m.net_percent_change or 0.0,
        }
        return sorted(movers, key=orders[query.sort])[:10]

    async def instruments(self, query: ports.InstrumentsQuery) -> list[ports.Instrument]:
        self.requests.append(query)
        text = query.query
        matchers: dict[str, Callable[[ports.Instrument], bool]] = {
            "symbol": lambda i: i.symbol in text.split(","),
            "symbol_regex": lambda i: re.fullmatch(text, i.symbol) is not None,
            "description": lambda i: text.lower() in (i.description or "").lower(),
            "description_regex": lambda i: re.search(text, i.description or "") is not None,
            "cusip": lambda i: (i.cusip or "").upper() == text.strip().upper(),
        }
        matches = matchers[query.search]
        try:
            return [i for i in self.instrument_list if matches(i)]
        except re.error as error:
            raise ports.InvalidInput(
                f"bad pattern {text!r}: {error}", "give a Python regex"
            ) from None

    def _chain(self, underlying: str) -> OptionChain:
        chain = self.chains.get(underlying)
        if chain is None:
            raise ports.NoData(f"no options for {underlying}", "check the underlying symbol")
        return chain

    @staticmethod
    def _nearest(
        contracts: list[OptionContract], price: float | None, count: int
    ) -> list[OptionContract]:
        by_expiry: dict[dt.date, set[float]] = {}
        for c in contracts:
            by_expiry.setdefault(c.expiration, set()).add(c.strike)
        centre = price or 0.0
        kept = {
            expiry: set(sorted(strikes, key=lambda s: (abs(s - centre), s))[:count])
            for expiry, strikes in by_expiry.items()
        }
        return [c for c in contracts if c.strike in kept[c.expiration]]
