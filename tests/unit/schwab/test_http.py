"""Requests: auth header, refresh-and-retry on 401, retries and backoff, error reports."""

import datetime as dt

import anyio
import httpx
import pytest

from tests.unit.schwab.fakes import QUOTE, json_reply, rig, tokens
from trade_analyst.ports import (
    AuthRequired,
    HistoryQuery,
    InvalidInput,
    NoData,
    ProviderError,
    QuotesQuery,
    RateLimited,
)


def _errors(status: int, detail: str) -> dict[str, object]:
    return {"errors": [{"id": "x", "status": str(status), "title": "Bad", "detail": detail}]}


@pytest.mark.anyio
async def test_requests_carry_the_bearer_token_and_no_retries_when_all_is_well() -> None:
    r = rig(lambda request: json_reply(200, QUOTE))
    batch = await r.market.quotes(QuotesQuery(["AAPL"]))
    assert batch.quotes[0].last == 190.5
    (request,) = r.requests
    assert request.headers["authorization"] == "Bearer I0.access-1@"
    assert request.url.path == "/marketdata/v1/quotes"
    assert request.url.params["symbols"] == "AAPL"
    assert r.refresh.calls == 0


@pytest.mark.anyio
async def test_a_401_refreshes_once_and_retries_once() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers["authorization"] == "Bearer I0.access-1@":
            return json_reply(401, {"errors": [{"status": 401, "title": "Unauthorized"}]})
        return json_reply(200, QUOTE)

    r = rig(handler)
    await r.market.quotes(QuotesQuery(["AAPL"]))
    assert r.refresh.calls == 1
    assert [q.headers["authorization"] for q in r.requests] == [
        "Bearer I0.access-1@",
        "Bearer I0.access-2@",
    ]
    stored = r.vault.load()
    assert stored is not None
    assert stored.access_token == "I0.access-2@"


@pytest.mark.anyio
async def test_a_second_401_is_auth_required_and_names_no_token() -> None:
    r = rig(lambda request: json_reply(401, {"errors": [{"status": 401, "title": "Unauthorized"}]}))
    with pytest.raises(AuthRequired) as caught:
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 2
    assert r.refresh.calls == 1
    assert "access" not in str(caught.value)
    assert "refresh-" not in str(caught.value)


@pytest.mark.anyio
async def test_the_token_is_refreshed_before_it_expires() -> None:
    r = rig(lambda request: json_reply(200, QUOTE), stored=tokens(expires_in=200))
    await r.market.quotes(QuotesQuery(["AAPL"]))
    assert r.refresh.calls == 1
    assert r.requests[0].headers["authorization"] == "Bearer I0.access-2@"


@pytest.mark.anyio
async def test_a_login_older_than_seven_days_asks_for_login_without_calling() -> None:
    old = tokens(expires_in=-10, issued=dt.datetime(2025, 12, 28, tzinfo=dt.UTC))
    r = rig(lambda request: json_reply(200, QUOTE), stored=old)
    with pytest.raises(AuthRequired, match="7 days"):
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert r.requests == []
    assert r.refresh.calls == 0


@pytest.mark.anyio
async def test_no_login_is_auth_required() -> None:
    r = rig(lambda request: json_reply(200, QUOTE))
    r.vault.clear()
    with pytest.raises(AuthRequired):
        await r.market.quotes(QuotesQuery(["AAPL"]))


@pytest.mark.anyio
@pytest.mark.parametrize("status", [500, 502, 503])
async def test_server_errors_are_retried_with_growing_jittered_backoff(status: int) -> None:
    answers = iter([json_reply(status, _errors(status, "x"))] * 2 + [json_reply(200, QUOTE)])
    r = rig(lambda request: next(answers))
    await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 3
    assert r.time.sleeps == [0.375, 0.75]  # half to all of 0.5 * 2**n, jitter fixed at 0.5


@pytest.mark.anyio
async def test_retries_stop_at_the_limit_with_the_last_error() -> None:
    r = rig(lambda request: json_reply(500, _errors(500, "boom")), max_retries=2)
    with pytest.raises(ProviderError) as caught:
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 3
    assert caught.value.status == 500
    assert "boom" in caught.value.message
    assert "3 attempts" in caught.value.message


@pytest.mark.anyio
async def test_a_429_waits_as_long_as_retry_after_says() -> None:
    answers = iter([json_reply(429, _errors(429, "slow down"), **{"Retry-After": "7"})])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, json_reply(200, QUOTE))

    r = rig(handler)
    await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 2
    assert sum(r.time.sleeps) >= 7.0


