"""The Schwab adapter against the fake server: data, token lifecycle, pacing and faults."""

import datetime as dt
import logging
from zoneinfo import ZoneInfo

import anyio
import attrs
import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import Fault
from tests.integration.schwab.rig import NOW, logged_in
from trade_analyst.adapters.memory import FakeClock, InMemoryTokenVault
from trade_analyst.adapters.schwab import create_market_data
from trade_analyst.domain.models import BarSeries
from trade_analyst.ports import (
    AuthRequired,
    ChainQuery,
    ExpirationsQuery,
    HistoryQuery,
    HoursQuery,
    InstrumentsQuery,
    Interval,
    MarketData,
    MoversQuery,
    NoData,
    ProviderError,
    QuotesQuery,
)

pytestmark = [pytest.mark.integration, pytest.mark.anyio]
CHICAGO = ZoneInfo("America/Chicago")


async def series_of(market: MarketData, query: HistoryQuery) -> BarSeries:
    """``price_history``'s answer as the domain reads it."""
    return (await market.price_history(query)).to_series()


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


def _grants(fake: FakeSchwab, grant_type: str) -> int:
    return sum(1 for r in fake.state.token_requests if r.grant_type == grant_type)


async def test_quotes_in_gzip_with_unknowns_listed_and_roots_resolved(
    fake_schwab: FakeSchwab,
) -> None:
    fake_schwab.state.gzip = True
    async with logged_in(fake_schwab) as s:
        asked = ["AAPL", "NOPEQ", "/ES", "$SPX", "AAPL  250321C00200000"]
        batch = await s.market.quotes(QuotesQuery(asked))
    assert [q.symbol for q in batch.quotes] == ["AAPL", "/ES", "$SPX", "AAPL  250321C00200000"]
    assert batch.invalid == ("NOPEQ",)
    aapl, es, spx, option = batch.quotes
    assert es.contract == "/ESH25"
    assert aapl.bid is not None
    assert aapl.ask is not None
    assert aapl.bid <= aapl.ask
    assert spx.bid is None
    assert option.asset_type == "OPTION"
    assert all(q.provider == "schwab" and not q.synthetic for q in batch.quotes)


async def test_a_long_intraday_range_is_chunked_and_trimmed(fake_schwab: FakeSchwab) -> None:
    start = dt.datetime(2025, 2, 3, 15, 7, tzinfo=dt.UTC)
    end = dt.datetime(2025, 3, 5, 18, 1, tzinfo=dt.UTC)
    async with logged_in(fake_schwab) as s:
        bars = await series_of(s.market, HistoryQuery("AAPL", start, end, "15m"))
    calls = [r for r in fake_schwab.state.requests if r.path.endswith("/pricehistory")]
    assert len(calls) == 4  # 30 days (from New York midnight) in chunks of at most 10
    assert bars.timestamps[0] >= start
    assert bars.timestamps[-1] < end
    assert list(bars.timestamps) == sorted(set(bars.timestamps))
    assert all(t.minute % 15 == 0 for t in bars.timestamps)


async def test_hourly_bars_start_at_the_session_open(fake_schwab: FakeSchwab) -> None:
    day = dt.datetime(2025, 3, 11, tzinfo=dt.UTC)
    async with logged_in(fake_schwab) as s:
        bars = await series_of(
            s.market, HistoryQuery("AAPL", day, day + dt.timedelta(days=1), "1h")
        )
    assert [t.strftime("%H:%M") for t in bars.timestamps] == [
        "13:30", "14:30", "15:30", "16:30", "17:30", "18:30", "19:30",
    ]  # fmt: skip


async def test_daily_bars_carry_schwabs_central_midnight_stamps(fake_schwab: FakeSchwab) -> None:
    start, end = dt.datetime(2025, 3, 3, tzinfo=dt.UTC), dt.datetime(2025, 3, 8, tzinfo=dt.UTC)
    async with logged_in(fake_schwab) as s:
        bars = await series_of(s.market, HistoryQuery("AAPL", start, end, "1d"))
    assert [t.day for t in bars.timestamps] == [3, 4, 5, 6, 7]
    assert {t.hour for t in bars.timestamps} == {6}  # 00:00 in Chicago before DST


