"""Authorization URL, redirect parsing, PKCE and redirect-URI rules."""

import base64
import hashlib
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.schwab.config import SchwabConfig
from trade_analyst.adapters.schwab.oauth import (
    build_authorization_url,
    callback_path,
    callback_port,
    new_pkce_pair,
    new_state,
    parse_redirected_url,
    pkce_challenge,
    validate_redirect_uri,
)
from trade_analyst.ports import AuthRequired, InvalidInput

CONFIG = SchwabConfig(client_id="key", client_secret="secret", api_base="https://schwab.test")
REDIRECT = "https://127.0.0.1:8182"

# RFC 7636 appendix B: the published verifier and its S256 challenge.
RFC_VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
RFC_CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"

verifiers = st.text(
    alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~",
    min_size=43,
    max_size=128,
)


def test_pkce_matches_the_rfc_example() -> None:
    assert pkce_challenge(RFC_VERIFIER) == RFC_CHALLENGE


@given(verifiers)
def test_challenge_is_unpadded_base64url_of_sha256(verifier: str) -> None:
    challenge = pkce_challenge(verifier)
    padded = challenge + "=" * (-len(challenge) % 4)
    assert base64.urlsafe_b64decode(padded) == hashlib.sha256(verifier.encode()).digest()
    assert "=" not in challenge
    assert len(challenge) == 43


def test_new_pairs_are_valid_and_fresh() -> None:
    pairs = [new_pkce_pair() for _ in range(20)]
    for verifier, challenge in pairs:
        assert 43 <= len(verifier) <= 128
        assert set(verifier) <= set(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        )
        assert pkce_challenge(verifier) == challenge
    assert len({v for v, _ in pairs}) == 20
    assert len({new_state() for _ in range(20)}) == 20


@given(state=st.text(min_size=1, max_size=60), challenge=st.one_of(st.none(), verifiers))
def test_authorization_url_carries_every_parameter_exactly(
    state: str, challenge: str | None
) -> None:
    url = build_authorization_url(CONFIG, state=state, code_challenge=challenge)
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == CONFIG.authorize_url
    query = {k: v[0] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    expected = {
        "response_type": "code",
        "client_id": "key",
        "redirect_uri": CONFIG.redirect_uri,
        "state": state,
    }
    if challenge is not None:
        expected |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    assert query == expected
    assert "secret" not in url


codes = st.text(min_size=1, max_size=80).filter(lambda s: s.strip() == s)


@given(code=codes, state=st.text(min_size=1, max_size=60).filter(lambda s: s.strip() == s))
def test_redirected_url_round_trip_decodes_the_code_once(code: str, state: str) -> None:
    url = f"{REDIRECT}?code={quote(code, safe='')}&session=abc&state={quote(state, safe='')}"
    assert parse_redirected_url(url, REDIRECT, state) == code


def test_a_schwab_style_code_ending_in_percent_40_is_decoded_to_at() -> None:
    url = f"{REDIRECT}/?code=C0.b2F1dGgy%40&session=6f1e&state=s1"
    assert parse_redirected_url(url, REDIRECT, "s1") == "C0.b2F1dGgy@"
    # Decoded exactly once: an encoded percent stays a percent.
    url = f"{REDIRECT}?code=C0.a%2540&state=s1"
    assert parse_redirected_url(url, REDIRECT, "s1") == "C0.a%40"


@pytest.mark.parametrize(
    "url",
    [
        f"{REDIRECT}?code=C0.x%40&session=1",
        f"{REDIRECT}?code=C0.x%40&state=forged",
        f"{REDIRECT}?code=C0.x%40&state=s1&state=s2",
        f"{REDIRECT}?code=C0.x%40&state=",
    ],
)
def test_a_missing_or_forged_state_is_refused_without_echoing_the_code(url: str) -> None:
    with pytest.raises(AuthRequired) as caught:
        parse_redirected_url(url, REDIRECT, "s1")
    assert "C0.x" not in caught.value.message + caught.value.hint


@pytest.mark.parametrize(
    "url",
    [
        "https://127.0.0.1:9999?code=C0.x&state=s1",
        "https://localhost:8182?code=C0.x&state=s1",
        "http://127.0.0.1:8182?code=C0.x&state=s1",
        "https://127.0.0.1:8182/other?code=C0.x&state=s1",
        "C0.x",
        f"{REDIRECT}?state=s1",
    ],
)
def test_urls_for_another_place_or_without_a_code_are_bad_input(url: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_redirected_url(url, REDIRECT, "s1")
    assert "C0.x" not in caught.value.message + caught.value.hint


def test_a_denied_consent_is_an_auth_error() -> None:
    with pytest.raises(AuthRequired, match="access_denied"):
        parse_redirected_url(f"{REDIRECT}?error=access_denied&state=s1", REDIRECT, "s1")


@pytest.mark.parametrize(
    "uri", ["https://127.0.0.1:8182", "https://127.0.0.1", "https://127.0.0.1:8443/callback"]
)
def test_good_redirect_uris_pass(uri: str) -> None:
    validate_redirect_uri(uri, listening=True)


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("http://127.0.0.1:8182", "https"),
        ("HTTPS://127.0.0.1:8182", "lower case"),
        ("https://localhost:8182", "localhost"),
        ("https://127.1.2.3:8182", "127.0.0.1"),
        ("https://127.0.0.1:8182?x=1", "query"),
        ("https://127.0.0.1:99999", "port"),
        ("https://user@127.0.0.1:8182", "user name"),
    ],
)
def test_bad_redirect_uris_are_explained(uri: str, reason: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_redirect_uri(uri, listening=True)
    assert reason in caught.value.message
    assert "TA_SCHWAB_REDIRECT_URI" in caught.value.hint


def test_callback_path_and_port() -> None:
    assert (callback_path(REDIRECT), callback_port(REDIRECT)) == ("/", 8182)
    assert callback_path("https://127.0.0.1:8443/cb") == "/cb"
    assert callback_port("https://127.0.0.1") == 443


@pytest.mark.parametrize("wrap", ["'{}'", '"{}"', "<{}>", "  {}\n"])
def test_a_pasted_url_may_come_quoted(wrap: str) -> None:
    url = wrap.format(f"{REDIRECT}?code=C0.x%40&state=s1")
    assert parse_redirected_url(url, REDIRECT, "s1") == "C0.x@"
