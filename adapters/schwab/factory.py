"""Building a ``SchwabMarketData`` for one run: one HTTP client shared by market data and
token refreshes, one rate limiter, one token keeper."""

import httpx

from trade_analyst.adapters.schwab import oauth
from trade_analyst.adapters.schwab.config import SchwabConfig
from trade_analyst.adapters.schwab.http import SchwabHttp
from trade_analyst.adapters.schwab.market_data import SchwabMarketData
from trade_analyst.adapters.schwab.ratelimit import RateLimiter
from trade_analyst.adapters.schwab.session import TokenKeeper
from trade_analyst.ports import Clock, TokenSet, TokenVault

# Concurrent requests are bounded by the rate limit anyway; a few keep-alive connections
# let a paced backfill overlap network latency without opening a socket per request.
_CONNECTIONS = 8


def build_market_data(
    config: SchwabConfig,
    vault: TokenVault,
    clock: Clock,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
) -> SchwabMarketData:
    client = httpx.AsyncClient(
        transport=transport,
        timeout=httpx.Timeout(config.timeout_seconds),
        limits=httpx.Limits(max_connections=_CONNECTIONS, max_keepalive_connections=_CONNECTIONS),
        headers={"Accept": "application/json"},
        follow_redirects=False,
    )

    async def refresh(tokens: TokenSet) -> TokenSet:
        return await oauth.refresh(client, config, tokens, now=clock.now())

    keeper = TokenKeeper(vault, clock, refresh, margin_seconds=config.refresh_margin_seconds)
    limiter = RateLimiter(config.requests_per_minute)
    http = SchwabHttp(
        client,
        config.market_data_url,
        keeper,
        limiter,
        max_retries=config.max_retries,
        deadline_seconds=config.request_deadline_seconds,
    )
    return SchwabMarketData(http)
