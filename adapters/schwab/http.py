"""GET requests to Schwab's market-data API: pacing, auth, retries and error mapping.

Per request: wait for a rate-limiter slot, send with the current bearer token, then
- 2xx: decode the body (``json.loads``, or the caller's decoder of the same JSON); a body
  that is not JSON is retried like a 5xx: it is usually a cut-off transfer or a gateway
  page with the wrong status;
- 401: refresh once (whatever the proactive refresh thought) and retry once;
- 429 and 5xx, timeouts, connection errors: retry up to ``max_retries`` times with jittered
  exponential backoff, or after ``Retry-After`` when the server gave one (a 429's
  Retry-After pauses every task sharing the limiter, since the quota is shared);
- a 502 "Body buffer overflow" (an answer too large for Schwab's gateway) and any other
  4xx: no retry (asking again cannot help).
One call with all its retries must finish within ``deadline_seconds`` (None: no limit), so
a hung server cannot stretch one request to five timeouts; waiting for the first rate-limit
slot is not counted, so a long backfill queued behind its own requests is never cut short.

Logged at INFO (``-v``): each attempt's method, path, status and time, each retry and each
token refresh; at DEBUG (``-vv``): the shape of each answer's body (its top-level keys and
size, never its values). Never a header, a token or a query parameter.
"""

import json
import logging
import random
import time
from collections.abc import Awaitable, Callable, Mapping
from typing import TypeVar

import anyio
import httpx

from trade_analyst.adapters.schwab.errors import (
    CORRELATION_HEADER,
    describe,
    error_for_status,
    is_body_overflow,
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
_SHAPE_KEYS = 12  # top-level keys named in a -vv body shape; the rest are counted

Decoded = TypeVar("Decoded")


class SchwabHttp:
    def __init__(
        self,
        client: httpx.AsyncClient,
        base_url: str,
        keeper: TokenKeeper,
        limiter: RateLimiter,
        *,
        max_retries: int,
        deadline_seconds: float | None = None,
        backoff_base: float = BACKOFF_BASE_SECONDS,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.client = client
        self._base = base_url.rstrip("/")
        self._keeper = keeper
        self._limiter = limiter
        self._max_retries = max(0, max_retries)
        self._deadline = deadline_seconds
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
        return await self.get_body(path, params, what=what, decode=json.loads, shape=_itself)

    async def get_body(
        self,
        path: str,
        params: Mapping[str, str],
        *,
        what: str,
        decode: Callable[[bytes], Decoded],
        shape: Callable[[Decoded], object],
    ) -> Decoded:
        """A 2xx answer's body bytes through ``decode``, which raises ValueError when they
        are not JSON (that answer is retried); ``shape(decoded)`` is the JSON value whose
        shape ``-vv`` logs."""
        # Waiting for a turn in the shared quota is not this request's own time.
        await self._limiter.acquire()
        ends = None if self._deadline is None else time.monotonic() + self._deadline
        try:
            with anyio.fail_after(self._deadline):
                return await self._attempts(path, params, what, ends, decode, shape)
        except TimeoutError:
            raise ProviderError(
                f"Schwab did not complete {what} (GET {path}) within {self._deadline:g} s, "
                "retries included",
                "try again later; [schwab] request_deadline_seconds sets this limit",
            ) from None

    async def _attempts(
        self,
        path: str,
        params: Mapping[str, str],
        what: str,
        ends: float | None,
        decode: Callable[[bytes], Decoded],
        shape: Callable[[Decoded], object],
    ) -> Decoded:
        url = self._base + path
        retries = 0
        refreshed = False
        slot_taken = True  # get_body took the first attempt's rate-limit slot
        while True:
            token = await self._keeper.access_token()
            if not slot_taken:
                await self._limiter.acquire()
            slot_taken = False
            retry_after: float | None = None
            failure: TradeAnalystError
            started = time.monotonic()
            try:
                response = await self.client.get(
                    url, params=params, headers={"Authorization": f"Bearer {token}"}
                )
            except httpx.TimeoutException:
                failure = ProviderError(f"Schwab did not answer {what} in time")
                self._log_failure(path, started, retries, "no answer in time")
            except httpx.RequestError as exc:
                # Connection errors, and bodies that fail to decode (a broken gzip stream).
                failure = ProviderError(f"cannot reach Schwab for {what}: {type(exc).__name__}")
                self._log_failure(path, started, retries, type(exc).__name__)
            else:
                status = response.status_code
                correlation = response.headers.get(CORRELATION_HEADER)
                log.info(
                    "GET %s -> %d in %.3f s (attempt %d, correlation id %s)",
                    path,
                    status,
                    time.monotonic() - started,
                    retries + 1,
                    correlation,
                )
                if 200 <= status < 300:
                    try:
                        decoded = decode(response.content)
                    except (ValueError, UnicodeDecodeError):
                        failure = ProviderError(
                            describe(status, what, "the body is not valid JSON", correlation),
                            status=status,
                        )
                    else:
                        shown = body_shape(shape(decoded), response.content)
                        log.debug("GET %s body: %s", path, shown)
                        return decoded
                elif status == 401 and not refreshed:
                    refreshed = True
                    log.info("GET %s was refused (401): refreshing the access token", path)
                    await self._keeper.after_rejection(token)
                    continue
                elif (status == 429 or status >= 500) and not is_body_overflow(
                    status, response.content
                ):
                    failure = self._error(response, what)
                    retry_after = retry_after_seconds(response.headers.get("retry-after"))
                else:
                    raise self._error(response, what)
            # A pause past the deadline is reported at once, with the server's Retry-After.
            too_long = retry_after is not None and (
                retry_after > MAX_RETRY_AFTER_SECONDS
                or (ends is not None and time.monotonic() + retry_after > ends)
            )
            if retries >= self._max_retries or too_long:
                if retries:
                    failure.message += f" (after {retries + 1} attempts)"
                    failure.args = (failure.message,)
                raise failure
            delay = self.backoff(retries, retry_after)
            retries += 1
            log.info(
                "retrying GET %s in %.1f s (attempt %d of %d)",
                path,
                delay,
                retries + 1,
                self._max_retries + 1,
            )
            if isinstance(failure, RateLimited):
                self._limiter.hold_off(delay)  # the quota is shared: everyone waits
            else:
                await self._sleep(delay)

    @staticmethod
    def _log_failure(path: str, started: float, retries: int, reason: str) -> None:
        elapsed = time.monotonic() - started
        log.info("GET %s failed in %.3f s (attempt %d): %s", path, elapsed, retries + 1, reason)

    @staticmethod
    def _error(response: httpx.Response, what: str) -> TradeAnalystError:
        return error_for_status(
            response.status_code,
            what,
            body=response.content,
            content_type=response.headers.get("content-type", ""),
            headers=response.headers,
        )


def _itself(payload: object) -> object:
    return payload


def body_shape(payload: object, raw: bytes) -> str:
    """What a body looks like without what it says: its type, top-level keys and size."""
    size = f"{len(raw)} bytes"
    if isinstance(payload, dict):
        keys = [str(k) for k in list(payload)[:_SHAPE_KEYS]]
        more = len(payload) - len(keys)
        named = ", ".join(keys) + (f", +{more} more" if more > 0 else "")
        return f"object {{{named}}} ({size})"
    if isinstance(payload, list):
        return f"list of {len(payload)} ({size})"
    return f"{type(payload).__name__} ({size})"
