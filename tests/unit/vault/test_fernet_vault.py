"""The Fernet file vault: contract, round trip, file modes, wrong keys and damaged files."""

import datetime as dt
import stat
from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conformance.vault_contract import MakeVault, TokenVaultContract
from trade_analyst.adapters.vault import FernetFileVault, PendingLogin, open_vault
from trade_analyst.ports import AuthRequired, InvalidInput, ProviderError, TokenSet

KEY = Fernet.generate_key().decode()
ISSUED = dt.datetime(2025, 1, 6, 14, 30, tzinfo=dt.UTC)
TOKENS = TokenSet(
    access_token="I0.secret-access@",
    refresh_token="secret-refresh@",
    access_expires_at=ISSUED + dt.timedelta(minutes=30),
    refresh_issued_at=ISSUED,
    id_token="secret-jwt",
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def vault_at(folder: Path, key: str | None = KEY) -> FernetFileVault:
    vault, _ = open_vault(
        folder / "vault.json", key=key, key_file=folder / "vault.key", create_key=False
    )
    return vault


class TestFernetFileVault(TokenVaultContract):
    @pytest.fixture
    def make_vault(self, tmp_path_factory: pytest.TempPathFactory) -> MakeVault:
        return lambda: vault_at(tmp_path_factory.mktemp("vault"))


aware_times = st.datetimes(
    min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2100, 1, 1), timezones=st.just(dt.UTC)
)
token_sets = st.builds(
    TokenSet,
    access_token=st.text(min_size=1),
    refresh_token=st.text(min_size=1),
    access_expires_at=aware_times,
    refresh_issued_at=aware_times,
    token_type=st.text(),
    scope=st.text(),
    id_token=st.one_of(st.none(), st.text()),
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=50)
@given(tokens=token_sets)
def test_save_then_load_round_trips_any_token_set(tmp_path: Path, tokens: TokenSet) -> None:
    vault = vault_at(tmp_path)
    vault.save(tokens)
    assert vault.load() == tokens
    assert vault_at(tmp_path).load() == tokens  # a second process with the same key


def test_files_are_private_and_hold_no_plaintext(tmp_path: Path) -> None:
    folder = tmp_path / "fresh" / "trade-analyst"
    vault, created = open_vault(
        folder / "vault.json", key=None, key_file=folder / "vault.key", create_key=True
    )
    assert created == folder / "vault.key"
    with vault.lock():
        vault.save(TOKENS)
    assert mode(vault.path) == 0o600
    assert mode(created) == 0o600
    assert mode(vault.lock_path) == 0o600
    assert mode(folder) == 0o700
    blob = vault.path.read_bytes()
    for secret in (b"secret-access", b"secret-refresh", b"secret-jwt"):
        assert secret not in blob
    assert sorted(p.name for p in folder.iterdir()) == [
        "vault.json",
        "vault.json.lock",
        "vault.key",
    ]


def test_a_created_key_is_reused_by_the_next_run(tmp_path: Path) -> None:
    first, created = open_vault(
        tmp_path / "v.json", key=None, key_file=tmp_path / "k", create_key=True
    )
    first.save(TOKENS)
    second, again = open_vault(
        tmp_path / "v.json", key=None, key_file=tmp_path / "k", create_key=True
    )
    assert created is not None
    assert again is None
    assert second.load() == TOKENS


def test_the_environment_key_wins_over_the_key_file(tmp_path: Path) -> None:
    (tmp_path / "k").write_text(Fernet.generate_key().decode())
    vault, created = open_vault(
        tmp_path / "v.json", key=KEY, key_file=tmp_path / "k", create_key=True
    )
    vault.save(TOKENS)
    assert created is None
    assert FernetFileVault(tmp_path / "v.json", key=KEY.encode()).load() == TOKENS


def test_no_key_and_no_file_reads_as_logged_out(tmp_path: Path) -> None:
    vault = vault_at(tmp_path, key=None)
    assert vault.load() is None
    with pytest.raises(AuthRequired):
        vault.save(TOKENS)
    assert not vault.path.exists()


def test_a_wrong_key_is_exit_3_and_the_file_is_kept(tmp_path: Path) -> None:
    vault_at(tmp_path).save(TOKENS)
    before = (tmp_path / "vault.json").read_bytes()
    wrong = vault_at(tmp_path, key=Fernet.generate_key().decode())
    with pytest.raises(AuthRequired) as caught:
        wrong.load()
    assert caught.value.exit_code == 3
    assert "wrong key" in caught.value.message
    assert "TA_VAULT_KEY" in caught.value.hint
    with pytest.raises(AuthRequired):
        wrong.save(TOKENS)  # never overwrites what it cannot read
    assert (tmp_path / "vault.json").read_bytes() == before
    assert vault_at(tmp_path).load() == TOKENS


