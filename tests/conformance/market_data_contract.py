"""The ``MarketData`` contract.

Subclass ``MarketDataContract`` and define two fixtures: ``market`` (the provider under
test) and ``scenario`` (a ``Scenario`` naming requests it can answer). Set ``deterministic
= False`` for a live provider whose answers change between calls.

A request no provider could serve cannot be asked at all: the query values refuse it as
they are built (their laws are in ``tests/unit/ports/test_market_queries.py``). The law
here is the other half: every query that could be built is served.
"""

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.validation import validate_bars
from trade_analyst.ports import (
    CONTRACT_TYPES,
    INSTRUMENT_SEARCHES,
    INTERVALS,
    MARKETS,
    MOVER_INDICES,
    MOVER_SORTS,
    TRADING_SESSIONS,
    BarColumns,
    ChainQuery,
    ContractType,
    ExpirationsQuery,
    HistoryQuery,
    HoursQuery,
    InstrumentSearch,
    InstrumentsQuery,
    Interval,
    InvalidInput,
    Market,
    MarketData,
    MoverSort,
    MoversQuery,
    NoData,
    ProviderCapabilities,
    QuotesQuery,
    TradingSession,
)


@attrs.frozen(kw_only=True)
class Scenario:
    """Requests the provider under test can answer, chosen by its test module."""

    known: tuple[str, ...]  # symbols with quotes
    unknown: str  # a symbol the provider does not know
    history_symbol: str
    interval: Interval
    start: dt.datetime  # [start, end) must hold at least 3 bars
    end: dt.datetime
    quiet: tuple[dt.datetime, dt.datetime]  # a valid range with no bars (a weekend, say)
    underlying: str  # has an option chain
    index: str  # has movers
    instrument: str  # a symbol instrument search finds
    market: str
    hours_on: dt.date
    calendar: str = "nyse"  # the calendar history_symbol trades on

    def history(
        self, start: dt.datetime, end: dt.datetime, interval: Interval | None = None
    ) -> HistoryQuery:
        """The history of ``history_symbol`` over ``[start, end)``, at the scenario's
        interval unless another is given."""
        return HistoryQuery(self.history_symbol, start, end, interval or self.interval)


# A query made from a scenario; the property draws how (the scenario is a fixture).
Recipe = Callable[[Scenario], object]
_ZONES = st.sampled_from([dt.UTC, ZoneInfo("America/New_York"), ZoneInfo("Asia/Tokyo")])
_SHIFTS = st.timedeltas(-dt.timedelta(days=3), dt.timedelta(days=3))
_DAY_SHIFTS = st.integers(-60, 60)


def _quotes(s: Scenario, picks: list[int]) -> QuotesQuery:
    symbols = [*s.known, s.unknown]
    return QuotesQuery([symbols[i % len(symbols)] for i in picks])


def _history(
    s: Scenario,
    shifts: tuple[dt.timedelta, dt.timedelta],
    zones: tuple[dt.tzinfo, dt.tzinfo],
    interval: Interval,
    session: TradingSession,
    previous_close: bool,
) -> HistoryQuery:
    start, end = sorted((s.start + shifts[0], s.end + shifts[1]))
    zoned = (start.astimezone(zones[0]), end.astimezone(zones[1]))
    return HistoryQuery(s.history_symbol, *zoned, interval, session, previous_close=previous_close)


def _chain(
    s: Scenario, window: tuple[int | None, int | None], count: int | None, kind: ContractType
) -> ChainQuery:
    first, last = (None if d is None else s.hours_on + dt.timedelta(days=d) for d in window)
    if first is not None and last is not None:
        first, last = sorted((first, last))
    return ChainQuery(s.underlying, first, last, strike_count=count, contract_type=kind)


def _expirations(s: Scenario) -> ExpirationsQuery:
    return ExpirationsQuery(s.underlying)


def _hours(s: Scenario, markets: list[Market], shift: int) -> HoursQuery:
    return HoursQuery(markets, s.hours_on + dt.timedelta(days=shift))


