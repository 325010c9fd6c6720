"""A whole login-and-fetch flow at DEBUG logging leaves no secret anywhere but the vault.

The commands run with ``-vv``, so the request logs (each request, retry, refresh and body
shape) reach stderr too, where they are checked like everything else printed.

Secrets: access, refresh and id tokens, the client secret, the authorization code (decoded
and as sent in the URL), the PKCE verifier and the vault key. Places: every log record,
stdout, stderr (errors included) and every file the run created outside the vault.
"""

import json
import logging
import sys
from pathlib import Path
from urllib.parse import quote

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_SECRET
from tests.integration.auth.conftest import ScriptedBrowser, ScriptedUser, Ta, free_port, query_of
from trade_analyst.adapters.vault import open_vault

pytestmark = pytest.mark.integration


class Witness(ScriptedUser):
    """The scripted user, also noting the code it pastes and the verifier the run chose."""

    def __init__(self, *args, vault_file: Path, key_file: Path, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.vault_file, self.key_file = vault_file, key_file
        self.codes: list[str] = []
        self.verifiers: list[str] = []

    def readline(self, size: int | None = -1) -> str:  # type: ignore[override]
        vault, _ = open_vault(self.vault_file, key=None, key_file=self.key_file, create_key=False)
        pending = vault.read().pending
        assert pending is not None
        assert pending.code_verifier is not None
        self.verifiers.append(pending.code_verifier)
        line = super().readline(size)
        self.codes.append(query_of(line.strip())["code"])
        return line


def test_login_and_fetch_at_debug_leave_no_secret_behind(
    ta: Ta,
    fake_schwab: FakeSchwab,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
) -> None:
    caplog.set_level(logging.DEBUG)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setenv("TMPDIR", str(scratch))
    monkeypatch.setattr("tempfile.tempdir", str(scratch))
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    fake_schwab.state.rotate_refresh_tokens = True
    vault_file = ta.data_home / "token-vault.json"
    key_file = ta.data_home / "vault.key"
    user = Witness(
        fake_schwab, ta.capsys, lambda url: url, vault_file=vault_file, key_file=key_file
    )
    monkeypatch.setattr(sys, "stdin", user)

    assert ta("-vv", "auth", "login", "--no-browser")[0] == 0
    assert ta("-vv", "auth", "status")[0] == 0
    assert ta("-vv", "auth", "refresh")[0] == 0
    fake_schwab.state.expire_access_tokens()
    ta("-vv", "health")  # an authenticated market-data request, a 401, refresh, retry
    assert fake_schwab.state.statuses()[:1] == [401]
    fake_schwab.state.expire_access_tokens()
    code, out, err = ta("-vv", "quotes", "AAPL", "MSFT")  # the fetch, through the adapter
    assert code == 0, err
    assert {row["symbol"] for row in json.loads(out)} == {"AAPL", "MSFT"}
    # The request logs were on stderr: requests, the refresh, the bodies' shapes.
    assert "GET /quotes -> 200" in err
    assert "POST /v1/oauth/token (grant_type=refresh_token) -> 200" in err
    assert "GET /quotes body: object {AAPL, MSFT}" in err
    # Failures must not leak either: a forged paste, a revoked refresh token.
    user.edit = lambda url: url.replace("state=", "state=forged")
    assert ta("-vv", "auth", "login", "--no-browser")[0] == 3
    fake_schwab.state.revoke_refresh_tokens()
    assert ta("-vv", "auth", "refresh")[0] == 3

    vault, _ = open_vault(vault_file, key=None, key_file=key_file, create_key=False)
    final = vault.load()
    assert final is not None
    with fake_schwab.state._lock:
        issued = [*fake_schwab.state._access, *fake_schwab.state._refresh]
    secrets = {
        *issued,
        final.access_token,
        final.refresh_token,
        final.id_token or "",
        DEFAULT_CLIENT_SECRET,
        *user.codes,
        *(quote(code, safe="") for code in user.codes),
        *user.verifiers,
        key_file.read_text().strip(),
    } - {""}
    assert len(user.codes) == 2
    assert len(user.verifiers) == 2
    assert len(issued) >= 4  # two access tokens at least, rotated refresh tokens

    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    assert any(r.levelno == logging.DEBUG for r in caplog.records)  # DEBUG really was on
    printed = "\n".join(ta.outputs + ta.errors)
    for secret in secrets:
        assert secret not in logged, "a secret reached the log"
        assert secret not in printed, "a secret reached stdout/stderr"

    allowed = {vault_file, key_file}
    scanned = 0
    for path in tmp_path.rglob("*"):
        if path.is_file() and path not in allowed:
            scanned += 1
            content = path.read_bytes()
            for secret in secrets:
                assert secret.encode() not in content, f"a secret was written to {path}"
    assert scanned >= 1  # the lock file at least
    key_text = key_file.read_text()
    for secret in secrets - {key_text.strip()}:
        assert secret not in key_text
    # And the vault itself holds them only encrypted.
    blob = vault_file.read_bytes()
    assert not any(secret.encode() in blob for secret in secrets)


def test_browser_login_at_debug_leaves_no_secret_behind(
    ta: Ta,
    fake_schwab: FakeSchwab,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    caplog.set_level(logging.DEBUG)
    redirect = f"https://127.0.0.1:{free_port()}"
    fake_schwab.state.register_app(
        "BrowserApp0123456789abcdef012345", DEFAULT_CLIENT_SECRET, redirect
    )
    monkeypatch.setenv("TA_SCHWAB_CLIENT_ID", "BrowserApp0123456789abcdef012345")
    monkeypatch.setenv("TA_SCHWAB_REDIRECT_URI", redirect)
    # The browser's own record of the redirect (it holds the code) lives outside the
    # folders scanned below: it is the browser's, not something ta wrote.
    report = tmp_path_factory.mktemp("browser") / "browser.json"
    browser = ScriptedBrowser(ta.data_home / "callback-cert.pem", report)
    login = ("-vv", "auth", "login", "--timeout", "60", "--browser-command", browser.command)
    assert ta(*login)[0] == 0
    assert "POST /v1/oauth/token (grant_type=authorization_code) -> 200" in ta.errors[-1]
    (response,) = browser.seen()["responses"]
    assert response["status"] == 200
    code = query_of(response["url"])["code"]

    vault_file, key_file = ta.data_home / "token-vault.json", ta.data_home / "vault.key"
    vault, _ = open_vault(vault_file, key=None, key_file=key_file, create_key=False)
    tokens = vault.load()
    assert tokens is not None
    secrets = {
        code,
        quote(code, safe=""),
        tokens.access_token,
        tokens.refresh_token,
        DEFAULT_CLIENT_SECRET,
        key_file.read_text().strip(),
    }
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.exc_text or ''}" for r in caplog.records)
    printed = "\n".join(ta.outputs + ta.errors)
    for secret in secrets:
        assert secret not in logged
        assert secret not in printed
    for path in tmp_path.rglob("*"):
        if path.is_file() and path not in {vault_file, key_file}:
            assert not any(secret.encode() in path.read_bytes() for secret in secrets), path
