"""The ``MarketData`` contract.

Subclass ``MarketDataContract`` and define two fixtures: ``market`` (the provider under
test) and ``scenario`` (a ``Scenario`` naming requests it can answer). Set ``deterministic
= False`` for a live provider whose answers change between calls.
"""

import datetime as dt
from collections.abc import Awaitable, Callable
from zoneinfo import ZoneInfo

import attrs
import pytest

from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.validation import validate_bars
from trade_analyst.ports import (
    INTERVALS,
    InvalidInput,
    MarketData,
    NoData,
    ProviderCapabilities,
    check_instruments_args,
    check_market_hours_args,
    check_movers_args,
    check_option_chain_args,
    check_price_history_args,
    check_quotes_args,
)


@attrs.frozen(kw_only=True)
class Scenario:
    """Requests the provider under test can answer, chosen by its test module."""

    known: tuple[str, ...]  # symbols with quotes
    unknown: str  # a symbol the provider does not know
    history_symbol: str
    interval: str
    start: dt.datetime  # [start, end) must hold at least 3 bars
    end: dt.datetime
    quiet: tuple[dt.datetime, dt.datetime]  # a valid range with no bars (a weekend, say)
    underlying: str  # has an option chain
    index: str  # has movers
    instrument: str  # a symbol instrument search finds
    market: str
    hours_on: dt.date
    calendar: str = "nyse"  # the calendar history_symbol trades on


