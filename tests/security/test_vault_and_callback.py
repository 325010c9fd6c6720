"""Vault files stay private and intact; the callback refuses what is not this login's."""

import json
import ssl
import stat
from pathlib import Path

import anyio
import httpx
import pytest
from cryptography.fernet import Fernet

from tests.fakes.schwab_server import FakeSchwab
from tests.integration.auth.conftest import Ta, headless_login
from trade_analyst.entrypoints.callback.app import CallbackApp
from trade_analyst.entrypoints.callback.certificate import ensure_certificate
from trade_analyst.entrypoints.callback.server import bind_loopback, serve_until_redirect

pytestmark = pytest.mark.integration


def logged_in(ta: Ta, fake: FakeSchwab, monkeypatch: pytest.MonkeyPatch) -> Path:
    assert headless_login(ta, fake, monkeypatch)[0] == 0
    return ta.data_home / "token-vault.json"


def test_vault_and_key_are_owner_only(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault_file = logged_in(ta, fake_schwab, monkeypatch)
    for path in (vault_file, ta.data_home / "vault.key", ta.data_home / "token-vault.json.lock"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(ta.data_home.stat().st_mode) == 0o700
    assert ta("auth", "refresh")[0] == 0  # an atomic replace keeps the mode
    assert stat.S_IMODE(vault_file.stat().st_mode) == 0o600


@pytest.mark.parametrize("damage", ["wrong key", "corrupted"])
def test_an_unreadable_vault_is_exit_3_and_never_overwritten(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    vault_file = logged_in(ta, fake_schwab, monkeypatch)
    if damage == "wrong key":
        monkeypatch.setenv("TA_VAULT_KEY", Fernet.generate_key().decode())
    else:
        vault_file.write_bytes(vault_file.read_bytes()[:-20])
    before = vault_file.read_bytes()
    for argv in (("auth", "status"), ("auth", "refresh"), ("auth", "login", "--no-browser")):
        code, _, err = ta(*argv)
        assert code == 3, argv
        assert str(vault_file) in err
        assert "untouched" in err
        assert json.loads(err.splitlines()[-1])["error"]["code"] == "E-AUTH"
        assert vault_file.read_bytes() == before
    # Only an explicit logout removes it.
    assert ta("auth", "logout")[0] == 0
    assert not vault_file.exists()


@pytest.mark.anyio
async def test_the_live_callback_rejects_a_forged_state(tmp_path: Path) -> None:
    import datetime as dt

    cert, key = ensure_certificate(tmp_path, now=dt.datetime.now(dt.UTC))
    sock = bind_loopback(0)
    port = sock.getsockname()[1]
    assert sock.getsockname()[0] == "127.0.0.1"
    app = CallbackApp("/", state="the-real-state")
    statuses: list[int] = []

    async def browser() -> None:
        context = ssl.create_default_context(cafile=str(cert))
        async with httpx.AsyncClient(verify=context) as client:
            base = f"https://127.0.0.1:{port}/"
            for query in (
                "code=stolen&state=forged",
                "code=stolen",
                "code=real&state=the-real-state",
            ):
                statuses.append((await client.get(f"{base}?{query}")).status_code)

    async with anyio.create_task_group() as group:
        group.start_soon(browser)
        outcome = await serve_until_redirect(app, sock, certfile=cert, keyfile=key, wait_seconds=60)
    assert statuses == [400, 400, 200]
    assert outcome is not None
    assert outcome.code == "real"
