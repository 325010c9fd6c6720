"""``ta auth`` against what real setups look like: any registered https callback in the paste
flow, no trace of a failed login, a logout that deletes only a vault, exposed files warned
about, and no secret over plain http."""

import json
import sys

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_SECRET
from tests.integration.auth.conftest import Ta, headless_login, query_of

pytestmark = pytest.mark.integration

PORTAL_CALLBACK = "https://developer.schwab.com/oauth2-redirect.html"


def _register(fake: FakeSchwab, monkeypatch: pytest.MonkeyPatch, redirect: str) -> None:
    client_id = "PortalApp0123456789abcdef0123456"
    fake.state.register_app(client_id, DEFAULT_CLIENT_SECRET, redirect)
    monkeypatch.setenv("TA_SCHWAB_CLIENT_ID", client_id)
    monkeypatch.setenv("TA_SCHWAB_REDIRECT_URI", redirect)


@pytest.mark.parametrize("redirect", [PORTAL_CALLBACK, "https://127.0.0.1:8182/"])
def test_a_paste_login_works_with_the_callback_the_app_registered(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch, redirect: str
) -> None:
    _register(fake_schwab, monkeypatch, redirect)
    code, out, err, user = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    assert json.loads(out)["logged_in"] is True
    assert query_of(user.authorization_url)["redirect_uri"] == redirect


def test_a_browser_login_needs_a_loopback_callback_and_says_how_else(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    _register(fake_schwab, monkeypatch, PORTAL_CALLBACK)
    code, _, err = ta("auth", "login", "--timeout", "5")
    assert code == 2
    assert "127.0.0.1" in err
    assert "--no-browser" in err
    assert not (ta.data_home / "vault.key").exists()


@pytest.mark.parametrize(
    "edit",
    [
        lambda url: url.replace("state=", "state=forged"),  # not this login's redirect
        lambda url: url.replace("https://127.0.0.1:8182", "https://127.0.0.1:8182/x"),
        lambda url: url.replace("code=", "code=C0.expired"),  # Schwab refuses the code
    ],
)
def test_a_failed_paste_login_leaves_no_vault_and_no_key(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch, edit: object
) -> None:
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch, edit=edit)  # type: ignore[arg-type]
    assert code in (2, 3), err
    assert not (ta.data_home / "vault.key").exists()
    assert not (ta.data_home / "token-vault.json").exists()


def test_a_paste_login_with_nothing_pasted_stays_pending(
    ta: Ta, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    code, _, err = ta("auth", "login", "--no-browser")
    assert code == 3
    assert "still pending" in err
    assert (ta.data_home / "token-vault.json").exists()  # --redirected-url can finish it


def test_logout_refuses_to_delete_a_file_that_is_no_vault(
    ta: Ta, monkeypatch: pytest.MonkeyPatch
) -> None:
    notes = ta.home / "notes.txt"
    notes.parent.mkdir(parents=True, exist_ok=True)
    notes.write_text("my trading notes\n")
    monkeypatch.setenv("TA_VAULT_PATH", str(notes))
    code, _, err = ta("auth", "logout")
    assert code == 2
    assert "not a token vault" in err
    assert notes.read_text() == "my trading notes\n"


def test_a_vault_or_key_readable_by_others_is_warned_about_on_every_use(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    key_file = ta.data_home / "vault.key"
    key_file.chmod(0o644)
    for argv in (("auth", "status"), ("--provider", "schwab", "quotes", "AAPL")):
        code, _, err = ta(*argv)
        assert code == 0, err
        assert f"warning: {key_file} is readable by other users" in err
    code, _, err = ta("-q", "auth", "status")
    assert "readable by other users" not in err


@pytest.mark.parametrize(
    ("api_base", "allowed"),
    [
        ("http://api.schwabapi.com", False),
        ("http://10.0.0.5:8080", False),
        ("https://api.schwabapi.com", True),
        ("http://localhost:9999", True),
    ],
)
def test_plain_http_api_base_is_refused_except_on_loopback(
    ta: Ta, monkeypatch: pytest.MonkeyPatch, api_base: str, allowed: bool
) -> None:
    monkeypatch.setenv("TA_SCHWAB_API_BASE", api_base)
    code, _, err = ta("auth", "status")
    if allowed:
        assert code == 3, err  # read fine: simply not logged in
    else:
        assert code == 2
        assert "TA_SCHWAB_API_BASE" in err
        assert "https" in err
