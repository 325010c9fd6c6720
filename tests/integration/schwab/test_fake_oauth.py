"""The fake server's OAuth endpoints keep Schwab's rules."""

import datetime as dt
import urllib.parse

import httpx
import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import (
    DEFAULT_CLIENT_ID,
    DEFAULT_CLIENT_SECRET,
    DEFAULT_REDIRECT_URI,
    Fault,
)
from trade_analyst.adapters.memory import FakeClock

pytestmark = pytest.mark.integration

START = dt.datetime(2026, 1, 5, 15, tzinfo=dt.UTC)


def _token(
    fake: FakeSchwab, form: dict[str, str], auth: tuple[str, str] | None = None
) -> httpx.Response:
    auth = auth if auth is not None else (DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET)
    return httpx.post(f"{fake.base_url}/v1/oauth/token", data=form, auth=auth)


def _exchange(fake: FakeSchwab, code: str, **extra: str) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": DEFAULT_REDIRECT_URI}
    return _token(fake, {**form, **extra})


def _code_from(url: str) -> str:
    return urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["code"][0]


def test_authorize_redirects_with_an_encoded_code_session_and_state(
    fake_schwab: FakeSchwab,
) -> None:
    params = {
        "client_id": DEFAULT_CLIENT_ID,
        "redirect_uri": DEFAULT_REDIRECT_URI,
        "response_type": "code",
        "state": "xyz 1/2",
        "code_challenge": "abc",
        "code_challenge_method": "S256",
    }
    reply = httpx.get(f"{fake_schwab.base_url}/v1/oauth/authorize", params=params)
    assert reply.status_code == 302
    location = reply.headers["location"]
    assert location.startswith(DEFAULT_REDIRECT_URI + "?code=C0.")
    assert "%40&session=" in location  # the code's trailing @ arrives encoded
    query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
    assert query["state"] == ["xyz 1/2"]
    assert query["code"][0].endswith("@")
    assert reply.headers["schwab-client-correlid"]


def test_authorize_without_state_or_response_type_still_redirects(fake_schwab: FakeSchwab) -> None:
    params = {"client_id": DEFAULT_CLIENT_ID, "redirect_uri": DEFAULT_REDIRECT_URI}
    reply = httpx.get(f"{fake_schwab.base_url}/v1/oauth/authorize", params=params)
    assert reply.status_code == 302
    assert "state=" not in reply.headers["location"]


@pytest.mark.parametrize(
    "redirect_uri",
    [DEFAULT_REDIRECT_URI + "/", "HTTPS://127.0.0.1:8182", "https://localhost:8182", ""],
)
def test_authorize_refuses_a_redirect_uri_that_is_not_exactly_registered(
    fake_schwab: FakeSchwab, redirect_uri: str
) -> None:
    params = {"client_id": DEFAULT_CLIENT_ID, "redirect_uri": redirect_uri}
    reply = httpx.get(f"{fake_schwab.base_url}/v1/oauth/authorize", params=params)
    assert reply.status_code == 400
    assert "location" not in reply.headers
    assert reply.headers["content-type"].startswith("text/html")


def test_a_code_exchanges_once_for_tokens(fake_schwab: FakeSchwab) -> None:
    code = _code_from(fake_schwab.authorize_redirect())
    reply = _exchange(fake_schwab, code, code_verifier="v" * 43, client_id=DEFAULT_CLIENT_ID)
    assert reply.status_code == 200
    body = reply.json()
    assert body["expires_in"] == 1800
    assert body["token_type"] == "Bearer"
    assert body["scope"] == "api"
    assert body["access_token"].startswith("I0.")
    assert {"refresh_token", "id_token"} <= body.keys()
    again = _exchange(fake_schwab, code)
    assert again.status_code == 400
    assert again.json()["error"] == "invalid_grant"
    records = fake_schwab.state.token_requests
    assert "code_verifier" in records[0].fields
    assert [r.status for r in records] == [200, 400]


def test_a_code_expires_after_thirty_seconds(fake_schwab: FakeSchwab) -> None:
    clock = FakeClock(START)
    fake_schwab.state.clock = clock
    code = fake_schwab.mint_code()
    clock.advance(dt.timedelta(seconds=31))
    reply = _exchange(fake_schwab, code)
    assert reply.status_code == 400
    assert reply.json() == {
        "error": "invalid_grant",
        "error_description": "authorization code has expired",
    }


