"""GET requests to Schwab's market-data API: pacing, auth, retries and error mapping.

Per request: wait for a rate-limiter slot, send with the current bearer token, then
- 2xx: parse JSON (a body that is not JSON is retried like a 5xx: it is usually a cut-off
  transfer or a gateway page with the wrong status);
- 401: refresh once (whatever the proactive refresh thought) and retry once;
- 429 and 5xx, timeouts, connection errors: retry up to ``max_retries`` times with jittered
  exponential backoff, or after ``Retry-After`` when the server gave one (a 429's
  Retry-After pauses every task sharing the limiter, since the quota is shared);
- any other 4xx: no retry (asking again cannot help).
Only paths, statuses and correlation ids are logged, never headers.
"""

import json
import logging
import random
from collections.abc import Awaitable, Callable, Mapping

import anyio
import httpx

from trade_analyst.adapters.schwab.errors import (
    CORRELATION_HEADER,
    describe,
    error_for_status,
    retry_after_seconds,
)
from trade_analyst.adapters.schwab.ratelimit import RateLimiter
from trade_analyst.adapters.schwab.session import TokenKeeper
from trade_analyst.ports import ProviderError, RateLimited, TradeAnalystError

log = logging.getLogger(__name__)

BACKOFF_BASE_SECONDS = 0.5
BACKOFF_CAP_SECONDS = 30.0
# A server asking for a longer pause than this is reported (RateLimited with its
# Retry-After) rather than silently waited out: the user decides whether to wait.
MAX_RETRY_AFTER_SECONDS = 120.0


class SchwabHttp:
    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url: str,
        keeper: TokenKeeper,
        limiter: RateLimiter,
        *,
        max_retries: int,
        backoff_base: float = BACKOFF_BASE_SECONDS,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.client = client
        self._base = base_url.rstrip("/")
        self._keeper = keeper
        self._limiter = limiter
        self._max_retries = max(0, max_retries)
        self._backoff_base = backoff_base
        self._sleep = sleep
        self._jitter = jitter

    def backoff(self, retry: int, retry_after: float | None) -> float:
        """Seconds before retry number ``retry`` (0-based): Retry-After when given, else
        half to all of ``base * 2**retry`` ("equal jitter": spread out, never instant)."""
        if retry_after is not None:
            return retry_after
        ceiling = min(BACKOFF_CAP_SECONDS, self._backoff_base * 2.0**retry)
        return ceiling / 2 + ceiling / 2 * self._jitter()

    async def get_json(self, path: str, params: Mapping[str, str], *, what: str) -> object:
        """The decoded JSON body of a 2xx answer: any JSON value, whose shape the caller
        checks (``mapping.values.expect_object``)."""
        url = self._base + path
        retries = 0
        refreshed = False
        while True:
            token = await self._keeper.access_token()
            await self._limiter.acquire()
            retry_after: float | None = None
            failure: TradeAnalystError
            try:
                response = await self.client.get(
                    url, params=params, headers={"Authorization": f"Bearer {token}"}
                )
            except httpx.TimeoutException:
                failure = ProviderError(f"Schwab did not answer {what} in time")
            except httpx.RequestError as exc:
                # Connection errors, and bodies that fail to decode (a broken gzip stream).
                failure = ProviderError(f"cannot reach Schwab for {what}: {type(exc).__name__}")
            else:
                status = response.status_code
                correlation = response.headers.get(CORRELATION_HEADER)
                log.debug("GET %s -> %d (correlation id %s)", path, status, correlation)
                if 200 <= status < 300:
                    try:
                        return json.loads(response.content)
                    except (ValueError, UnicodeDecodeError):
                        failure = ProviderError(
                            describe(status, what, "the body is not valid JSON", correlation),
                            status=status,
                        )
                elif status == 401 and not refreshed:
                    refreshed = True
                    await self._keeper.after_rejection(token)
                    continue
                elif status == 429 or status >= 500:
                    failure = self._error(response, what)
                    retry_after = retry_after_seconds(response.headers.get("retry-after"))
                else:
                    raise self._error(response, what)
            too_long = retry_after is not None and retry_after > MAX_RETRY_AFTER_SECONDS
            if retries >= self._max_retries or too_long:
                if retries:
                    failure.message += f" (after {retries + 1} attempts)"
                    failure.args = (failure.message,)
                raise failure
            delay = self.backoff(retries, retry_after)
            retries += 1
            if isinstance(failure, RateLimited):
                self._limiter.hold_off(delay)  # the quota is shared: everyone waits
            else:
                await self._sleep(delay)

    @staticmethod
    def _error(response: httpx.Response, what: str) -> TradeAnalystError:
        return error_for_status(
            response.status_code,
            what,
            body=response.content,
            content_type=response.headers.get("content-type", ""),
            headers=response.headers,
        )
