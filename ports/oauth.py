"""Logging in to the provider with OAuth 2.0, renewing its tokens, and a login in progress.

Secrets (the state, the PKCE verifier, the code, the tokens) never appear in a ``repr`` or
an error message.
"""

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

import attrs

from trade_analyst.ports.tokens import TokenSet, TokenVault

# When the provider stops accepting a token set's refresh token. It needs no credentials,
# so ``ta auth status`` and ``ta health`` can tell before anything is configured.
RefreshExpiry = Callable[[TokenSet], dt.datetime]


@attrs.frozen(kw_only=True)
class AuthorizationRequest:
    """One login's authorization URL and what the browser's redirect must match.

    The URL (shown to the user) carries the state; the PKCE verifier is sent only with the
    code. ``callback_path`` and ``callback_port`` are where the redirect URI sends the
    browser, so a local server can catch it.
    """

    url: str
    state: str
    code_verifier: str | None = attrs.field(repr=False)
    callback_path: str
    callback_port: int


@attrs.frozen(kw_only=True)
class PendingLogin:
    """A headless login between printing the authorization URL and receiving the redirect.

    Kept (encrypted) in the vault so ``ta auth login --redirected-url`` in a later process can
    check the state and send the PKCE verifier of the login that printed the URL.
    """

    state: str = attrs.field(repr=False)
    code_verifier: str | None = attrs.field(repr=False)
    redirect_uri: str
    created_at: dt.datetime


class OAuthService(Protocol):
    """The provider's OAuth 2.0 authorization-code flow for one configured app.

    Every method raises ``InvalidInput`` for input the user can fix and ``AuthRequired`` when
    the provider refuses; the token calls raise ``ProviderError``/``RateLimited`` when the
    provider cannot answer.
    """

    @property
    def client_id(self) -> str:
        """The app's key (public, but printed only masked)."""
        ...

    @property
    def redirect_uri(self) -> str:
        """The callback URL registered for the app, sent verbatim."""
        ...

    def check_redirect_uri(self, *, listening: bool) -> None:
        """Refuse (``InvalidInput``) a redirect URI the provider would bounce, saying why;
        ``listening``: this login catches the redirect itself, so the URI must reach us."""
        ...

    def authorization_request(self, *, pkce: bool) -> AuthorizationRequest:
        """A new login: fresh state (and PKCE pair when ``pkce``) and the URL to open."""
        ...

    def code_from_redirect(self, url: str, *, state: str) -> str:
        """The authorization code in the URL the browser was redirected to.

        The URL must go to the redirect URI and carry ``state``; the code is never echoed.
        """
        ...

    async def exchange_code(
        self, code: str, *, code_verifier: str | None, now: dt.datetime
    ) -> TokenSet:
        """Tokens for an authorization code; ``now`` starts the refresh token's lifetime."""
        ...

    async def refresh(self, tokens: TokenSet, *, now: dt.datetime) -> TokenSet:
        """A new access token from the refresh token (its lifetime is not extended)."""
        ...


class LoginVault(TokenVault, Protocol):
    """A ``TokenVault`` that also keeps one login in progress, and says where it lives."""

    @property
    def path(self) -> Path:
        """The vault's file (its folder also holds the login's callback certificate)."""
        ...

    @property
    def key_source(self) -> str:
        """Where the vault key came from, for messages (never the key itself)."""
        ...

    def save_pending(self, pending: PendingLogin) -> None:
        """Remember a headless login in progress (replacing any earlier one)."""
        ...

    def take_pending(self) -> PendingLogin | None:
        """The login in progress, removed so it can be used only once."""
        ...
