"""``ta auth`` end to end against the fake Schwab server: headless, --redirected-url, browser."""

import datetime as dt
import json
import stat
from pathlib import Path

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_SECRET
from tests.integration.auth.conftest import (
    ScriptedBrowser,
    Ta,
    free_port,
    headless_login,
    query_of,
)
from tests.pinned_now import NOW, TA_NOW
from trade_analyst.adapters.vault import open_vault
from trade_analyst.entrypoints.cli import auth_commands

pytestmark = pytest.mark.integration


def test_headless_login_then_status_refresh_logout(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, out, err, user = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    state = json.loads(out)
    assert state["logged_in"] is True
    assert state["refresh_days_left"] == pytest.approx(7, abs=0.01)
    assert "created a new vault key file" in user.stderr_seen
    # The authorization URL was alone on its line, with state and a PKCE S256 challenge.
    params = query_of(user.authorization_url)
    assert params["code_challenge_method"] == "S256"
    assert params["redirect_uri"] == "https://127.0.0.1:8182"
    assert len(params["state"]) >= 43
    vault_file = ta.data_home / "token-vault.json"
    assert stat.S_IMODE(vault_file.stat().st_mode) == 0o600
    assert stat.S_IMODE((ta.data_home / "vault.key").stat().st_mode) == 0o600

    code, out, _ = ta("auth", "status")
    assert code == 0
    status = json.loads(out)
    assert status["logged_in"] is True
    assert status["warning"] is None
    assert status["access_token_valid"] is True

    vault, _ = open_vault(
        vault_file, key=None, key_file=ta.data_home / "vault.key", create_key=False
    )
    before = vault.load()
    assert before is not None
    code, out, err = ta("auth", "refresh")
    assert code == 0, err
    after = vault.load()
    assert after is not None
    assert after.access_token != before.access_token
    assert after.refresh_issued_at == before.refresh_issued_at
    grants = [r.grant_type for r in fake_schwab.state.token_requests]
    assert grants == ["authorization_code", "refresh_token"]

    code, out, _ = ta("auth", "logout")
    assert code == 0
    assert json.loads(out)["removed"] is True
    assert not vault_file.exists()
    code, out, err = ta("auth", "status")
    assert code == 3
    assert json.loads(out)["logged_in"] is False


def test_without_pkce_no_challenge_is_sent(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err, user = headless_login(ta, fake_schwab, monkeypatch, "--no-pkce")
    assert code == 0, err
    assert "code_challenge" not in query_of(user.authorization_url)
    assert "code_verifier" not in fake_schwab.state.token_requests[0].fields


def test_a_pasted_url_with_a_forged_state_is_refused(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    def forge(url: str) -> str:
        return url.replace("state=", "state=forged")

    code, out, err, _ = headless_login(ta, fake_schwab, monkeypatch, edit=forge)
    assert code == 3
    assert "state" in err
    assert fake_schwab.state.token_requests == []  # nothing was exchanged
    assert out == ""


def test_a_rotated_refresh_token_is_kept(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_schwab.state.rotate_refresh_tokens = True
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    vault, _ = open_vault(
        ta.data_home / "token-vault.json",
        key=None,
        key_file=ta.data_home / "vault.key",
        create_key=False,
    )
    first = vault.load()
    assert ta("auth", "refresh")[0] == 0
    second = vault.load()
    assert first is not None
    assert second is not None
    assert second.refresh_token != first.refresh_token
    assert ta("auth", "refresh")[0] == 0  # the rotated one works, so it was stored


def test_a_revoked_refresh_token_asks_for_a_login(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    fake_schwab.state.revoke_refresh_tokens()
    code, _out, err = ta("auth", "refresh")
    assert code == 3
    assert "hint: run 'ta auth login'" in err


def test_redirected_url_finishes_a_login_started_earlier(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    # First run: prints the URL, then stdin ends (a cron-less server with no terminal).
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(""))
    code, _, err = ta("auth", "login", "--no-browser")
    assert code == 3
    assert "--redirected-url" in err
    url = next(line for line in err.splitlines() if line.startswith("http"))
    redirected = fake_schwab.authorize_redirect(state=query_of(url)["state"])
    # Second run: the pending login (state, verifier) comes from the vault.
    code, out, err = ta("auth", "login", "--redirected-url", redirected)
    assert code == 0, err
    assert json.loads(out)["logged_in"] is True
    assert "code_verifier" in fake_schwab.state.token_requests[0].fields
    # Single use: the same URL cannot be replayed.
    code, _, err = ta("auth", "login", "--redirected-url", redirected)
    assert code == 3
    assert "no login is in progress" in err


def test_missing_credentials_are_exit_3_naming_the_variables(
    ta: Ta, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TA_SCHWAB_CLIENT_SECRET")
    code, _out, err = ta("auth", "login", "--no-browser")
    assert code == 3
    assert "TA_SCHWAB_CLIENT_SECRET" in err
    assert "TA_SCHWAB_CLIENT_ID" in err
    assert not (ta.data_home / "vault.key").exists()


@pytest.mark.parametrize(
    ("uri", "reason"),
    [
        ("https://localhost:8182", "localhost"),
        ("http://127.0.0.1:8182", "https"),
    ],
)
def test_a_bad_redirect_uri_is_explained_before_anything_happens(
    ta: Ta, monkeypatch: pytest.MonkeyPatch, uri: str, reason: str
) -> None:
    monkeypatch.setenv("TA_SCHWAB_REDIRECT_URI", uri)
    code, out, err = ta("auth", "login", "--no-browser")
    assert code == 2
    assert reason in err
    assert "TA_SCHWAB_REDIRECT_URI" in err
    assert out == ""
    assert not (ta.data_home / "vault.key").exists()


def test_wrong_client_secret_is_exit_3_naming_the_variables(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_SCHWAB_CLIENT_SECRET", DEFAULT_CLIENT_SECRET + "x")
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 3
    assert "TA_SCHWAB_CLIENT_SECRET" in err


def test_browser_login_over_tls_on_loopback(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    port = free_port()
    redirect = f"https://127.0.0.1:{port}/callback"
    client_id = "BrowserApp0123456789abcdef012345"
    fake_schwab.state.register_app(client_id, DEFAULT_CLIENT_SECRET, redirect)
    monkeypatch.setenv("TA_SCHWAB_CLIENT_ID", client_id)
    monkeypatch.setenv("TA_SCHWAB_REDIRECT_URI", redirect)
    browser = ScriptedBrowser(
        ta.data_home / "callback-cert.pem", ta.home.parent / "browser.json", forge=True
    )
    code, out, err = ta("auth", "login", "--timeout", "60", "--browser-command", browser.command)
    assert code == 0, err
    seen = browser.seen()
    assert seen["forged"] == [400, 404]  # a forged state, then a path other than the callback
    assert [r["status"] for r in seen["responses"]] == [200]
    assert seen["responses"][0]["connection"] == "close"
    assert json.loads(out)["logged_in"] is True
    assert stat.S_IMODE((ta.data_home / "callback-key.pem").stat().st_mode) == 0o600
    # The server is gone once the login is done.
    import socket

    with socket.socket() as sock:
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_browser_login_times_out_cleanly(ta: Ta, monkeypatch: pytest.MonkeyPatch) -> None:
    port = free_port()
    monkeypatch.setenv("TA_SCHWAB_REDIRECT_URI", f"https://127.0.0.1:{port}")
    # A zero wait is no timing assumption: the redirect cannot have arrived. `true` is a
    # browser command that opens nothing.
    code, _, err = ta("auth", "login", "--timeout", "0.001", "--browser-command", "true")
    assert code == 3
    assert "no login redirect arrived" in err


def test_status_warns_in_the_last_day(ta: Ta, monkeypatch: pytest.MonkeyPatch) -> None:
    from trade_analyst.ports import TokenSet

    monkeypatch.setenv("TA_NOW", TA_NOW)  # status judges the tokens as of NOW
    vault, _ = open_vault(
        ta.data_home / "token-vault.json",
        key=None,
        key_file=ta.data_home / "vault.key",
        create_key=True,
    )
    vault.save(
        TokenSet(
            access_token="a",
            refresh_token="r",
            access_expires_at=NOW - dt.timedelta(minutes=1),
            refresh_issued_at=NOW - dt.timedelta(days=6, hours=2),
        )
    )
    code, out, err = ta("auth", "status")
    assert code == 0
    status = json.loads(out)
    assert status["access_token_valid"] is False
    assert status["refresh_days_left"] == 0.92  # 7 days less 6 d 2 h: 22 h, 0.92 of a day
    assert "expires in 22.0 h" in status["warning"]
    assert err.startswith("warning: the refresh token expires in 22.0 h")
    Path(vault.path).unlink()


def test_no_console_browser_is_started_without_a_display(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", opened.append)
    assert auth_commands.open_in_browser("https://example.test/") is False
    assert opened == []
    monkeypatch.setenv("DISPLAY", ":0")
    auth_commands.open_in_browser("https://example.test/")
    assert opened == ["https://example.test/"]
