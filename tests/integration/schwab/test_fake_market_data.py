"""The fake's market-data side keeps Schwab's rules: limits, shapes, quirks and knobs."""

import datetime as dt

import anyio
import httpx
import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.integration.schwab.rig import NOW, logged_in
from trade_analyst.adapters.memory import FakeClock
from trade_analyst.domain.models import Bar, BarSeries
from trade_analyst.ports import HistoryQuery, MarketData

pytestmark = pytest.mark.integration


async def series_of(market: MarketData, query: HistoryQuery) -> BarSeries:
    """``price_history``'s answer as the domain reads it."""
    return (await market.price_history(query)).to_series()


def _client(fake: FakeSchwab) -> httpx.Client:
    fake.state.clock = FakeClock(NOW)
    token = fake.login_tokens().access_token
    return httpx.Client(
        base_url=f"{fake.base_url}/marketdata/v1",
        headers={"Authorization": f"Bearer {token}"},
    )


def test_the_default_limit_is_120_a_minute_with_a_small_burst(fake_schwab: FakeSchwab) -> None:
    replies: list[httpx.Response] = []
    with _client(fake_schwab) as client:
        while len(replies) < 60 and (not replies or replies[-1].status_code == 200):
            replies.append(client.get("/quotes", params={"symbols": "A"}))
    statuses = [r.status_code for r in replies]
    # A burst of 10 goes through; the bucket refills at 2 a second, so a quick loop soon
    # meets a 429 that says when to come back.
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429
    assert int(replies[-1].headers["retry-after"]) >= 1
    assert replies[-1].json()["errors"][0]["status"] == "429"


def test_gzip_bodies_when_the_client_accepts_them(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.gzip = True
    with _client(fake_schwab) as client:
        reply = client.get("/quotes", params={"symbols": "AAPL"})
    assert reply.headers["content-encoding"] == "gzip"
    assert reply.json()["AAPL"]["assetMainType"] == "EQUITY"
    assert reply.headers["schwab-client-correlid"]


def test_quotes_over_500_symbols_are_refused(fake_schwab: FakeSchwab) -> None:
    with _client(fake_schwab) as client:
        reply = client.get("/quotes", params={"symbols": ",".join(["AAPL"] * 501)})
    assert reply.status_code == 400
    assert "exceed 500" in reply.json()["errors"][0]["detail"]


def test_invalid_period_frequency_combinations_are_refused(fake_schwab: FakeSchwab) -> None:
    params = {"symbol": "AAPL", "periodType": "day", "period": "7", "frequencyType": "minute"}
    with _client(fake_schwab) as client:
        assert client.get("/pricehistory", params=params).status_code == 400
        params |= {"period": "1", "frequencyType": "daily"}
        assert client.get("/pricehistory", params=params).status_code == 400


def test_intraday_bounds_give_whole_days(fake_schwab: FakeSchwab) -> None:
    start = dt.datetime(2025, 3, 11, 15, tzinfo=dt.UTC)  # 11:00 in New York
    params = {
        "symbol": "AAPL",
        "periodType": "day",
        "period": "1",
        "frequencyType": "minute",
        "frequency": "30",
        "startDate": str(int(start.timestamp() * 1000)),
        "endDate": str(int((start + dt.timedelta(hours=1)).timestamp() * 1000)),
    }
    with _client(fake_schwab) as client:
        candles = client.get("/pricehistory", params=params).json()["candles"]
    assert len(candles) == 13  # 09:30 to 16:00, not just the hour asked for


def test_chains_use_the_real_field_names_and_percent_volatility(fake_schwab: FakeSchwab) -> None:
    with _client(fake_schwab) as client:
        chain = client.get("/chains", params={"symbol": "AAPL", "strikeCount": "2"}).json()
    assert chain["status"] == "SUCCESS"
    expiry, strikes = next(iter(chain["callExpDateMap"].items()))
    assert ":" in expiry
    contract = next(iter(strikes.values()))[0]
    assert {"bid", "ask", "mark", "inTheMoney", "volatility"} <= contract.keys()
    assert "bidPrice" not in contract
    assert contract["volatility"] > 1.0  # percent units


def test_hourly_history_splits_anywhere_without_changing_the_bars(
    fake_schwab: FakeSchwab,
) -> None:
    start = dt.datetime(2025, 3, 10, 13, tzinfo=dt.UTC)
    end = dt.datetime(2025, 3, 12, 13, tzinfo=dt.UTC)
    cut = dt.datetime(2025, 3, 11, 14, 45, tzinfo=dt.UTC)  # inside the 14:30 hour

    async def fetch() -> tuple[list[Bar], list[Bar]]:
        fake_schwab.state.rate_limit_per_minute = None
        async with logged_in(fake_schwab, requests_per_minute=0) as s:
            whole = await series_of(s.market, HistoryQuery("AAPL", start, end, "1h"))
            first = await series_of(s.market, HistoryQuery("AAPL", start, cut, "1h"))
            second = await series_of(s.market, HistoryQuery("AAPL", cut, end, "1h"))
        return list(whole.bars()), list(first.bars()) + list(second.bars())

    whole, parts = anyio.run(fetch)
    # The 14:30 bar starts before the cut, so it belongs to the first part, whole.
    assert parts == whole
