"""The OAuth helpers against an in-process token endpoint (httpx.MockTransport)."""

import base64
import datetime as dt
from collections.abc import Callable
from urllib.parse import parse_qs

import httpx
import pytest

from trade_analyst.adapters.schwab.config import SchwabConfig
from trade_analyst.adapters.schwab.oauth import exchange_code, refresh, refresh_expires_at
from trade_analyst.ports import AuthRequired, ProviderError, RateLimited, TokenSet

pytestmark = pytest.mark.anyio

CONFIG = SchwabConfig(
    client_id="app-key-0123456789abcdef0123456789",
    client_secret="app-secret-0123",
    api_base="https://schwab.test",
)
NOW = dt.datetime(2025, 3, 3, 15, 0, tzinfo=dt.UTC)
ISSUED = NOW - dt.timedelta(days=2)
TOKENS = TokenSet(
    access_token="I0.old-access@",
    refresh_token="old-refresh@",
    access_expires_at=NOW - dt.timedelta(minutes=1),
    refresh_issued_at=ISSUED,
    id_token="old-jwt",
)
Handler = Callable[[httpx.Request], httpx.Response]


class TokenEndpoint:
    """Records what it was sent and answers with a programmed response."""

    def __init__(self, status: int = 200, body: object = None, **kwargs: object) -> None:
        self.requests: list[httpx.Request] = []
        self.status = status
        self.body = body
        self.kwargs = kwargs

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if isinstance(self.body, (dict, list)):
            return httpx.Response(self.status, json=self.body, **self.kwargs)  # type: ignore[arg-type]
        return httpx.Response(self.status, content=self.body or b"", **self.kwargs)  # type: ignore[arg-type]

    def form(self) -> dict[str, str]:
        return {k: v[0] for k, v in parse_qs(self.requests[-1].content.decode()).items()}


def client_for(handler: Handler) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.MockTransport(handler))


GOOD = {
    "expires_in": 1800,
    "token_type": "Bearer",
    "scope": "api",
    "refresh_token": "new-refresh@",
    "access_token": "I0.new-access@",
    "id_token": "new-jwt",
}


async def test_code_exchange_posts_the_decoded_code_with_basic_auth() -> None:
    endpoint = TokenEndpoint(body=GOOD)
    async with client_for(endpoint) as client:
        tokens = await exchange_code(client, CONFIG, "C0.abc@", code_verifier="v" * 43, now=NOW)
    request = endpoint.requests[0]
    assert request.method == "POST"
    assert str(request.url) == "https://schwab.test/v1/oauth/token"
    expected = base64.b64encode(f"{CONFIG.client_id}:{CONFIG.client_secret}".encode()).decode()
    assert request.headers["authorization"] == f"Basic {expected}"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert endpoint.form() == {
        "grant_type": "authorization_code",
        "code": "C0.abc@",
        "redirect_uri": CONFIG.redirect_uri,
        "code_verifier": "v" * 43,
    }
    assert tokens.access_token == "I0.new-access@"
    assert tokens.refresh_token == "new-refresh@"
    assert tokens.access_expires_at == NOW + dt.timedelta(minutes=30)
    assert tokens.refresh_issued_at == NOW
    assert refresh_expires_at(tokens) == NOW + dt.timedelta(days=7)
    assert tokens.id_token == "new-jwt"


async def test_without_pkce_no_verifier_is_sent() -> None:
    endpoint = TokenEndpoint(body=GOOD)
    async with client_for(endpoint) as client:
        await exchange_code(client, CONFIG, "C0.abc@", code_verifier=None, now=NOW)
    assert "code_verifier" not in endpoint.form()


async def test_refresh_keeps_the_authorization_time_and_takes_a_rotated_refresh_token() -> None:
    endpoint = TokenEndpoint(body=GOOD)
    async with client_for(endpoint) as client:
        tokens = await refresh(client, CONFIG, TOKENS, now=NOW)
    assert endpoint.form() == {"grant_type": "refresh_token", "refresh_token": "old-refresh@"}
    assert tokens.refresh_issued_at == ISSUED
    assert tokens.refresh_token == "new-refresh@"
    assert tokens.access_token == "I0.new-access@"
    assert tokens.access_expires_at == NOW + dt.timedelta(seconds=1800)