def test_the_exchange_needs_the_same_redirect_uri(fake_schwab: FakeSchwab) -> None:
    code = fake_schwab.mint_code()
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": "https://x"}
    assert _token(fake_schwab, form).status_code == 400


@pytest.mark.parametrize(
    "auth", [None, (DEFAULT_CLIENT_ID, "wrong-secret"), ("someone-else", DEFAULT_CLIENT_SECRET)]
)
def test_the_token_endpoint_requires_basic_client_auth(
    fake_schwab: FakeSchwab, auth: tuple[str, str] | None
) -> None:
    form = {
        "grant_type": "authorization_code",
        "code": fake_schwab.mint_code(),
        "redirect_uri": DEFAULT_REDIRECT_URI,
    }
    url = f"{fake_schwab.base_url}/v1/oauth/token"
    reply = httpx.post(url, data=form, auth=auth) if auth else httpx.post(url, data=form)
    assert reply.status_code == 401
    assert reply.json()["error"] == "invalid_client"


def test_a_refresh_grant_keeps_working_for_seven_days_from_the_login(
    fake_schwab: FakeSchwab,
) -> None:
    clock = FakeClock(START)
    fake_schwab.state.clock = clock
    tokens = _exchange(fake_schwab, fake_schwab.mint_code()).json()
    form = {"grant_type": "refresh_token", "refresh_token": tokens["refresh_token"]}
    clock.advance(dt.timedelta(days=6, hours=23))
    refreshed = _token(fake_schwab, form)
    assert refreshed.status_code == 200
    assert refreshed.json()["access_token"] != tokens["access_token"]
    assert refreshed.json()["refresh_token"] == tokens["refresh_token"]
    clock.advance(dt.timedelta(hours=1))  # refreshing did not extend the seven days
    expired = _token(fake_schwab, form)
    assert expired.status_code == 400
    assert expired.json() == {
        "error": "invalid_client",
        "error_description": "refresh token invalid",
    }


def test_a_new_login_invalidates_the_previous_refresh_token(fake_schwab: FakeSchwab) -> None:
    first = _exchange(fake_schwab, fake_schwab.mint_code()).json()
    second = _exchange(fake_schwab, fake_schwab.mint_code()).json()
    old = _token(
        fake_schwab, {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    )
    assert old.status_code == 400
    assert old.json()["error"] == "unsupported_token_type"
    assert "refresh_token_authentication_error" in old.json()["error_description"]
    new = _token(
        fake_schwab, {"grant_type": "refresh_token", "refresh_token": second["refresh_token"]}
    )
    assert new.status_code == 200


def test_rotating_refresh_tokens_supersede_the_old_one(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.rotate_refresh_tokens = True
    first = _exchange(fake_schwab, fake_schwab.mint_code()).json()
    form = {"grant_type": "refresh_token", "refresh_token": first["refresh_token"]}
    rotated = _token(fake_schwab, form).json()
    assert rotated["refresh_token"] != first["refresh_token"]
    assert _token(fake_schwab, form).status_code == 400


def test_an_injected_html_error_on_the_token_endpoint(fake_schwab: FakeSchwab) -> None:
    fake_schwab.state.add_fault(Fault("html", scope="oauth", status=403, path_prefix="/token"))
    reply = _exchange(fake_schwab, fake_schwab.mint_code())
    assert reply.status_code == 403
    assert reply.headers["content-type"].startswith("text/html")
    assert _exchange(fake_schwab, fake_schwab.mint_code()).status_code == 200


def test_login_tokens_open_the_market_data_endpoints(fake_schwab: FakeSchwab) -> None:
    tokens = fake_schwab.login_tokens()
    url = f"{fake_schwab.base_url}/marketdata/v1/quotes"
    anonymous = httpx.get(url, params={"symbols": "AAPL"})
    assert anonymous.status_code == 400
    expired_or_bad = httpx.get(url, headers={"Authorization": "Bearer I0.nope@"})
    assert expired_or_bad.status_code == 401
    assert expired_or_bad.json()["errors"][0]["status"] == 401
    fake_schwab.state.expire_access_tokens()
    headers = {"Authorization": f"Bearer {tokens.access_token}"}
    assert httpx.get(url, headers=headers).status_code == 401
