"""Two processes doing read-refresh-write under the vault lock never lose an update."""

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from trade_analyst.adapters.vault import open_vault
from trade_analyst.ports import TokenSet

pytestmark = pytest.mark.integration

WORKER = """
import datetime as dt, sys
from pathlib import Path
import attrs
from trade_analyst.adapters.vault import open_vault

vault, _ = open_vault(Path(sys.argv[1]), key=sys.argv[2], key_file=Path(sys.argv[1] + ".key"),
                      create_key=False)
for _ in range(int(sys.argv[3])):
    with vault.lock():
        tokens = vault.load()
        n = int(tokens.refresh_token.split("-")[1]) + 1
        # A rotated refresh token: losing any one of these writes would lose a count.
        vault.save(attrs.evolve(tokens, refresh_token=f"rotated-{n}"))
"""


def test_concurrent_refreshers_serialise(tmp_path: Path) -> None:
    key = Fernet.generate_key().decode()
    path = tmp_path / "vault.json"
    vault, _ = open_vault(path, key=key, key_file=tmp_path / "k", create_key=False)
    issued = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    vault.save(
        TokenSet(
            access_token="a",
            refresh_token="rotated-0",
            access_expires_at=issued,
            refresh_issued_at=issued,
        )
    )
    rounds = 40
    workers = [
        subprocess.Popen([sys.executable, "-c", WORKER, str(path), key, str(rounds)])
        for _ in range(3)
    ]
    assert [w.wait(timeout=120) for w in workers] == [0, 0, 0]
    tokens = vault.load()
    assert tokens is not None
    assert tokens.refresh_token == f"rotated-{3 * rounds}"
    assert tokens.refresh_issued_at == issued
