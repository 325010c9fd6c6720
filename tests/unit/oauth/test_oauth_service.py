"""``SchwabOAuth``, the OAuth port the login commands use: requests, redirects, the app."""

import hashlib
from base64 import urlsafe_b64encode
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from trade_analyst.adapters.schwab.config import SchwabConfig
from trade_analyst.adapters.schwab.login import SchwabOAuth
from trade_analyst.ports import AuthRequired, InvalidInput

REDIRECT = "https://127.0.0.1:8443/callback"
OAUTH = SchwabOAuth(
    SchwabConfig(
        client_id="key", client_secret="secret", redirect_uri=REDIRECT, api_base="https://s.test"
    )
)


def query_of(url: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}


def test_a_request_with_pkce_carries_the_challenge_of_its_verifier() -> None:
    request = OAUTH.authorization_request(pkce=True)
    query = query_of(request.url)
    assert request.url.startswith("https://s.test/v1/oauth/authorize?")
    assert query["state"] == request.state
    assert query["redirect_uri"] == REDIRECT
    assert request.code_verifier is not None
    digest = hashlib.sha256(request.code_verifier.encode()).digest()
    assert query["code_challenge"] == urlsafe_b64encode(digest).rstrip(b"=").decode()
    assert query["code_challenge_method"] == "S256"


def test_a_request_without_pkce_has_no_verifier_or_challenge() -> None:
    request = OAUTH.authorization_request(pkce=False)
    assert request.code_verifier is None
    assert "code_challenge" not in query_of(request.url)


def test_each_request_has_a_fresh_state_and_the_redirect_uris_callback() -> None:
    first, second = (OAUTH.authorization_request(pkce=True) for _ in range(2))
    assert first.state != second.state
    assert first.code_verifier != second.code_verifier
    assert (first.callback_path, first.callback_port) == ("/callback", 8443)


def test_the_verifier_stays_out_of_the_requests_repr() -> None:
    request = OAUTH.authorization_request(pkce=True)
    assert request.code_verifier is not None
    assert request.code_verifier not in repr(request)


def test_the_code_comes_back_only_with_this_logins_state() -> None:
    request = OAUTH.authorization_request(pkce=True)
    redirected = f"{REDIRECT}?code={quote('C0.x@', safe='')}&state={request.state}"
    assert OAUTH.code_from_redirect(redirected, state=request.state) == "C0.x@"
    with pytest.raises(AuthRequired):
        OAUTH.code_from_redirect(redirected, state="another login")


def test_the_app_key_and_redirect_uri_are_the_configured_ones() -> None:
    assert (OAUTH.client_id, OAUTH.redirect_uri) == ("key", REDIRECT)
    OAUTH.check_redirect_uri(listening=True)
    plain = "http://127.0.0.1:8182"
    bad = SchwabOAuth(SchwabConfig(client_id="key", client_secret="s", redirect_uri=plain))
    with pytest.raises(InvalidInput, match="https"):
        bad.check_redirect_uri(listening=False)
