"""The access token every request carries, refreshed ahead of expiry under the vault lock.

The vault's lock is a cross-process mutex around load-refresh-save: two processes that both
found the token stale must not both refresh: Schwab may rotate the refresh token, and the
loser would be left holding the old one. The lock and the vault's file I/O are blocking, so
that critical section runs in a worker thread, which hands the refresh call itself back to
the event loop (the one HTTP client lives there). Within one process an ``anyio.Lock``
lets only the first of many concurrent tasks do this; the others reuse its result.
"""

import datetime as dt
from collections.abc import Callable, Coroutine
from typing import Any

import anyio
import anyio.from_thread
import anyio.to_thread

from trade_analyst.adapters.schwab.oauth import needs_refresh, refresh_expires_at
from trade_analyst.ports import AuthRequired, Clock, TokenSet, TokenVault

# Given the stored tokens, returns new ones (the refresh grant). Built by the factory over
# ``adapters.schwab.oauth.refresh`` and the adapter's HTTP client.
RefreshGrant = Callable[[TokenSet], Coroutine[Any, Any, TokenSet]]


class TokenKeeper:
    def __init__(
        self,
        vault: TokenVault,
        clock: Clock,
        refresh: RefreshGrant,
        *,
        margin_seconds: float,
    ) -> None:
        self._vault = vault
        self._clock = clock
        self._refresh = refresh
        self._margin = margin_seconds
        self._cached: TokenSet | None = None
        self._lock = anyio.Lock()

    async def access_token(self) -> str:
        """A token good for at least the refresh margin (refreshing first if needed)."""
        tokens = self._cached
        if tokens is None or self._stale(tokens, rejected=None):
            tokens = await self._renew(rejected=None)
        return tokens.access_token

    async def after_rejection(self, rejected: str) -> str:
        """A token other than ``rejected`` (which the server answered 401 to)."""
        return (await self._renew(rejected=rejected)).access_token

    def _stale(self, tokens: TokenSet, *, rejected: str | None) -> bool:
        if rejected is not None and tokens.access_token == rejected:
            return True
        return needs_refresh(tokens, now=self._clock.now(), margin_seconds=self._margin)

    async def _renew(self, *, rejected: str | None) -> TokenSet:
        async with self._lock:
            cached = self._cached
            if cached is not None and not self._stale(cached, rejected=rejected):
                return cached  # another task renewed it while this one waited
            tokens = await anyio.to_thread.run_sync(self._renew_in_vault, rejected)
            self._cached = tokens
            return tokens

    def _renew_in_vault(self, rejected: str | None) -> TokenSet:
        """Runs in a worker thread, holding the vault's cross-process lock."""
        with self._vault.lock():
            tokens = self._vault.load()
            if tokens is None:
                raise AuthRequired("not logged in to Schwab", "run 'ta auth login'")
            if not self._stale(tokens, rejected=rejected):
                return tokens  # first load, or another process already refreshed
            now = self._clock.now()
            if now >= refresh_expires_at(tokens):
                days = (now - tokens.refresh_issued_at) / dt.timedelta(days=1)
                raise AuthRequired(
                    f"the Schwab login is {days:.1f} days old; Schwab ends every login "
                    "after 7 days",
                    "run 'ta auth login'",
                )
            renewed: TokenSet = anyio.from_thread.run(self._refresh, tokens)
            self._vault.save(renewed)
            return renewed