def _movers(s: Scenario, index: str, sort: MoverSort) -> MoversQuery:
    return MoversQuery(index, sort)


def _instruments(s: Scenario, lower: bool, search: InstrumentSearch) -> InstrumentsQuery:
    return InstrumentsQuery(s.instrument.lower() if lower else s.instrument, search)


def _recipe(
    build: Callable[..., object], **arguments: st.SearchStrategy[Any]
) -> st.SearchStrategy[Recipe]:
    """``build`` with every argument but the scenario drawn from ``arguments``: a recipe
    waiting for the scenario."""
    return st.builds(functools.partial, st.just(build), **arguments)


# Any query a caller could build about what a scenario says its provider knows: every
# interval, session, contract type, market, index, sort and kind of search, times in
# several zones around the scenario's range, dates and windows around its day.
SERVABLE_QUERIES = st.one_of(
    _recipe(_quotes, picks=st.lists(st.integers(0, 9), min_size=1, max_size=4)),
    _recipe(
        _history,
        shifts=st.tuples(_SHIFTS, _SHIFTS),
        zones=st.tuples(_ZONES, _ZONES),
        interval=st.sampled_from(INTERVALS),
        session=st.sampled_from(TRADING_SESSIONS),
        previous_close=st.booleans(),
    ),
    _recipe(
        _chain,
        window=st.tuples(st.none() | _DAY_SHIFTS, st.none() | _DAY_SHIFTS),
        count=st.none() | st.integers(1, 30),
        kind=st.sampled_from(CONTRACT_TYPES),
    ),
    _recipe(_expirations),
    _recipe(
        _hours,
        markets=st.lists(st.sampled_from(MARKETS), min_size=1, max_size=3),
        shift=_DAY_SHIFTS,
    ),
    _recipe(_movers, index=st.sampled_from(MOVER_INDICES), sort=st.sampled_from(MOVER_SORTS)),
    _recipe(_instruments, lower=st.booleans(), search=st.sampled_from(INSTRUMENT_SEARCHES)),
)


async def bars_of(market: MarketData, query: HistoryQuery) -> BarSeries:
    """``price_history``'s answer, checked for its shape (typed columns named for the
    query), as the domain's ``BarSeries`` the laws are stated on."""
    bars = await market.price_history(query)
    assert isinstance(bars, BarColumns)
    assert (bars.symbol, bars.interval) == (query.symbol, query.interval)
    assert bars.timestamps.typecode == "q"
    assert [column.typecode for column in bars.values()] == ["d"] * 5
    assert len(bars.contracts) in (0, len(bars))
    return bars.to_series()


def trade_date(
    market: MarketData, scenario: Scenario, stamp: dt.datetime, interval: str
) -> dt.date:
    """The trade date of a bar of ``scenario.history_symbol`` stamped ``stamp``: a daily,
    weekly or monthly bar's local date where the provider declares the zone it stamps them
    in, else the session trading at the stamp."""
    zone = market.capabilities.daily_bar_zone
    if interval in ("1d", "1w", "1mo") and zone is not None:
        return stamp.astimezone(ZoneInfo(zone)).date()
    day = get_calendar(scenario.calendar).trade_date_at(stamp)
    assert day is not None, f"no session trades at {stamp}"
    return day


async def ask(market: MarketData, query: object) -> object:
    """Send ``query`` to the method of ``market`` that serves it."""
    match query:
        case QuotesQuery():
            return await market.quotes(query)
        case HistoryQuery():
            return await market.price_history(query)
        case ChainQuery():
            return await market.option_chain(query)
        case ExpirationsQuery():
            return await market.option_expirations(query)
        case HoursQuery():
            return await market.market_hours(query)
        case MoversQuery():
            return await market.movers(query)
        case InstrumentsQuery():
            return await market.instruments(query)
    raise TypeError(f"not a market-data query: {query!r}")


