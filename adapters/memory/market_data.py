"""A market-data provider serving records it was given, for tests and demos without I/O."""

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence

import attrs

from trade_analyst.domain.models import BarSeries, OptionChain, OptionContract, Quote
from trade_analyst.ports import (
    ContractType,
    Instrument,
    InstrumentSearch,
    Interval,
    InvalidInput,
    Market,
    MarketHours,
    Mover,
    MoverSort,
    NoData,
    ProviderCapabilities,
    QuoteBatch,
    TradingSession,
    check_instruments_args,
    check_market_hours_args,
    check_movers_args,
    check_option_chain_args,
    check_price_history_args,
    check_quotes_args,
)

_RIGHTS = {"call": ("C",), "put": ("P",), "all": ("C", "P")}


@attrs.define
class InMemoryMarketData:
    """Answers from the dicts it holds, applying every filter a real provider applies.

    ``bars`` is keyed by (symbol, interval) and must be ascending; the trading session is
    not modelled (the bars given are the bars served), and ``capabilities`` says how the
    bars given are stamped and how far back they may be asked for (by default: no limit,
    daily bars at the open of their session). ``requests`` records each call's method name
    and arguments so tests can see what a command asked for.
    """

    quotes_by_symbol: Mapping[str, Quote] = attrs.field(factory=dict)
    bars: Mapping[tuple[str, str], BarSeries] = attrs.field(factory=dict)
    chains: Mapping[str, OptionChain] = attrs.field(factory=dict)
    hours: Sequence[MarketHours] = ()
    movers_by_index: Mapping[str, Sequence[Mover]] = attrs.field(factory=dict)
    instrument_list: Sequence[Instrument] = ()
    name: str = "memory"
    capabilities: ProviderCapabilities = attrs.field(factory=ProviderCapabilities)
    requests: list[tuple[object, ...]] = attrs.field(factory=list, init=False)

    async def quotes(self, symbols: Sequence[str]) -> QuoteBatch:
        self.requests.append(("quotes", tuple(symbols)))
        check_quotes_args(symbols)
        known = tuple(self.quotes_by_symbol[s] for s in symbols if s in self.quotes_by_symbol)
        unknown = tuple(s for s in symbols if s not in self.quotes_by_symbol)
        return QuoteBatch(known, unknown)

    async def price_history(
        self,
        symbol: str,
        start: dt.datetime,
        end: dt.datetime,
        interval: Interval,
        session: TradingSession = "regular",
    ) -> BarSeries:
        self.requests.append(("price_history", symbol, start, end, interval, session))
        check_price_history_args(start, end, interval, session)
        series = self.bars.get((symbol, interval))
        if series is None:
            if not any(key[0] == symbol for key in self.bars):
                raise NoData(f"no price history for {symbol}", "check the symbol")
            return BarSeries.from_bars(symbol, interval, ())
        kept = [bar for bar in series.bars() if start <= bar.timestamp < end]
        return BarSeries.from_bars(symbol, interval, kept)

    async def option_chain(
        self,
        underlying: str,
        from_date: dt.date | None = None,
        to_date: dt.date | None = None,
        *,
        strike_count: int | None = None,
        contract_type: ContractType = "all",
    ) -> OptionChain:
        self.requests.append(("option_chain", underlying, from_date, to_date, strike_count))
        check_option_chain_args(from_date, to_date, strike_count, contract_type)
        chain = self._chain(underlying)
        contracts = [
            c
            for c in chain.contracts
            if (from_date is None or c.expiration >= from_date)
            and (to_date is None or c.expiration <= to_date)
            and c.right in _RIGHTS[contract_type]
        ]
        if strike_count is not None:
            contracts = self._nearest(contracts, chain.underlying_price, strike_count)
        return OptionChain(chain.underlying, chain.underlying_price, contracts)

    async def option_expirations(self, underlying: str) -> list[dt.date]:
        self.requests.append(("option_expirations", underlying))
        return list(self._chain(underlying).expirations())

    async def market_hours(self, markets: Sequence[Market], on: dt.date) -> list[MarketHours]:
        self.requests.append(("market_hours", tuple(markets), on))
        check_market_hours_args(markets)
        return [h for h in self.hours if h.market in markets and h.date == on]

    async def movers(self, index: str, sort: MoverSort = "volume") -> list[Mover]:
        self.requests.append(("movers", index, sort))
        check_movers_args(index, sort)
        movers = list(self.movers_by_index.get(index, ()))
        orders: dict[str, Callable[[Mover], float]] = {
            "volume": lambda m: -(m.volume or 0),
            "trades": lambda m: -(m.trades or 0),
            "percent_change_up": lambda m: -(m.net_percent_change or 0.0),
            "percent_change_down": lambda m: m.net_percent_change or 0.0,
        }
        return sorted(movers, key=orders[sort])[:10]

    async def instruments(
        self, query: str, search: InstrumentSearch = "symbol"
    ) -> list[Instrument]:
        self.requests.append(("instruments", query, search))
        check_instruments_args(query, search)
        matchers: dict[str, Callable[[Instrument], bool]] = {
            "symbol": lambda i: i.symbol in query.split(","),
            "symbol_regex": lambda i: re.fullmatch(query, i.symbol) is not None,
            "description": lambda i: query.lower() in (i.description or "").lower(),
            "description_regex": lambda i: re.search(query, i.description or "") is not None,
        }
        matches = matchers[search]
        try:
            return [i for i in self.instrument_list if matches(i)]
        except re.error as error:
            raise InvalidInput(f"bad pattern {query!r}: {error}", "give a Python regex") from None

    def _chain(self, underlying: str) -> OptionChain:
        chain = self.chains.get(underlying)
        if chain is None:
            raise NoData(f"no options for {underlying}", "check the underlying symbol")
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
