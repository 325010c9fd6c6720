"""A client-side limiter that spaces requests evenly, shared by every task of one adapter.

Schwab allows about 120 requests a minute and answers 429 beyond it. Spacing
requests ``60 / limit`` seconds apart (rather than bursting and then waiting) keeps the
client under any window the server may count in, so a long backfill runs at the limit with
no 429s. Each caller reserves the next free slot before it sleeps, so concurrent tasks queue
in arrival order without a lock (the event loop runs one task at a time between awaits).
"""

import math
import time
from collections.abc import Awaitable, Callable

import anyio


class RateLimiter:
    """``acquire()`` returns when the caller may send; ``hold_off`` pauses everyone.

    ``requests_per_minute`` of None or 0 means no pacing (``hold_off`` still applies).
    ``now`` and ``sleep`` are injectable so the spacing laws can be tested without waiting.
    """

    def __init__(
        self,
        requests_per_minute: float | None,
        *,
        now: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = anyio.sleep,
    ) -> None:
        if requests_per_minute is not None and requests_per_minute < 0:
            raise ValueError("requests_per_minute must not be negative")
        self.interval = 60.0 / requests_per_minute if requests_per_minute else 0.0
        self._now = now
        self._sleep = sleep
        self._next = -math.inf  # the earliest moment the next request may go
        self._held_until = -math.inf  # no request before this (a server's Retry-After)

    async def acquire(self) -> float:
        """Wait for this caller's slot; returns the monotonic time it was granted."""
        while True:
            now = self._now()
            slot = max(now, self._next)
            self._next = slot + self.interval
            if slot > now:
                await self._sleep(slot - now)
            # A Retry-After that arrived while this caller slept also binds it: queue again.
            if self._held_until <= max(slot, self._now()):
                return slot

    def hold_off(self, seconds: float) -> None:
        """No request goes before ``seconds`` from now (the server said Retry-After)."""
        if seconds > 0:
            self._held_until = max(self._held_until, self._now() + seconds)
            self._next = max(self._next, self._held_until)