@pytest.mark.parametrize(
    "damage",
    [
        lambda blob: blob[:-10],
        lambda blob: blob[:40] + (b"A" if blob[40:41] != b"A" else b"B") + blob[41:],
        lambda blob: b"",
        lambda blob: Fernet(KEY.encode()).encrypt(b'{"format": "something else"}'),
        lambda blob: Fernet(KEY.encode()).encrypt(b"\xff\xfe not json"),
        lambda blob: Fernet(KEY.encode()).encrypt(
            b'{"format":"trade-analyst-vault","version":1,"tokens":{"access_token":1},'
            b'"pending_login":null}'
        ),
        lambda blob: Fernet(KEY.encode()).encrypt(
            b'{"format":"trade-analyst-vault","version":1,"tokens":"not an object",'
            b'"pending_login":null}'
        ),
    ],
)
def test_a_damaged_file_is_exit_3_and_kept(tmp_path: Path, damage) -> None:  # type: ignore[no-untyped-def]
    vault = vault_at(tmp_path)
    vault.save(TOKENS)
    damaged = damage(vault.path.read_bytes())
    vault.path.write_bytes(damaged)
    with pytest.raises(AuthRequired) as caught:
        vault.load()
    assert str(vault.path) in caught.value.message
    with pytest.raises(AuthRequired):
        vault.save(TOKENS)
    assert vault.path.read_bytes() == damaged
    vault.clear()  # an explicit logout removes it
    assert vault.load() is None


@pytest.mark.parametrize("content", [b"not a vault at all", b"my notes\n", b"gAAAAA but text"])
def test_a_file_that_is_no_vault_is_refused_and_kept_by_a_logout(
    tmp_path: Path, content: bytes
) -> None:
    vault = vault_at(tmp_path, key=None)
    vault.path.write_bytes(content)
    with pytest.raises(AuthRequired):
        vault.load()
    with pytest.raises(InvalidInput, match="not a token vault"):
        vault.clear()
    assert vault.path.read_bytes() == content


def test_a_vault_without_its_key_is_not_clobbered_by_a_new_key(tmp_path: Path) -> None:
    vault_at(tmp_path).save(TOKENS)
    keyless = vault_at(tmp_path, key=None)
    with pytest.raises(AuthRequired, match="no vault key"):
        keyless.load()
    with pytest.raises(AuthRequired, match="key is missing"):
        open_vault(
            tmp_path / "vault.json", key=None, key_file=tmp_path / "vault.key", create_key=True
        )
    assert not (tmp_path / "vault.key").exists()


@pytest.mark.parametrize("bad", ["not-a-key", "", "A" * 44, "secret-looking-key-12345"])
def test_a_malformed_key_is_exit_3_and_never_quoted(tmp_path: Path, bad: str) -> None:
    with pytest.raises(AuthRequired) as caught:
        open_vault(tmp_path / "v.json", key=bad, key_file=tmp_path / "k", create_key=True)
    if bad:
        assert bad not in caught.value.message + caught.value.hint
    (tmp_path / "k").write_text("secret-looking-key-12345\n")
    with pytest.raises(AuthRequired, match="key file"):
        open_vault(tmp_path / "v.json", key=None, key_file=tmp_path / "k", create_key=True)


def test_the_lock_excludes_another_holder(tmp_path: Path) -> None:
    first = vault_at(tmp_path)
    second = vault_at(tmp_path)
    second.lock_timeout = 0.0
    with (
        first.lock(),
        pytest.raises(ProviderError, match="locked by another process"),
        second.lock(),
    ):
        pass
    with second.lock():  # free again once the first holder is done
        pass


def test_a_pending_login_is_kept_beside_the_tokens_and_taken_once(tmp_path: Path) -> None:
    vault = vault_at(tmp_path)
    vault.save(TOKENS)
    pending = PendingLogin(
        state="state-secret",
        code_verifier="verifier-secret",
        redirect_uri="https://127.0.0.1:8182",
        created_at=ISSUED,
    )
    vault.save_pending(pending)
    assert b"verifier-secret" not in vault.path.read_bytes()
    assert "verifier-secret" not in repr(pending)
    assert vault.load() == TOKENS
    vault.save(TOKENS)  # saving tokens keeps the login in progress
    assert vault.take_pending() == pending
    assert vault.take_pending() is None
    assert vault.load() == TOKENS
    assert KEY not in repr(vault)
