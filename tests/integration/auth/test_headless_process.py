"""Headless login as a real process: the URL on stderr, the redirected URL on stdin, then a
fetch in a second process. Nothing but the pipes connects the test and ``ta``."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.integration.auth.conftest import (
    child_environment,
    fake_schwab_variables,
    headless_login_process,
)

pytestmark = pytest.mark.integration


def test_headless_login_then_fetch_in_separate_processes(
    fake_schwab: FakeSchwab, tmp_path: Path
) -> None:
    env = child_environment(tmp_path, **fake_schwab_variables(fake_schwab))
    ta = [sys.executable, "-m", "trade_analyst.entrypoints"]
    assert headless_login_process(ta, env, tmp_path, timeout=60)["logged_in"] is True

    fetch = subprocess.run(
        [*ta, "--format", "json", "quotes", "AAPL"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert fetch.returncode == 0, fetch.stderr
    assert [row["symbol"] for row in json.loads(fetch.stdout)] == ["AAPL"]