@pytest.mark.parametrize(
    ("interval", "hour", "before"),
    [
        # From Monday 10 March 2025, 10:00 in New York: the session before is Friday's.
        ("5m", 14, dt.date(2025, 3, 7)),
        # Monday's daily candle (stamped at midnight Central, 05:00 UTC) is in the range.
        ("1d", 0, dt.date(2025, 3, 7)),
        # It is not: the first bar is Tuesday's, and Monday's close comes before it.
        ("1d", 14, dt.date(2025, 3, 10)),
    ],
)
async def test_the_previous_close_is_asked_for_and_read_only_when_wanted(
    fake_schwab: FakeSchwab, interval: Interval, hour: int, before: dt.date
) -> None:
    start = dt.datetime(2025, 3, 10, hour, tzinfo=dt.UTC)
    query = HistoryQuery("AAPL", start, dt.datetime(2025, 3, 12, tzinfo=dt.UTC), interval)
    week = HistoryQuery("AAPL", start - dt.timedelta(days=7), start + dt.timedelta(hours=12), "1d")
    async with logged_in(fake_schwab) as s:
        plain = await s.market.price_history(query)
        plain_calls = _history_calls(fake_schwab)
        bars = await s.market.price_history(attrs.evolve(query, previous_close=True))
        daily = await series_of(s.market, week)
    asked = _history_calls(fake_schwab)[len(plain_calls) :]
    assert not any("needPreviousClose=true" in call for call in plain_calls)
    assert "needPreviousClose=true" in asked[0]
    assert (plain.previous_close, plain.previous_close_date) == (None, None)
    closes = {bar.timestamp.astimezone(CHICAGO).date(): bar.close for bar in daily.bars()}
    assert bars.previous_close_date == before
    assert bars.previous_close == closes[before]
    assert list(bars.timestamps) == list(plain.timestamps)


def _history_calls(fake: FakeSchwab) -> list[str]:
    return [r.query for r in fake.state.requests if r.path.endswith("/pricehistory")]


