"""``MockMarketData``: the ``MarketData`` port on deterministic synthetic data.

Everything it returns is a function of the request and the clock's now, so the same request
at the same (fake) time gives the same answer on any machine; history for a past range does
not depend on the clock at all. Nothing is computed until a method is called.
"""

import datetime as dt
from collections.abc import Sequence

import anyio
import anyio.from_thread
import anyio.to_thread

from trade_analyst.adapters.mock.chains import DEFAULT_STRIKES, build_chain, live_expirations
from trade_analyst.adapters.mock.history import expired_error, gather, to_series
from trade_analyst.adapters.mock.hours import hours_on
from trade_analyst.adapters.mock.movers import rank
from trade_analyst.adapters.mock.quotes import NotTrading, market_quote, option_quote
from trade_analyst.adapters.mock.search import find
from trade_analyst.adapters.mock.subjects import INDEX_ROOTS_OF, Subject, resolve
from trade_analyst.domain.calendars import nyse
from trade_analyst.domain.models import BarSeries, OptionChain, Quote
from trade_analyst.ports import (
    Clock,
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

PROVIDER_NAME = "mock"
# The mock could serve any date, but it keeps the intraday reach Schwab documents so that
# what works on the mock works on Schwab. Daily bars are stamped at their session's first
# traded minute.
CAPABILITIES = ProviderCapabilities(
    lookback_days={"1m": 48, "5m": 270, "10m": 270, "15m": 270, "30m": 270, "1h": 270},
)
_RIGHTS: dict[str, tuple[str, ...]] = {"call": ("C",), "put": ("P",), "all": ("C", "P")}


class MockMarketData:
    """Synthetic, calendar-correct market data; every record is marked synthetic.

    ``clock`` supplies "now": quotes and chains are as of it, and history has no bars that
    start at or after it.
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock

    @property
    def name(self) -> str:
        return PROVIDER_NAME

    @property
    def capabilities(self) -> ProviderCapabilities:
        return CAPABILITIES

    def _now(self) -> dt.datetime:
        return self._clock.now().astimezone(dt.UTC)

    def _today(self) -> dt.date:
        """The New York date of the clock's now (the mock's listings change on it)."""
        return self._clock.today(nyse().zone)

    def _resolve(self, text: str) -> Subject:
        return resolve(text, today=self._today())

    async def quotes(self, symbols: Sequence[str]) -> QuoteBatch:
        check_quotes_args(symbols)
        now = self._now()
        found: list[Quote] = []
        invalid: list[str] = []
        for text in symbols:
            try:
                subject = self._resolve(text)
                quote = option_quote(subject, now) if subject.option else market_quote(subject, now)
            except (InvalidInput, NotTrading):
                invalid.append(text)
                continue
            found.append(quote)
        return QuoteBatch(tuple(found), tuple(invalid))

    async def price_history(
        self,
        symbol: str,
        start: dt.datetime,
        end: dt.datetime,
        interval: Interval,
        session: TradingSession = "regular",
    ) -> BarSeries:
        check_price_history_args(start, end, interval, session)
        subject = self._resolve(symbol)
        # Generating a long minute history is CPU work (~0.65 s per year of /ES 1m bars): a
        # worker thread keeps the event loop free for progress bars and other requests. A
        # thread cannot be stopped from outside, so it checks each day whether its task was
        # cancelled (Ctrl-C): an interrupted run ends at once instead of after the chunk.
        columns = await anyio.to_thread.run_sync(
            gather,
            subject,
            start,
            end,
            interval,
            session,
            self._now(),
            anyio.from_thread.check_cancelled,
        )
        if not len(columns):
            # A quiet range (a weekend, a holiday, a backfill chunk) is simply empty; only
            # a contract asked for after it stopped trading is an error.
            expired = expired_error(subject, start)
            if expired is not None:
                raise expired
        return to_series(subject, interval, columns)

    def _optionable(self, underlying: str) -> Subject:
        subject = self._resolve(underlying)
        if subject.asset_type in ("EQUITY", "ETF"):
            return subject
        if subject.symbol in INDEX_ROOTS_OF:
            return subject
        if subject.asset_type == "INDEX":
            raise NoData(
                f"the mock lists no options on {subject.symbol}",
                f"index options exist for {', '.join(INDEX_ROOTS_OF)}",
            )
        raise InvalidInput(
            f"{subject.symbol} is not an option underlying for the mock provider",
            "use a stock, an ETF or one of " + ", ".join(INDEX_ROOTS_OF),
        )

    async def option_chain(
        self,
        underlying: str,
        from_date: dt.date | None = None,
        to_date: dt.date | None = None,
        *,
        strike_count: int | None = None,
        contract_type: ContractType = "all",
    ) -> OptionChain:
        check_option_chain_args(from_date, to_date, strike_count, contract_type)
        count = DEFAULT_STRIKES if strike_count is None else strike_count
        rights = _RIGHTS[contract_type]
        subject = self._optionable(underlying)
        now, today = self._now(), self._today()
        expirations = [
            day
            for day in live_expirations(now, today)
            if (from_date is None or day >= from_date) and (to_date is None or day <= to_date)
        ]
        if not expirations:
            raise NoData(
                f"no {subject.symbol} expirations from {from_date or 'now'} to {to_date or 'any'}",
                "see 'ta chain' without dates for the listed expirations",
            )
        spot = market_quote(subject, now).last
        assert spot is not None
        return build_chain(subject, spot, expirations, count, rights, now, today)

    async def option_expirations(self, underlying: str) -> list[dt.date]:
        self._optionable(underlying)
        return live_expirations(self._now(), self._today())

    async def market_hours(self, markets: Sequence[Market], on: dt.date) -> list[MarketHours]:
        check_market_hours_args(markets)
        return hours_on(markets, on)

    async def movers(self, index: str, sort: MoverSort = "volume") -> list[Mover]:
        check_movers_args(index, sort)
        return rank(index, sort, self._now())

    async def instruments(
        self, query: str, search: InstrumentSearch = "symbol"
    ) -> list[Instrument]:
        check_instruments_args(query, search)
        return find(query, search)
