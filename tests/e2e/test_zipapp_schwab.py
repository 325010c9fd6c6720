"""The zipapp against the fake Schwab server: headless login, then data commands, as on a
server with nothing installed. Only pipes and environment variables connect test and ``ta``."""

import json
import subprocess

from tests.fakes.fixtures import fake_schwab, fake_schwab_server  # noqa: F401
from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_SECRET
from tests.integration.auth.conftest import fake_schwab_variables, headless_login_process
from tests.pinned_now import NOW
from trade_analyst.adapters.memory import FakeClock


def test_headless_login_then_quotes_history_and_chain(zipapp, fake_schwab: FakeSchwab, tmp_path):  # noqa: F811
    fake_schwab.state.clock = FakeClock(NOW)  # the instant TA_NOW pins the zipapp's clock to
    env = zipapp.env | {"HOME": str(tmp_path), **fake_schwab_variables(fake_schwab)}
    assert headless_login_process(zipapp.argv(), env, tmp_path, timeout=120)["logged_in"] is True
    vault = tmp_path / ".local" / "share" / "trade-analyst" / "token-vault.json"
    assert vault.stat().st_mode & 0o777 == 0o600

    def ta(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            zipapp.argv("--format", "json", *args),
            capture_output=True, text=True, env=env, cwd=tmp_path, timeout=120, check=False,
        )  # fmt: skip

    quotes = ta("quotes", "AAPL", "/ES")
    assert quotes.returncode == 0, quotes.stderr
    assert [row["provider"] for row in json.loads(quotes.stdout)] == ["schwab", "schwab"]

    history = ta("history", "AAPL", "--start", "2025-06-02", "--end", "2025-06-06", "--out", "data")
    assert history.returncode == 0, history.stderr
    assert json.loads(history.stdout)[0]["rows"] == 5  # one daily bar per session

    chain = ta("chain", "AAPL", "--strikes", "4")
    assert chain.returncode == 0, chain.stderr
    assert json.loads(chain.stdout)

    status = ta("auth", "status")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["refresh_days_left"] > 6
    from trade_analyst.adapters.vault import open_vault

    key_file = vault.with_name("vault.key")
    tokens = open_vault(vault, key=None, key_file=key_file, create_key=False)[0].load()
    assert tokens is not None
    secrets = (tokens.access_token, tokens.refresh_token, DEFAULT_CLIENT_SECRET)
    for run in (quotes, history, chain, status):
        for secret in secrets:
            assert secret not in run.stdout
            assert secret not in run.stderr