async def test_refresh_without_a_refresh_token_in_the_answer_keeps_the_old_one() -> None:
    body = {"access_token": "I0.new@", "expires_in": 1800, "token_type": "Bearer"}
    async with client_for(TokenEndpoint(body=body)) as client:
        tokens = await refresh(client, CONFIG, TOKENS, now=NOW)
    assert tokens.refresh_token == "old-refresh@"
    assert tokens.id_token == "old-jwt"
    assert tokens.scope == "api"


NESTED = {
    "error": "unsupported_token_type",
    "error_description": '400 Bad Request: "{"error_description":"Exception while '
    'authenticating refresh token [tokenDigest=x]","error":"refresh_token_authentication_error"}"',
}


@pytest.mark.parametrize(
    "body",
    [
        {"error": "invalid_grant"},
        {"error": "refresh_token_authentication_error"},
        {"error": "invalid_client", "error_description": "refresh token invalid"},
        NESTED,
    ],
)
async def test_a_stale_refresh_token_asks_for_a_new_login(body: dict[str, str]) -> None:
    async with client_for(TokenEndpoint(400, body)) as client:
        with pytest.raises(AuthRequired) as caught:
            await refresh(client, CONFIG, TOKENS, now=NOW)
    assert caught.value.hint == "run 'ta auth login'"
    assert caught.value.exit_code == 3


async def test_bad_client_credentials_name_the_variables() -> None:
    endpoint = TokenEndpoint(401, {"error": "invalid_client"})
    async with client_for(endpoint) as client:
        with pytest.raises(AuthRequired) as caught:
            await exchange_code(client, CONFIG, "C0.abc@", code_verifier=None, now=NOW)
    assert "TA_SCHWAB_CLIENT_ID" in caught.value.hint
    assert "TA_SCHWAB_CLIENT_SECRET" in caught.value.hint


async def test_a_refused_code_is_an_auth_error_that_says_codes_are_short_lived() -> None:
    async with client_for(TokenEndpoint(400, {"error": "invalid_grant"})) as client:
        with pytest.raises(AuthRequired) as caught:
            await exchange_code(client, CONFIG, "C0.abc@", code_verifier=None, now=NOW)
    assert "30 seconds" in caught.value.message


@pytest.mark.parametrize(
    ("status", "body", "headers"),
    [
        (403, b"<html>Access Denied</html>", {"content-type": "text/html"}),
        (500, b"<html>Whitelabel Error Page</html>", {"content-type": "text/html"}),
        (502, {"error": "bad gateway"}, {}),
        (200, b"not json", {}),
        (200, {"token_type": "Bearer"}, {}),
    ],
)
async def test_unusable_answers_are_provider_errors(
    status: int, body: object, headers: dict[str, str]
) -> None:
    async with client_for(TokenEndpoint(status, body, headers=headers)) as client:
        with pytest.raises(ProviderError) as caught:
            await refresh(client, CONFIG, TOKENS, now=NOW)
    assert caught.value.exit_code == 5
    assert not isinstance(caught.value, RateLimited)


async def test_throttling_is_rate_limited_with_retry_after() -> None:
    endpoint = TokenEndpoint(429, {"error": "too many"}, headers={"Retry-After": "7"})
    async with client_for(endpoint) as client:
        with pytest.raises(RateLimited) as caught:
            await refresh(client, CONFIG, TOKENS, now=NOW)
    assert caught.value.retry_after == 7.0


async def test_a_network_failure_is_a_provider_error() -> None:
    def down(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    async with client_for(down) as client:
        with pytest.raises(ProviderError):
            await refresh(client, CONFIG, TOKENS, now=NOW)


SECRETS = ("old-refresh@", "C0.abc@", "app-secret-0123", "I0.old-access@", "verifier-xyz")


@pytest.mark.parametrize(
    ("status", "body"),
    [
        (400, {"error": "invalid_grant", "error_description": "code C0.abc@ old-refresh@"}),
        (401, {"error": "invalid_client"}),
        (500, b"<html>C0.abc@</html>"),
        (200, {"nothing": "here"}),
    ],
)
async def test_errors_never_carry_a_secret(status: int, body: object) -> None:
    async with client_for(TokenEndpoint(status, body)) as client:
        for call in (
            refresh(client, CONFIG, TOKENS, now=NOW),
            exchange_code(client, CONFIG, "C0.abc@", code_verifier="verifier-xyz", now=NOW),
        ):
            with pytest.raises((AuthRequired, ProviderError)) as caught:
                await call
            text = f"{caught.value} {caught.value!r} {getattr(caught.value, 'hint', '')}"
            assert not any(secret in text for secret in SECRETS)
