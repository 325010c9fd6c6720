"""``ta health`` against the fake Schwab server and with the mock provider."""

import json

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import Fault
from tests.integration.auth.conftest import Ta, headless_login

pytestmark = pytest.mark.integration


def checks(out: str) -> dict[str, str]:
    return {row["check"]: row["status"] for row in json.loads(out)}


def test_mock_provider_is_healthy_without_any_login(ta: Ta) -> None:
    code, out, err = ta("health")
    assert code == 0, err
    assert checks(out) == {
        "config": "ok",
        "vault": "ok",
        "tokens": "ok",
        "provider": "ok",
        "output": "ok",
    }


def test_schwab_without_login_is_an_auth_problem(ta: Ta, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    code, out, err = ta("health")
    assert code == 3
    assert checks(out)["tokens"] == "fail"
    assert "run 'ta auth login'" in err


def test_schwab_logged_in_is_healthy_and_reaches_the_api(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    code, out, err = ta("health")
    assert code == 0, err
    assert set(checks(out).values()) == {"ok"}
    assert fake_schwab.state.statuses() == [200]


def test_a_rejected_access_token_is_refreshed_once_and_retried(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    fake_schwab.state.expire_access_tokens()  # the vault still believes the token is fresh
    code, out, err = ta("health")
    assert code == 0, err
    assert checks(out)["provider"] == "ok"
    assert fake_schwab.state.statuses() == [401, 200]
    grants = [r.grant_type for r in fake_schwab.state.token_requests]
    assert grants == ["authorization_code", "refresh_token"]


def test_a_revoked_login_is_an_auth_problem(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    fake_schwab.state.expire_access_tokens()
    fake_schwab.state.revoke_refresh_tokens()
    code, out, err = ta("health")
    assert code == 3
    assert checks(out)["provider"] == "fail"
    assert "ta auth login" in err


def test_an_unreachable_provider_is_exit_5(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    fake_schwab.state.add_fault(Fault("html", status=503))
    code, out, err = ta("health")
    assert code == 5
    assert checks(out)["provider"] == "fail"
    assert "503" in err


def test_a_wrong_vault_key_is_an_auth_problem_and_the_vault_survives(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cryptography.fernet import Fernet

    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    vault_file = ta.data_home / "token-vault.json"
    before = vault_file.read_bytes()
    monkeypatch.setenv("TA_VAULT_KEY", Fernet.generate_key().decode())
    code, out, err = ta("health")
    assert code == 3
    assert checks(out)["vault"] == "fail"
    assert "wrong key" in err
    code, _, err = ta("auth", "login", "--no-browser")
    assert code == 3
    assert "wrong key" in err
    assert vault_file.read_bytes() == before


def test_an_unwritable_output_folder_fails(
    ta: Ta, monkeypatch: pytest.MonkeyPatch, tmp_path
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("TA_OUTPUT_DATA_DIR", str(blocker / "data"))
    code, out, _ = ta("health")
    assert code == 1
    assert checks(out)["output"] == "fail"


def test_a_vault_readable_by_others_is_a_warning_not_a_failure(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert headless_login(ta, fake_schwab, monkeypatch)[0] == 0
    (ta.data_home / "vault.key").chmod(0o644)
    code, out, _ = ta("health")
    assert code == 0
    assert checks(out)["vault"] == "warn"
    assert "chmod 600" in out


def test_the_provider_flag_selects_what_is_checked(ta: Ta) -> None:
    code, out, _ = ta("--provider", "schwab", "health")
    assert code == 3
    assert checks(out)["tokens"] == "fail"
