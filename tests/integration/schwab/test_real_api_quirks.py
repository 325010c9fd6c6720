"""The adapter against the fake with the real API's quirks switched on, one at a time."""

import logging
import time

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import Fault
from tests.integration.schwab.rig import logged_in
from trade_analyst.entrypoints.jobs.chains import fetch_chain_in_windows
from trade_analyst.ports import (
    ChainQuery,
    ExpirationsQuery,
    Instrument,
    InstrumentsQuery,
    MoversQuery,
    ProviderError,
    QuotesQuery,
    RateLimited,
    ResponseTooLarge,
)

pytestmark = [pytest.mark.integration, pytest.mark.anyio]


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _chain_calls(fake: FakeSchwab) -> list[str]:
    return [r.query for r in fake.state.requests if r.path.endswith("/chains")]


async def test_a_mutual_fund_is_quoted_at_its_nav(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.mutual_funds["VFIAX"] = 512.34
    async with logged_in(fake_schwab) as s:
        batch = await s.market.quotes(QuotesQuery(["AAPL", "VFIAX"]))
    fund = batch.quotes[1]
    assert (fund.symbol, fund.asset_type, fund.last) == ("VFIAX", "MUTUAL_FUND", 512.34)


async def test_untraded_instruments_have_no_prices_but_zero_volume(
    fake_schwab: FakeSchwab,
) -> None:
    fake_schwab.state.untraded = {"AAPL", "/ES"}
    async with logged_in(fake_schwab) as s:
        stock, future = (await s.market.quotes(QuotesQuery(["AAPL", "/ES"]))).quotes
    for quote in (stock, future):
        assert (quote.last, quote.open, quote.high, quote.low, quote.close) == (None,) * 5
        assert quote.volume == 0
    assert future.mark is None
    assert stock.bid is not None  # only the placeholders went


async def test_untraded_chain_contracts_have_no_last_but_zero_open_interest(
    fake_schwab: FakeSchwab,
) -> None:
    fake_schwab.state.untraded_chains = True
    async with logged_in(fake_schwab) as s:
        first = (await s.market.option_expirations(ExpirationsQuery("AAPL")))[0]
        chain = await s.market.option_chain(ChainQuery("AAPL", first, first, strike_count=4))
    assert chain.contracts
    assert all(c.last is None for c in chain.contracts)
    assert all((c.volume, c.open_interest) == (0, 0) for c in chain.contracts)


async def test_a_root_answered_under_its_contract_is_found(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.roots_keyed_by_contract = True
    async with logged_in(fake_schwab) as s:
        batch = await s.market.quotes(QuotesQuery(["/ES", "AAPL"]))
    assert batch.invalid == ()
    es = batch.quotes[0]
    assert (es.symbol, es.contract) == ("/ES", "/ESH25")
    assert es.last is not None


async def test_the_regular_session_last_is_asked_for_and_kept_apart(
    fake_schwab: FakeSchwab,
) -> None:
    async with logged_in(fake_schwab) as s:
        (regular,) = (await s.market.quotes(QuotesQuery(["AAPL"]))).quotes
        fake_schwab.state.extended_last["AAPL"] = 999.5
        (late,) = (await s.market.quotes(QuotesQuery(["AAPL"]))).quotes
    quotes = [r.query for r in fake_schwab.state.requests if r.path.endswith("/quotes")]
    assert all("regular" in q for q in quotes)
    assert regular.regular_last == regular.last
    assert late.last == 999.5
    assert late.regular_last == regular.last


async def test_a_body_buffer_overflow_fails_at_once_with_a_hint(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.chain_overflow_above = 10
    async with logged_in(fake_schwab) as s:
        with pytest.raises(ResponseTooLarge) as caught:
            await s.market.option_chain(ChainQuery("AAPL"))
    assert len(_chain_calls(fake_schwab)) == 1  # never retried: the same request fails again
    assert "Body buffer overflow" in caught.value.message
    assert "--strikes" in caught.value.hint
    assert caught.value.exit_code == 5


async def test_a_large_chain_is_fetched_in_expiration_windows(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        whole = await s.market.option_chain(ChainQuery("$SPX"))
        listed = await s.market.option_expirations(ExpirationsQuery("$SPX"))
        fake_schwab.state.requests.clear()
        # Only answers of at most two expirations' contracts get through the gateway.
        per_expiration = len(whole.contracts) // len(whole.expirations())
        fake_schwab.state.chain_overflow_above = 2 * per_expiration
        seen: list[tuple[int, int]] = []
        windowed = await fetch_chain_in_windows(
            s.market, ChainQuery("$SPX"), progress=lambda done, total: seen.append((done, total))
        )
    assert len(listed) > 2
    assert windowed.contracts == whole.contracts
    assert len(_chain_calls(fake_schwab)) > 1
    assert all("fromDate" in q and "toDate" in q for q in _chain_calls(fake_schwab))
    assert seen[-1][0] == seen[-1][1]
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


async def test_a_truncated_chain_is_warned_about(
    fake_schwab: FakeSchwab, caplog: pytest.LogCaptureFixture
) -> None:
    fake_schwab.state.chain_truncate_above = 6
    caplog.set_level(logging.WARNING)
    async with logged_in(fake_schwab) as s:
        chain = await s.market.option_chain(ChainQuery("AAPL"))
    assert len(chain.contracts) == 6
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert any("isChainTruncated" in r.getMessage() for r in warnings)


async def test_movers_frequency_is_sent(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        movers = await s.market.movers(MoversQuery("$SPX", "volume", frequency=5))
    assert movers
    (query,) = [r.query for r in fake_schwab.state.requests if "/movers/" in r.path]
    assert "frequency=5" in query


async def test_an_instrument_is_found_by_cusip(fake_schwab: FakeSchwab) -> None:
    apple = Instrument(
        symbol="AAPL",
        description="Apple Inc",
        asset_type="EQUITY",
        exchange="NASDAQ",
        cusip="037833100",
    )
    fake_schwab.state.instruments_by_cusip["037833100"] = apple
    async with logged_in(fake_schwab) as s:
        found = await s.market.instruments(InstrumentsQuery("037833100", "cusip"))
        unknown = await s.market.instruments(InstrumentsQuery("000000000", "cusip"))
    assert found == [apple]
    assert unknown == []
    paths = [r.path for r in fake_schwab.state.requests]
    assert "/marketdata/v1/instruments/037833100" in paths


async def test_one_request_with_all_its_retries_keeps_to_its_deadline(
    fake_schwab: FakeSchwab,
) -> None:
    fake_schwab.state.add_fault(Fault("slow", delay=5.0), times=10)
    started = time.monotonic()
    async with logged_in(
        fake_schwab, timeout_seconds=1.0, max_retries=4, request_deadline_seconds=1.5
    ) as s:
        with pytest.raises(ProviderError) as caught:
            await s.market.quotes(QuotesQuery(["AAPL"]))
    assert time.monotonic() - started < 4.0  # not 5 tries of 1 s each plus backoff
    assert "/quotes" in caught.value.message
    assert "1.5 s" in caught.value.message
    assert caught.value.exit_code == 5


async def test_many_requests_together_may_outlast_one_deadline(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.latency = 0.3
    symbols = [f"S{n:04d}" for n in range(1200)]  # three calls of at most 500 symbols
    started = time.monotonic()
    async with logged_in(fake_schwab, request_deadline_seconds=0.8) as s:
        batch = await s.market.quotes(QuotesQuery(symbols))
    assert time.monotonic() - started > 0.8
    assert len(batch.invalid) == len(symbols)


async def test_a_retry_after_past_the_deadline_is_reported_at_once(
    fake_schwab: FakeSchwab,
) -> None:
    fake_schwab.state.add_fault(Fault("rate_limited", retry_after=30))
    started = time.monotonic()
    async with logged_in(fake_schwab, request_deadline_seconds=5.0) as s:
        with pytest.raises(RateLimited) as caught:
            await s.market.quotes(QuotesQuery(["AAPL"]))
    assert time.monotonic() - started < 4.0
    assert caught.value.retry_after == 30