@pytest.mark.anyio
async def test_throttling_that_never_ends_is_rate_limited() -> None:
    r = rig(lambda request: json_reply(429, _errors(429, "x"), **{"Retry-After": "2"}))
    with pytest.raises(RateLimited) as caught:
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert caught.value.retry_after == 2.0
    assert len(r.requests) == 4


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("status", "error"), [(400, InvalidInput), (404, NoData), (403, ProviderError)]
)
async def test_other_client_errors_are_not_retried(status: int, error: type[Exception]) -> None:
    r = rig(lambda request: json_reply(status, _errors(status, "nope")))
    with pytest.raises(error):
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 1


@pytest.mark.anyio
async def test_an_html_error_page_is_reported_readably_with_the_correlation_id() -> None:
    page = "<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY><H1>Access Denied</H1></BODY>"
    r = rig(
        lambda request: httpx.Response(
            403,
            text=page,
            headers={"content-type": "text/html", "Schwab-Client-CorrelId": "abc-123"},
        )
    )
    with pytest.raises(ProviderError) as caught:
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert "Access Denied" in caught.value.message
    assert "abc-123" in caught.value.message
    assert "<" not in caught.value.message


@pytest.mark.anyio
async def test_a_body_that_is_not_json_is_retried() -> None:
    answers = iter([httpx.Response(200, text='{"AAPL": {')])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, json_reply(200, QUOTE))

    r = rig(handler)
    await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 2


@pytest.mark.anyio
async def test_a_cut_off_price_history_is_retried_and_then_read_from_its_bytes(
    caplog: pytest.LogCaptureFixture,
) -> None:
    start = dt.datetime(2024, 3, 4, 14, 30, tzinfo=dt.UTC)
    stamp = int(start.timestamp() * 1000)
    whole = (
        b'{"candles":[{"open":1.5,"high":2.0,"low":1.0,"close":1.75,"volume":300,'
        b'"datetime":%d}],"symbol":"AAPL","empty":false}' % stamp
    )
    answers = iter([httpx.Response(200, content=whole[:60])])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, httpx.Response(200, content=whole))

    r = rig(handler)
    query = HistoryQuery("AAPL", start, start + dt.timedelta(minutes=1), "1m")
    with caplog.at_level("DEBUG", logger="trade_analyst.adapters.schwab.http"):
        bars = await r.market.price_history(query)
    assert len(r.requests) == 2
    assert list(bars.timestamps) == [stamp]
    assert (bars.open[0], bars.high[0], bars.low[0], bars.close[0]) == (1.5, 2.0, 1.0, 1.75)
    assert bars.volume[0] == 300.0
    shown = f"GET /pricehistory body: object {{candles, symbol, empty}} ({len(whole)} bytes)"
    assert shown in caplog.text


@pytest.mark.anyio
async def test_timeouts_are_retried_then_reported() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    r = rig(handler, max_retries=1)
    with pytest.raises(ProviderError, match="in time"):
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert len(r.requests) == 2


@pytest.mark.anyio
async def test_many_symbols_go_in_batches_of_500() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        asked = request.url.params["symbols"].split(",")
        return json_reply(200, {s: {"assetMainType": "EQUITY", "symbol": s} for s in asked})

    r = rig(handler)
    symbols = [f"S{i}" for i in range(1201)]
    batch = await r.market.quotes(QuotesQuery(symbols))
    assert [len(q.url.params["symbols"].split(",")) for q in r.requests] == [500, 500, 201]
    assert [q.symbol for q in batch.quotes] == symbols


@pytest.mark.anyio
async def test_concurrent_requests_with_a_stale_token_refresh_once() -> None:
    r = rig(lambda request: json_reply(200, QUOTE), stored=tokens(expires_in=10))
    async with anyio.create_task_group() as group:
        for _ in range(10):
            group.start_soon(r.market.quotes, QuotesQuery(["AAPL"]))
    assert r.refresh.calls == 1
    assert {q.headers["authorization"] for q in r.requests} == {"Bearer I0.access-2@"}


@pytest.mark.anyio
async def test_a_broken_gzip_body_is_retried() -> None:
    broken = httpx.Response(
        200, stream=httpx.ByteStream(b"not gzip"), headers={"content-encoding": "gzip"}
    )
    answers = iter([broken])

    def handler(request: httpx.Request) -> httpx.Response:
        return next(answers, json_reply(200, QUOTE))

    r = rig(handler)
    batch = await r.market.quotes(QuotesQuery(["AAPL"]))
    assert batch.quotes
    assert len(r.requests) == 2


@pytest.mark.anyio
async def test_a_retry_after_longer_than_two_minutes_is_reported_not_waited() -> None:
    r = rig(lambda request: json_reply(429, _errors(429, "x"), **{"Retry-After": "3600"}))
    with pytest.raises(RateLimited) as caught:
        await r.market.quotes(QuotesQuery(["AAPL"]))
    assert caught.value.retry_after == 3600.0
    assert len(r.requests) == 1
    assert r.time.sleeps == []