# A request no provider could serve, as a call to the provider and to the shared check.
BadCall = tuple[Callable[[MarketData, Scenario], Awaitable[object]], Callable[[Scenario], None]]
BAD_CALLS: dict[str, BadCall] = {
    "no symbols": (lambda m, s: m.quotes([]), lambda s: check_quotes_args([])),
    "start after end": (
        lambda m, s: m.price_history(s.history_symbol, s.end, s.start, s.interval),  # type: ignore[arg-type]
        lambda s: check_price_history_args(s.end, s.start, s.interval, "regular"),
    ),
    "unknown session": (
        lambda m, s: m.price_history(s.history_symbol, s.start, s.end, s.interval, "night"),  # type: ignore[arg-type]
        lambda s: check_price_history_args(s.start, s.end, s.interval, "night"),
    ),
    "no strikes": (
        lambda m, s: m.option_chain(s.underlying, strike_count=0),
        lambda s: check_option_chain_args(None, None, 0, "all"),
    ),
    "unknown contract type": (
        lambda m, s: m.option_chain(s.underlying, contract_type="straddle"),  # type: ignore[arg-type]
        lambda s: check_option_chain_args(None, None, None, "straddle"),
    ),
    "no markets": (
        lambda m, s: m.market_hours([], s.hours_on),
        lambda s: check_market_hours_args([]),
    ),
    "unknown movers sort": (
        lambda m, s: m.movers(s.index, "alphabetical"),  # type: ignore[arg-type]
        lambda s: check_movers_args(s.index, "alphabetical"),
    ),
    "blank query": (
        lambda m, s: m.instruments("  ", "symbol"),
        lambda s: check_instruments_args("  ", "symbol"),
    ),
    "unknown search": (
        lambda m, s: m.instruments(s.instrument, "fuzzy"),  # type: ignore[arg-type]
        lambda s: check_instruments_args(s.instrument, "fuzzy"),
    ),
}


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
        batch = await market.quotes(asked)
        assert [q.symbol for q in batch.quotes] == list(scenario.known)
        assert batch.invalid == (scenario.unknown,)
        assert all(q.provider for q in batch.quotes)

    @pytest.mark.anyio
    async def test_no_symbols_is_invalid_input(self, market: MarketData) -> None:
        with pytest.raises(InvalidInput):
            await market.quotes([])

    @pytest.mark.anyio
    async def test_history_lies_in_the_range_ascending_and_consistent(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        bars = await market.price_history(
            scenario.history_symbol,
            scenario.start,
            scenario.end,
            scenario.interval,  # type: ignore[arg-type]
        )
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
        whole = await market.price_history(
            scenario.history_symbol,
            scenario.start,
            scenario.end,
            scenario.interval,  # type: ignore[arg-type]
        )
        cut = whole.timestamps[len(whole) // 2]
        first = await market.price_history(
            scenario.history_symbol,
            scenario.start,
            cut,
            scenario.interval,  # type: ignore[arg-type]
        )
        second = await market.price_history(
            scenario.history_symbol,
            cut,
            scenario.end,
            scenario.interval,  # type: ignore[arg-type]
        )
        assert list(first.bars()) + list(second.bars()) == list(whole.bars())

    @pytest.mark.anyio
    @pytest.mark.parametrize("span", ["quiet", "empty"])
    async def test_a_range_without_bars_is_empty_not_an_error(
        self, market: MarketData, scenario: Scenario, span: str
    ) -> None:
        start, end = scenario.quiet if span == "quiet" else (scenario.start, scenario.start)
        bars = await market.price_history(
            scenario.history_symbol,
            start,
            end,
            scenario.interval,  # type: ignore[arg-type]
        )
        assert len(bars) == 0
        assert bars.symbol == scenario.history_symbol

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
        bars = await market.price_history(
            scenario.history_symbol, scenario.start - dt.timedelta(days=7), scenario.end, "1d"
        )
        assert len(bars) >= 1
        zone = market.capabilities.daily_bar_zone
        if zone is not None:
            local = [t.astimezone(ZoneInfo(zone)) for t in bars.timestamps]
            assert all(t.time() == dt.time(0) for t in local)
        else:  # at the session's first minute: inside its trading hours
            calendar = get_calendar(scenario.calendar)
            assert all(calendar.trade_date_at(t) is not None for t in bars.timestamps)

    @pytest.mark.anyio
    @pytest.mark.parametrize("problem", ["start_after_end", "naive", "interval"])
    async def test_bad_history_requests_are_invalid_input(
        self, market: MarketData, scenario: Scenario, problem: str
    ) -> None:
        start, end, interval = scenario.start, scenario.end, scenario.interval
        if problem == "start_after_end":
            start, end = end, start
        elif problem == "naive":
            start = start.replace(tzinfo=None)
        else:
            interval = "7m"
        with pytest.raises(InvalidInput):
            await market.price_history(scenario.history_symbol, start, end, interval)  # type: ignore[arg-type]

    @pytest.mark.anyio
    @pytest.mark.parametrize("problem", list(BAD_CALLS))
    async def test_bad_arguments_are_refused_as_the_port_checks_say(
        self, market: MarketData, scenario: Scenario, problem: str
    ) -> None:
        call, check = BAD_CALLS[problem]
        with pytest.raises(InvalidInput) as shared:
            check(scenario)
        with pytest.raises(InvalidInput) as raised:
            await call(market, scenario)
        assert (raised.value.message, raised.value.hint) == (
            shared.value.message,
            shared.value.hint,
        )

    @pytest.mark.anyio
    async def test_an_unknown_symbol_has_no_history(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        with pytest.raises((NoData, InvalidInput)):
            await market.price_history(
                scenario.unknown,
                scenario.start,
                scenario.end,
                scenario.interval,  # type: ignore[arg-type]
            )

    @pytest.mark.anyio
    async def test_chains_respect_dates_rights_and_strike_count(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        expirations = await market.option_expirations(scenario.underlying)
        assert expirations == sorted(set(expirations))
        assert len(expirations) >= 1
        first = expirations[0]
        full = await market.option_chain(scenario.underlying)
        assert set(full.expirations()) <= set(expirations)
        chain = await market.option_chain(
            scenario.underlying, first, first, strike_count=2, contract_type="call"
        )
        assert chain.underlying == scenario.underlying
        assert len(chain) >= 1
        assert all(c.expiration == first and c.right == "C" for c in chain.contracts)
        assert all(c.underlying == scenario.underlying for c in chain.contracts)
        assert len({c.strike for c in chain.contracts}) <= 2

    @pytest.mark.anyio
    async def test_a_chain_window_ending_before_it_starts_is_invalid(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        with pytest.raises(InvalidInput):
            await market.option_chain(scenario.underlying, dt.date(2025, 2, 1), dt.date(2025, 1, 1))

    @pytest.mark.anyio
    async def test_market_hours_are_for_the_day_and_markets_asked(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        hours = await market.market_hours([scenario.market], scenario.hours_on)  # type: ignore[list-item]
        assert hours
        for entry in hours:
            assert entry.market == scenario.market
            assert entry.date == scenario.hours_on
            assert all(s.start < s.end for s in entry.sessions)
            assert entry.is_open or entry.sessions == ()
        with pytest.raises(InvalidInput):
            await market.market_hours(["moon"], scenario.hours_on)  # type: ignore[list-item]

    @pytest.mark.anyio
    async def test_movers_are_at_most_ten_in_the_order_asked(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        movers = await market.movers(scenario.index, "volume")
        assert 1 <= len(movers) <= 10
        volumes = [m.volume or 0 for m in movers]
        assert volumes == sorted(volumes, reverse=True)
        with pytest.raises(InvalidInput):
            await market.movers("NOT_AN_INDEX")

    @pytest.mark.anyio
    async def test_instrument_search_finds_a_known_symbol(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        found = await market.instruments(scenario.instrument, "symbol")
        assert scenario.instrument in [i.symbol for i in found]

    @pytest.mark.anyio
    async def test_the_same_request_gives_the_same_answer(
        self, market: MarketData, scenario: Scenario
    ) -> None:
        if not self.deterministic:
            pytest.skip("live provider")
        args = (scenario.history_symbol, scenario.start, scenario.end, scenario.interval)
        assert await market.price_history(*args) == await market.price_history(*args)  # type: ignore[arg-type]
        assert await market.quotes(scenario.known) == await market.quotes(scenario.known)
        assert await market.option_chain(scenario.underlying) == await market.option_chain(
            scenario.underlying
        )
