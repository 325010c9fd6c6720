"""``SchwabOAuth``: the ``OAuthService`` port on Schwab's authorization and token endpoints.

Each token call opens its own short-lived HTTP client: a login or a refresh is one request.
"""

import datetime as dt

import attrs

from trade_analyst.adapters.schwab import oauth
from trade_analyst.adapters.schwab.config import SchwabConfig
from trade_analyst.ports import AuthorizationRequest, TokenSet


@attrs.frozen
class SchwabOAuth:
    """Log in to one Schwab app (``config``) and renew its tokens."""

    config: SchwabConfig

    @property
    def client_id(self) -> str:
        return self.config.client_id

    @property
    def redirect_uri(self) -> str:
        return self.config.redirect_uri

    def check_redirect_uri(self, *, listening: bool) -> None:
        oauth.validate_redirect_uri(self.config.redirect_uri, listening=listening)

    def authorization_request(self, *, pkce: bool) -> AuthorizationRequest:
        state = oauth.new_state()
        verifier, challenge = oauth.new_pkce_pair() if pkce else (None, None)
        redirect_uri = self.config.redirect_uri
        return AuthorizationRequest(
            url=oauth.build_authorization_url(self.config, state=state, code_challenge=challenge),
            state=state,
            code_verifier=verifier,
            callback_path=oauth.callback_path(redirect_uri),
            callback_port=oauth.callback_port(redirect_uri),
        )

    def code_from_redirect(self, url: str, *, state: str) -> str:
        return oauth.parse_redirected_url(url, self.config.redirect_uri, state)

    async def exchange_code(
        self, code: str, *, code_verifier: str | None, now: dt.datetime
    ) -> TokenSet:
        import httpx

        async with httpx.AsyncClient(timeout=self.config.timeout_seconds) as client:
            return await oauth.exchange_code(
                client, self.config, code, code_verifier=code_verifier, now=now
            )

    async def refresh(self, tokens: TokenSet, *, now: dt.datetime) -> TokenSet:
        import httpx

        async with httpx.AsyncClient(timeout=self.config.timeout_seconds) as client:
            return await oauth.refresh(client, self.config, tokens, now=now)
