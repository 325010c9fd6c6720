"""The ``MarketData`` sessions contract: laws for a provider of real-calendar market data.

``market_data_contract.py`` states the laws every provider keeps (fakes included); this
suite adds what only calendar-true data can promise, for the mock now and the Schwab adapter
later: intraday bars start inside the domain calendar's trading windows and never on a
holiday, every record passes the domain validation rules, a futures root quote names the
contract it resolved to, chains are ordered by strike and (where the provider prices them
itself) satisfy put-call parity.

Subclass ``MarketDataSessionsContract`` and define the fixtures ``market`` (the provider
under test) and ``sessions`` (a ``SessionsScenario``).
"""

import datetime as dt
import itertools
import math
from zoneinfo import ZoneInfo

import attrs
import pytest

from tests.conformance.market_data_contract import bars_of
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import root_calendar
from trade_analyst.domain.symbols import FuturesContract, parse_symbol
from trade_analyst.domain.validation import (
    has_errors,
    validate_bars,
    validate_option_chain,
    validate_quotes,
)
from trade_analyst.ports import ChainQuery, HistoryQuery, Interval, MarketData, QuotesQuery

NEW_YORK = ZoneInfo("America/New_York")
INTRADAY: tuple[Interval, ...] = ("1m", "5m", "10m", "15m", "30m", "1h")


@attrs.frozen(kw_only=True)
class SessionsScenario:
    """Requests the provider can answer around one NYSE holiday."""

    equity: str  # a stock with quotes and history (NYSE calendar)
    future_root: str  # e.g. "/ES": quotes resolve it to a contract; history on Globex
    index: str  # e.g. "$SPX": quoted without a book
    start: dt.datetime  # a range of a few sessions that contains ``holiday``
    end: dt.datetime
    holiday: dt.date  # an NYSE holiday (weekday without a session) inside the range
    underlying: str  # has an option chain
    # Parity: the provider's clock, its rate, and how far marks may stray (None: skip,
    # for a provider that relays market prices instead of pricing options itself).
    as_of: dt.datetime | None = None
    rate: float = 0.0
    parity_tolerance: float | None = None


def _trade_dates(calendar_name: str, stamps: tuple[dt.datetime, ...]) -> list[dt.date | None]:
    calendar = get_calendar(calendar_name)
    return [calendar.trade_date_at(t) for t in stamps]


class MarketDataSessionsContract:
    @pytest.fixture
    def anyio_backend(self) -> str:
        return "asyncio"

    @pytest.mark.anyio
    @pytest.mark.parametrize("interval", INTRADAY)
    async def test_equity_bars_start_inside_nyse_sessions_never_on_the_holiday(
        self, market: MarketData, sessions: SessionsScenario, interval: Interval
    ) -> None:
        bars = await bars_of(
            market, HistoryQuery(sessions.equity, sessions.start, sessions.end, interval)
        )
        assert len(bars) > 0
        days = _trade_dates("nyse", bars.timestamps)
        assert None not in days, "a bar starts outside the NYSE session"
        assert sessions.holiday not in days
        assert all(sessions.start <= t < sessions.end for t in bars.timestamps)
        assert all(a < b for a, b in itertools.pairwise(bars.timestamps))
        nyse = get_calendar("nyse")
        assert not has_errors(validate_bars(bars, is_open_at=nyse.is_open_at))

    @pytest.mark.anyio
    @pytest.mark.parametrize("interval", ["1m", "30m", "1h"])
    async def test_futures_bars_start_inside_globex_windows(
        self, market: MarketData, sessions: SessionsScenario, interval: Interval
    ) -> None:
        bars = await bars_of(
            market, HistoryQuery(sessions.future_root, sessions.start, sessions.end, interval)
        )
        assert len(bars) > 0
        calendar = root_calendar(sessions.future_root)
        assert not has_errors(validate_bars(bars, is_open_at=calendar.is_open_at))
        # Globex has a daily break: some hour of every weekday has no bar.
        hours = {t.astimezone(NEW_YORK).hour for t in bars.timestamps}
        assert hours != set(range(24))

    @pytest.mark.anyio
    @pytest.mark.parametrize("interval", ["1d", "1w", "1mo"])
    async def test_long_bars_are_valid_and_skip_the_holiday(
        self, market: MarketData, sessions: SessionsScenario, interval: Interval
    ) -> None:
        bars = await bars_of(
            market, HistoryQuery(sessions.equity, sessions.start, sessions.end, interval)
        )
        assert all(a < b for a, b in itertools.pairwise(bars.timestamps))
        assert not has_errors(validate_bars(bars))
        local_days = [t.astimezone(NEW_YORK).date() for t in bars.timestamps]
        assert sessions.holiday not in local_days

    @pytest.mark.anyio
    async def test_quotes_pass_validation_and_roots_name_their_contract(
        self, market: MarketData, sessions: SessionsScenario
    ) -> None:
        batch = await market.quotes(
            QuotesQuery([sessions.equity, sessions.future_root, sessions.index])
        )
        equity, future, index = batch.quotes
        assert not has_errors(validate_quotes(batch.quotes))
        assert equity.bid is not None
        assert equity.ask is not None
        assert equity.bid <= equity.ask
        assert future.contract is not None
        contract = parse_symbol(future.contract)
        assert isinstance(contract, FuturesContract)
        assert f"/{contract.root}" == sessions.future_root
        assert index.bid is None
        assert index.ask is None
        assert index.last is not None

    @pytest.mark.anyio
    async def test_chains_are_sorted_by_strike_and_valid(
        self, market: MarketData, sessions: SessionsScenario
    ) -> None:
        chain = await market.option_chain(ChainQuery(sessions.underlying, strike_count=8))
        assert not has_errors(validate_option_chain(chain))
        for _, group in itertools.groupby(chain.contracts, lambda c: (c.expiration, c.right)):
            strikes = [c.strike for c in group]
            assert strikes == sorted(strikes)


class SelfPricedChainsContract(MarketDataSessionsContract):
    """For providers that price options themselves (the mock): marks obey put-call parity.

    A provider passing on exchange prices (Schwab) need not; it runs only the base contract.
    """

    @pytest.mark.anyio
    async def test_put_call_parity_holds_on_marks(
        self, market: MarketData, sessions: SessionsScenario
    ) -> None:
        assert sessions.parity_tolerance is not None, "set parity_tolerance in the scenario"
        assert sessions.as_of is not None, "set as_of (the provider's clock) in the scenario"
        chain = await market.option_chain(ChainQuery(sessions.underlying, strike_count=10))
        spot = chain.underlying_price
        assert spot is not None
        marks = {(c.expiration, c.strike, c.right): c.mark for c in chain.contracts}
        checked = 0
        for (expiration, strike, right), call in marks.items():
            put = marks.get((expiration, strike, "P"))
            if right != "C" or call is None or put is None:
                continue
            # European options expiring at the 16:00 ET close: C - P = S - K e^(-rT).
            expires = dt.datetime.combine(expiration, dt.time(16), tzinfo=NEW_YORK)
            years = (expires - sessions.as_of).total_seconds() / (365.0 * 86400.0)
            forward = spot - strike * math.exp(-sessions.rate * years)
            assert abs((call - put) - forward) <= sessions.parity_tolerance
            checked += 1
        assert checked > 0
