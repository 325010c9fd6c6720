"""Headless login as a real process: the URL on stderr, the redirected URL on stdin, then a
fetch in a second process. Nothing but the pipes connects the test and ``ta``."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET
from tests.integration.auth.conftest import follow_authorization

pytestmark = pytest.mark.integration


def environment(home: Path, fake: FakeSchwab) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TA_", "XDG_"))}
    return env | {
        "HOME": str(home),
        "TA_SCHWAB_CLIENT_ID": DEFAULT_CLIENT_ID,
        "TA_SCHWAB_CLIENT_SECRET": DEFAULT_CLIENT_SECRET,
        "TA_SCHWAB_API_BASE": fake.base_url,
        "TA_GENERAL_PROVIDER": "schwab",
    }


def test_headless_login_then_fetch_in_separate_processes(
    fake_schwab: FakeSchwab, tmp_path: Path
) -> None:
    env = environment(tmp_path, fake_schwab)
    ta = [sys.executable, "-m", "trade_analyst.entrypoints"]
    login = subprocess.Popen(
        [*ta, "--format", "json", "auth", "login", "--no-browser"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert login.stderr is not None
    assert login.stdin is not None
    before_url = []
    for line in login.stderr:
        if line.startswith("https://") or line.startswith("http://"):
            url = line.rstrip("\n")
            break
        before_url.append(line)
    assert " " not in url  # the URL is alone on its line
    login.stdin.write(follow_authorization(url) + "\n")
    login.stdin.flush()
    out, _ = login.communicate(timeout=60)
    assert login.returncode == 0, "".join(before_url)
    assert json.loads(out)["logged_in"] is True

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