async def test_an_unknown_symbol_has_no_history(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        with pytest.raises(NoData):
            await series_of(s.market, HistoryQuery("NOPEQ", NOW - dt.timedelta(days=2), NOW, "5m"))


async def test_chains_come_with_fractional_iv_and_filters(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        expirations = await s.market.option_expirations(ExpirationsQuery("AAPL"))
        first = expirations[0]
        chain = await s.market.option_chain(
            ChainQuery("AAPL", first, first, strike_count=4, contract_type="put")
        )
    assert chain.underlying_price is not None
    assert {c.right for c in chain.contracts} == {"P"}
    assert {c.expiration for c in chain.contracts} == {first}
    assert len({c.strike for c in chain.contracts}) <= 4
    ivs = [c.implied_volatility for c in chain.contracts if c.implied_volatility is not None]
    assert ivs
    assert all(0.0 < iv < 3.0 for iv in ivs)


async def test_hours_movers_and_instruments(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        hours = await s.market.market_hours(HoursQuery(["equity", "option"], NOW.date()))
        movers = await s.market.movers(MoversQuery("$SPX", "percent_change_up"))
        found = await s.market.instruments(InstrumentsQuery("AAPL", "symbol"))
    assert {h.market for h in hours} == {"equity", "option"}
    equity = next(h for h in hours if h.product == "EQ")
    regular = next(w for w in equity.sessions if w.kind == "regular")
    assert regular.start == dt.datetime(2025, 3, 12, 13, 30, tzinfo=dt.UTC)
    assert 1 <= len(movers) <= 10
    assert [i.symbol for i in found] == ["AAPL"]


async def test_the_access_token_is_refreshed_before_it_expires(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        await s.market.quotes(QuotesQuery(["AAPL"]))
        before = s.vault.load()
        s.clock.advance(dt.timedelta(minutes=26))  # within the 5-minute margin
        await s.market.quotes(QuotesQuery(["AAPL"]))
        after = s.vault.load()
    assert _grants(fake_schwab, "refresh_token") == 1
    assert before is not None
    assert after is not None
    assert after.access_token != before.access_token
    assert after.refresh_issued_at == before.refresh_issued_at
    assert fake_schwab.state.statuses() == [200, 200]  # no request went out with a stale token


async def test_an_unexpected_401_refreshes_once_and_recovers(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        fake_schwab.state.expire_access_tokens()  # Schwab dropped the token early
        batch = await s.market.quotes(QuotesQuery(["AAPL"]))
        fake_schwab.state.add_fault(Fault("expired_token"))
        again = await s.market.quotes(QuotesQuery(["MSFT"]))
    assert batch.quotes
    assert again.quotes
    assert fake_schwab.state.statuses() == [401, 200, 401, 200]
    assert _grants(fake_schwab, "refresh_token") == 2


async def test_a_superseded_login_asks_for_a_new_one(fake_schwab: FakeSchwab) -> None:
    async with logged_in(fake_schwab) as s:
        fake_schwab.state.login()  # the user logged in elsewhere: our refresh token is dead
        s.clock.advance(dt.timedelta(minutes=31))
        with pytest.raises(AuthRequired) as caught:
            await s.market.quotes(QuotesQuery(["AAPL"]))
    assert "refresh token" in caught.value.message
    assert "R0." not in caught.value.message


async def test_a_login_past_seven_days_asks_for_login_without_calling(
    fake_schwab: FakeSchwab,
) -> None:
    async with logged_in(fake_schwab) as s:
        s.clock.advance(dt.timedelta(days=7, minutes=1))
        with pytest.raises(AuthRequired, match="7 days"):
            await s.market.quotes(QuotesQuery(["AAPL"]))
    assert fake_schwab.state.requests == []


async def test_two_clients_sharing_a_vault_refresh_once(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.rotate_refresh_tokens = True  # the loser of a race would be locked out
    async with logged_in(fake_schwab) as first:
        settings = fake_schwab.config()
        async with create_market_data(settings, first.vault, first.clock) as second:
            first.clock.advance(dt.timedelta(minutes=28))
            async with anyio.create_task_group() as group:
                group.start_soon(first.market.quotes, QuotesQuery(["AAPL"]))
                group.start_soon(second.quotes, QuotesQuery(["MSFT"]))
    assert _grants(fake_schwab, "refresh_token") == 1
    assert fake_schwab.state.statuses() == [200, 200]


async def test_pacing_under_server_throttling(fake_schwab: FakeSchwab) -> None:
    # The server allows 120/minute with a burst of 2; the client is configured too fast.
    fake_schwab.state.rate_limit_per_minute = 120
    fake_schwab.state.rate_limit_burst = 2
    too_fast = logged_in(fake_schwab, requests_per_minute=6000, max_retries=6)
    async with too_fast as s, anyio.create_task_group() as group:
        for symbol in ("AAPL", "MSFT", "NVDA", "AMZN", "META", "TSLA"):
            group.start_soon(s.market.quotes, QuotesQuery([symbol]))
    statuses = fake_schwab.state.statuses()
    assert statuses.count(200) == 6
    assert 429 in statuses


async def test_a_429_with_retry_after_is_waited_out(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.add_fault(Fault("rate_limited", retry_after=1))
    async with logged_in(fake_schwab) as s:
        await s.market.quotes(QuotesQuery(["AAPL"]))
    # How long it waited is a unit test on virtual time; here: one retry, and it worked.
    assert fake_schwab.state.statuses() == [429, 200]


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", status=500),
        Fault("status", status=502),
        Fault("malformed_json"),
        Fault("html", status=503),
    ],
    ids=["500", "502", "malformed-json", "html-503"],
)
async def test_transient_faults_are_retried(fake_schwab: FakeSchwab, fault: Fault) -> None:
    fake_schwab.state.add_fault(fault, times=2)
    async with logged_in(fake_schwab) as s:
        batch = await s.market.quotes(QuotesQuery(["AAPL"]))
    assert batch.quotes
    assert len(fake_schwab.state.statuses()) == 3


async def test_an_html_error_page_is_reported_with_its_correlation_id(
    fake_schwab: FakeSchwab,
) -> None:
    fake_schwab.state.add_fault(Fault("html", status=403))
    async with logged_in(fake_schwab) as s:
        with pytest.raises(ProviderError) as caught:
            await s.market.quotes(QuotesQuery(["AAPL"]))
    message = caught.value.message
    assert "HTTP 403" in message
    assert "Access Denied" in message
    assert "Schwab-Client-CorrelId" in message
    assert "<" not in message
    assert len(fake_schwab.state.statuses()) == 1  # a 4xx is not retried


async def test_a_slow_answer_times_out_and_is_retried(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.add_fault(Fault("slow", delay=2.0))
    async with logged_in(fake_schwab, timeout_seconds=0.5) as s:
        batch = await s.market.quotes(QuotesQuery(["AAPL"]))
    assert batch.quotes
    assert fake_schwab.state.arrivals == ["/marketdata/v1/quotes"] * 2


async def test_no_login_is_auth_required(fake_schwab: FakeSchwab) -> None:
    settings = fake_schwab.config()
    async with create_market_data(settings, InMemoryTokenVault(), FakeClock(NOW)) as m:
        with pytest.raises(AuthRequired):
            await m.quotes(QuotesQuery(["AAPL"]))


async def test_debug_logs_and_errors_never_hold_a_token_or_secret(
    fake_schwab: FakeSchwab, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    messages: list[str] = []
    async with logged_in(fake_schwab) as s:
        first = s.vault.load()
        fake_schwab.state.expire_access_tokens()
        await s.market.quotes(QuotesQuery(["AAPL"]))  # 401, refresh, retry
        fake_schwab.state.add_fault(Fault("html", status=403))
        with pytest.raises(ProviderError) as caught:
            await s.market.quotes(QuotesQuery(["AAPL"]))
        messages.append(str(caught.value))
        fake_schwab.state.revoke_refresh_tokens()
        fake_schwab.state.expire_access_tokens()
        with pytest.raises(AuthRequired) as denied:
            await s.market.quotes(QuotesQuery(["AAPL"]))
        messages.append(str(denied.value))
        last = s.vault.load()
    assert first is not None
    assert last is not None
    secrets = {
        first.access_token,
        first.refresh_token,
        last.access_token,
        fake_schwab.config().client_secret,
    }
    seen = caplog.text + "\n".join(messages)
    assert "GET /quotes" in caplog.text  # the adapter did log at DEBUG
    for secret in secrets:
        assert secret not in seen
