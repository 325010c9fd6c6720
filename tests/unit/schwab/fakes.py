"""Fakes for the Schwab adapter's unit tests: virtual time, a recording refresh grant, and
an adapter wired over ``httpx.MockTransport``."""

import datetime as dt
from collections.abc import Callable

import anyio
import anyio.lowlevel
import attrs
import httpx

from trade_analyst.adapters.memory import FakeClock, InMemoryTokenVault
from trade_analyst.adapters.schwab.http import SchwabHttp
from trade_analyst.adapters.schwab.market_data import SchwabMarketData
from trade_analyst.adapters.schwab.ratelimit import RateLimiter
from trade_analyst.adapters.schwab.session import TokenKeeper
from trade_analyst.ports import TokenSet

NOW = dt.datetime(2026, 1, 5, 15, tzinfo=dt.UTC)
BASE = "https://api.example.test/marketdata/v1"


@attrs.define
class VirtualTime:
    """A monotonic clock that only moves when someone sleeps on it."""

    now: float = 1000.0
    sleeps: list[float] = attrs.field(factory=list)

    def monotonic(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
        await anyio.lowlevel.checkpoint()


def tokens(n: int = 1, *, expires_in: float = 1800, issued: dt.datetime = NOW) -> TokenSet:
    return TokenSet(
        access_token=f"I0.access-{n}@",
        refresh_token=f"R0.refresh-{n}@",
        access_expires_at=NOW + dt.timedelta(seconds=expires_in),
        refresh_issued_at=issued,
    )


@attrs.define
class RecordingRefresh:
    """A refresh grant that hands out access-2, access-3... and counts its calls."""

    calls: int = 0

    async def __call__(self, current: TokenSet) -> TokenSet:
        self.calls += 1
        await anyio.lowlevel.checkpoint()
        return TokenSet(
            access_token=f"I0.access-{self.calls + 1}@",
            refresh_token=current.refresh_token,
            access_expires_at=NOW + dt.timedelta(minutes=30),
            refresh_issued_at=current.refresh_issued_at,
        )


@attrs.define
class Rig:
    market: SchwabMarketData
    vault: InMemoryTokenVault
    clock: FakeClock
    refresh: RecordingRefresh
    time: VirtualTime
    requests: list[httpx.Request]


def rig(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    stored: TokenSet | None = None,
    requests_per_minute: int | None = None,
    max_retries: int = 3,
) -> Rig:
    seen: list[httpx.Request] = []

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    vault = InMemoryTokenVault(stored if stored is not None else tokens())
    clock = FakeClock(NOW)
    refresh = RecordingRefresh()
    time = VirtualTime()
    client = httpx.AsyncClient(transport=httpx.MockTransport(recording))
    keeper = TokenKeeper(vault, clock, refresh, margin_seconds=300)
    limiter = RateLimiter(requests_per_minute, now=time.monotonic, sleep=time.sleep)
    http = SchwabHttp(
        client, BASE, keeper, limiter, max_retries=max_retries, sleep=time.sleep, jitter=lambda: 0.5
    )
    return Rig(SchwabMarketData(http), vault, clock, refresh, time, seen)


def json_reply(status: int, payload: object, **headers: str) -> httpx.Response:
    return httpx.Response(status, json=payload, headers=headers)


QUOTE = {"AAPL": {"assetMainType": "EQUITY", "symbol": "AAPL", "quote": {"lastPrice": 190.5}}}
