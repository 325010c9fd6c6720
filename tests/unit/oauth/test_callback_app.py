"""The callback ASGI app, called in process through httpx.ASGITransport."""

import datetime as dt
import ssl
from pathlib import Path

import httpx
import pytest
from cryptography import x509

from trade_analyst.entrypoints.callback.app import CallbackApp
from trade_analyst.entrypoints.callback.certificate import ensure_certificate

pytestmark = pytest.mark.anyio

BASE = "https://127.0.0.1:8182"


def client(app: CallbackApp) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE)


async def test_the_redirect_with_the_right_state_delivers_the_decoded_code() -> None:
    app = CallbackApp("/", state="s-123")
    async with client(app) as http:
        response = await http.get("/?code=C0.abc%40&session=9f&state=s-123")
    assert response.status_code == 200
    assert response.headers["connection"] == "close"
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert app.done.is_set()
    assert app.outcome is not None
    assert app.outcome.code == "C0.abc@"
    assert "C0.abc" not in response.text
    assert "C0.abc" not in repr(app)


@pytest.mark.parametrize(
    "query",
    ["code=C0.abc%40", "code=C0.abc%40&state=forged", "code=C0.abc%40&state=s-123&state=x"],
)
async def test_a_forged_or_missing_state_is_400_and_the_wait_goes_on(query: str) -> None:
    app = CallbackApp("/", state="s-123")
    async with client(app) as http:
        response = await http.get(f"/?{query}")
        assert response.status_code == 400
        assert response.headers["connection"] == "close"
        assert not app.done.is_set()
        # The real redirect still gets through afterwards.
        assert (await http.get("/?code=C0.real%40&state=s-123")).status_code == 200
    assert app.outcome is not None
    assert app.outcome.code == "C0.real@"


async def test_only_the_callback_path_is_answered() -> None:
    app = CallbackApp("/cb", state="s")
    async with client(app) as http:
        assert (await http.get("/?code=x&state=s")).status_code == 404
        assert (await http.get("/cb/other?code=x&state=s")).status_code == 404
        assert (await http.post("/cb?code=x&state=s")).status_code == 405
    assert not app.done.is_set()


async def test_a_denied_consent_ends_the_wait_without_a_code() -> None:
    app = CallbackApp("/", state="s")
    async with client(app) as http:
        response = await http.get("/?error=access_denied&state=s")
    assert response.status_code == 400
    assert app.done.is_set()
    assert app.outcome is not None
    assert (app.outcome.code, app.outcome.error) == (None, "access_denied")


async def test_a_second_redirect_does_not_replace_the_first() -> None:
    app = CallbackApp("/", state="s")
    async with client(app) as http:
        await http.get("/?code=first&state=s")
        assert (await http.get("/?code=second&state=s")).status_code == 409
    assert app.outcome is not None
    assert app.outcome.code == "first"


def test_the_certificate_is_for_loopback_private_and_reused(tmp_path: Path) -> None:
    now = dt.datetime(2025, 5, 1, tzinfo=dt.UTC)
    cert_path, key_path = ensure_certificate(tmp_path, now=now)
    cert = x509.load_pem_x509_certificate(cert_path.read_bytes())
    san = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    assert [str(ip) for ip in san.get_values_for_type(x509.IPAddress)] == ["127.0.0.1"]
    assert san.get_values_for_type(x509.DNSName) == ["localhost"]
    assert cert.not_valid_after_utc - now >= dt.timedelta(days=364)
    assert key_path.stat().st_mode & 0o777 == 0o600
    ssl.create_default_context(cafile=str(cert_path))  # loads as a trust anchor
    before = cert_path.read_bytes()
    assert ensure_certificate(tmp_path, now=now + dt.timedelta(days=30)) == (cert_path, key_path)
    assert cert_path.read_bytes() == before
    ensure_certificate(tmp_path, now=now + dt.timedelta(days=360))  # near expiry: renewed
    assert cert_path.read_bytes() != before
