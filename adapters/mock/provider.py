"""``MockMarketData``: the ``MarketData`` port on deterministic synthetic data.

Everything it returns is a function of the request and the clock's now, so the same request
at the same (fake) time gives the same answer on any machine; history for a past range does
not depend on the clock at all. Nothing is computed until a method is called.
"""

import datetime as dt

import anyio
import anyio.from_thread
import anyio.to_thread
import attrs

from trade_analyst import ports
from trade_analyst.adapters.mock.chains import DEFAULT_STRIKES, build_chain, live_expirations
from trade_analyst.adapters.mock.history import expired_error, gather, previous_close, to_bars
from trade_analyst.adapters.mock.hours import hours_on
from trade_analyst.adapters.mock.movers import rank
from trade_analyst.adapters.mock.quotes import NotTrading, market_quote, option_quote
from trade_analyst.adapters.mock.search import find
from trade_analyst.adapters.mock.subjects import INDEX_ROOTS_OF, Subject, resolve
from trade_analyst.domain.calendars import nyse
from trade_analyst.domain.models import OptionChain, Quote

PROVIDER_NAME = "mock"
# The mock could serve any date, but it keeps the intraday reach Schwab documents so that
# what works on the mock works on Schwab. Daily bars are stamped at their session's first
# traded minute.
CAPABILITIES = ports.ProviderCapabilities(
    lookback_days={"1m": 48, "5m": 270, "10m": 270, "15m": 270, "30m": 270, "1h": 270},
)
_RIGHTS: dict[str, tuple[str, ...]] = {"call": ("C",), "put": ("P",), "all": ("C", "P")}


class MockMarketData:
    """Synthetic, calendar-correct market data; every record is marked synthetic.

    ``clock`` supplies "now": quotes and chains are as of it, and history has no bars that
    start at or after it.
    """

    def __init__(self, clock: ports.Clock) -> None:
        self._clock = clock

    @property
    def name(self) -> str:
        return PROVIDER_NAME

    @property
    def capabilities(self) -> ports.ProviderCapabilities:
        return CAPABILITIES

    def _now(self) -> dt.datetime:
        return self._clock.now().astimezone(dt.UTC)

    def _today(self) -> dt.date:
        """The New York date of the clock's now (the mock's listings change on it)."""
        return self._clock.today(nyse().zone)

    def _resolve(self, text: str) -> Subject:
        return resolve(text, today=self._today())

    async def quotes(self, query: ports.QuotesQuery) -> ports.QuoteBatch:
        now = self._now()
        found: list[Quote] = []
        invalid: list[str] = []
        for text in query.symbols:
            try:
                subject = self._resolve(text)
                quote = option_quote(subject, now) if subject.option else market_quote(subject, now)
            except (ports.InvalidInput, NotTrading):
                invalid.append(text)
                continue
            found.append(quote)
        return ports.QuoteBatch(tuple(found), tuple(invalid))

    async def price_history(self, query: ports.HistoryQuery) -> ports.BarColumns:
        subject = self._resolve(query.symbol)
        start, end, interval = query.start, query.end, query.interval
        # Generating a long minute history is CPU work (~0.1 s per year of /ES 1m bars): a
        # worker thread keeps the event loop free for progress bars and other requests. A
        # thread cannot be stopped from outside, so it checks between passes whether its task
        # was cancelled (Ctrl-C): an interrupted run ends at once instead of after the range.
        columns = await anyio.to_thread.run_sync(
            gather,
            subject,
            start,
            end,
            interval,
            query.session,
            self._now(),
            anyio.from_thread.check_cancelled,
        )
        if not len(columns):
            # A quiet range (a weekend, a holiday, a backfill chunk) is simply empty; only
            # a contract asked for after it stopped trading is an error.
            expired = expired_error(subject, start)
            if expired is not None:
                raise expired
        bars = to_bars(subject, interval, columns)
        if not query.previous_close:
            return bars
        close, day = await anyio.to_thread.run_sync(
            previous_close, subject, start, end, query.session, self._now(), columns
        )
        return attrs.evolve(bars, previous_close=close, previous_close_date=day)

    def _optionable(self, underlying: str) -> Subject:
        subject = self._resolve(underlying)
        if subject.asset_type in ("EQUITY", "ETF"):
            return subject
        if subject.symbol in INDEX_ROOTS_OF:
            return subject
        if subject.asset_type == "INDEX":
            raise ports.NoData(
                f"the mock lists no options on {subject.symbol}",
                f"index options exist for {', '.join(INDEX_ROOTS_OF)}",
            )
        raise ports.InvalidInput(
            f"{subject.symbol} is not an option underlying for the mock provider",
            "use a stock, an ETF or one of " + ", ".join(INDEX_ROOTS_OF),
        )

    async def option_chain(self, query: ports.ChainQuery) -> OptionChain:
        from_date, to_date = query.from_date, query.to_date
        count = DEFAULT_STRIKES if query.strike_count is None else query.strike_count
        rights = _RIGHTS[query.contract_type]
        subject = self._optionable(query.underlying)
        now, today = self._now(), self._today()
        expirations = [
            day
            for day in live_expirations(now, today)
            if (from_date is None or day >= from_date) and (to_date is None or day <= to_date)
        ]
        if not expirations:
            raise ports.NoData(
                f"no {subject.symbol} expirations from {from_date or 'now'} to {to_date or 'any'}",
                "see 'ta chain' without dates for the listed expirations",
            )
        spot = market_quote(subject, now).last
        assert spot is not None
        return build_chain(subject, spot, expirations, count, rights, now, today)

    async def option_expirations(self, query: ports.ExpirationsQuery) -> list[dt.date]:
        self._optionable(query.underlying)
        return live_expirations(self._now(), self._today())

    async def market_hours(self, query: ports.HoursQuery) -> list[ports.MarketHours]:
        return hours_on(query.markets, query.on)

    async def movers(self, query: ports.MoversQuery) -> list[ports.Mover]:
        return rank(query.index, query.sort, self._now())

    async def instruments(self, query: ports.InstrumentsQuery) -> list[ports.Instrument]:
        return find(query.query, query.search)