class MarketDataContract:
    deterministic = True

    @pytest.fixture
    def anyio_backend(self) -> str:
        return "asyncio"

    @pytest.mark.anyio
    async def test_quotes_come_in_request_order_and_unknowns_are_listed(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        asked = [*scenario.known, scenario.unknown]
        batch = await market.quotes(QuotesQuery(asked))
        assert [q.symbol for q in batch.quotes] == list(scenario.known)
        assert batch.invalid == (scenario.unknown,)
        assert all(q.provider for q in batch.quotes)

    @pytest.mark.anyio
    async def test_history_lies_in_the_range_ascending_and_consistent(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        bars = await bars_of(market, scenario.history(scenario.start, scenario.end))
        assert bars.symbol == scenario.history_symbol
        assert len(bars) >= 3
        assert all(scenario.start <= t < scenario.end for t in bars.timestamps)
        assert list(bars.timestamps) == sorted(set(bars.timestamps))
        errors = [f for f in validate_bars(bars) if f.severity == "error"]
        assert errors == []

    @pytest.mark.anyio
    async def test_history_chunks_add_up_to_the_whole(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        whole = await bars_of(market, scenario.history(scenario.start, scenario.end))
        cut = whole.timestamps[len(whole) // 2]
        first = await bars_of(market, scenario.history(scenario.start, cut))
        second = await bars_of(market, scenario.history(cut, scenario.end))
        assert list(first.bars()) + list(second.bars()) == list(whole.bars())

    @pytest.mark.anyio
    @pytest.mark.parametrize("span", ["quiet", "empty"])
    async def test_a_range_without_bars_is_empty_not_an_error(
        self, market: MarketData, scenario: Scenario, span: str
    ) -> None:
        start, end = scenario.quiet if span == "quiet" else (scenario.start, scenario.start)
        bars = await bars_of(market, scenario.history(start, end))
        assert len(bars) == 0
        assert bars.symbol == scenario.history_symbol

    @pytest.mark.anyio
    @pytest.mark.parametrize("daily", [False, True])
    async def test_the_previous_close_is_the_daily_close_of_the_session_before(
        self, market: MarketData, scenario: Scenario, daily: bool
    ) -> None:
        interval = "1d" if daily else scenario.interval
        query = scenario.history(scenario.start, scenario.end, interval)
        plain = await market.price_history(query)
        assert (plain.previous_close, plain.previous_close_date) == (None, None)
        bars = await market.price_history(attrs.evolve(query, previous_close=True))
        assert list(bars.timestamps) == list(plain.timestamps)
        first = bars.times()[0]
        first_day = trade_date(market, scenario, first, interval)
        assert bars.previous_close is not None
        assert bars.previous_close > 0
        assert bars.previous_close_date is not None
        assert bars.previous_close_date < first_day
        # The provider's own daily bars: the last session before the first bar's closed at
        # exactly that price.
        week_before = first - dt.timedelta(days=14)
        sessions = await bars_of(market, scenario.history(week_before, first, "1d"))
        closes = {
            trade_date(market, scenario, bar.timestamp, "1d"): bar.close for bar in sessions.bars()
        }
        before = [day for day in closes if day < first_day]
        if before:
            assert (bars.previous_close_date, bars.previous_close) == (
                before[-1],
                closes[before[-1]],
            )

    @pytest.mark.anyio
    async def test_capabilities_are_declared(self, market: MarketData) -> None:
        capabilities = market.capabilities
        assert isinstance(capabilities, ProviderCapabilities)
        assert set(capabilities.lookback_days) <= set(INTERVALS)
        assert all(days is None or days > 0 for days in capabilities.lookback_days.values())
        if capabilities.daily_bar_zone is not None:
            ZoneInfo(capabilities.daily_bar_zone)  # raises for a zone that does not exist

    @pytest.mark.anyio
    async def test_daily_bars_are_stamped_as_declared(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        start = scenario.start - dt.timedelta(days=7)
        bars = await bars_of(market, scenario.history(start, scenario.end, "1d"))
        assert len(bars) >= 1
        zone = market.capabilities.daily_bar_zone
        if zone is not None:
            local = [t.astimezone(ZoneInfo(zone)) for t in bars.timestamps]
            assert all(t.time() == dt.time(0) for t in local)
        else:  # at the session's first minute: inside its trading hours
            calendar = get_calendar(scenario.calendar)
            assert all(calendar.trade_date_at(t) is not None for t in bars.timestamps)

    @pytest.mark.anyio
    @settings(
        max_examples=40,
        deadline=None,
        # The provider is built once per test, not per example: no example leaves request
        # state behind that changes what the next one is answered.
        suppress_health_check=[HealthCheck.function_scoped_fixture],
    )
    @given(recipe=SERVABLE_QUERIES)
    async def test_every_query_that_can_be_built_is_served(
        self, market: MarketData, scenario: Scenario, recipe: Recipe
    ) -> None:
        # No provider refuses a query as invalid: what no provider could serve cannot be
        # built, and the scenario's symbols are ones this provider serves. Only a chain
        # window may hold no expiration at all.
        query = recipe(scenario)
        note(f"query: {query!r}")
        try:
            await ask(market, query)
        except NoData:
            assert isinstance(query, ChainQuery)
            assert (query.from_date, query.to_date) != (None, None)

    @pytest.mark.anyio
    async def test_an_unknown_symbol_has_no_history(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        query = attrs.evolve(
            scenario.history(scenario.start, scenario.end), symbol=scenario.unknown
        )
        with pytest.raises((NoData, InvalidInput)):
            await market.price_history(query)

    @pytest.mark.anyio
    async def test_chains_respect_dates_rights_and_strike_count(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        expirations = await market.option_expirations(ExpirationsQuery(scenario.underlying))
        assert expirations == sorted(set(expirations))
        assert len(expirations) >= 1
        first = expirations[0]
        full = await market.option_chain(ChainQuery(scenario.underlying))
        assert set(full.expirations()) <= set(expirations)
        chain = await market.option_chain(
            ChainQuery(scenario.underlying, first, first, strike_count=2, contract_type="call")
        )
        assert chain.underlying == scenario.underlying
        assert len(chain) >= 1
        assert all(c.expiration == first and c.right == "C" for c in chain.contracts)
        assert all(c.underlying == scenario.underlying for c in chain.contracts)
        assert len({c.strike for c in chain.contracts}) <= 2

    @pytest.mark.anyio
    async def test_market_hours_are_for_the_day_and_markets_asked(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        hours = await market.market_hours(HoursQuery([scenario.market], scenario.hours_on))  # type: ignore[list-item]
        assert hours
        for entry in hours:
            assert entry.market == scenario.market
            assert entry.date == scenario.hours_on
            assert all(s.start < s.end for s in entry.sessions)
            assert entry.is_open or entry.sessions == ()

    @pytest.mark.anyio
    async def test_movers_are_at_most_ten_in_the_order_asked(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        movers = await market.movers(MoversQuery(scenario.index, "volume"))
        assert 1 <= len(movers) <= 10
        volumes = [m.volume or 0 for m in movers]
        assert volumes == sorted(volumes, reverse=True)

    @pytest.mark.anyio
    async def test_instrument_search_finds_a_known_symbol(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        found = await market.instruments(InstrumentsQuery(scenario.instrument, "symbol"))
        assert scenario.instrument in [i.symbol for i in found]

    @pytest.mark.anyio
    async def test_the_same_request_gives_the_same_answer(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        if not self.deterministic:
            pytest.skip("live provider")
        history = scenario.history(scenario.start, scenario.end)
        assert await bars_of(market, history) == await bars_of(market, history)
        quotes = QuotesQuery(scenario.known)
        assert await market.quotes(quotes) == await market.quotes(quotes)
        chain = ChainQuery(scenario.underlying)
        assert await market.option_chain(chain) == await market.option_chain(chain)
