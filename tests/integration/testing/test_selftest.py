"""``ta selftest`` and ``python -m trade_analyst.testing`` as a user runs them."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.integration.in_process import run

pytestmark = pytest.mark.integration


def test_ta_selftest_runs_every_law_quickly_and_exits_0(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    started = time.monotonic()
    code, out, err = run(capsys, "selftest", "--seed", "11")
    assert time.monotonic() - started < 10
    assert code == 0, out + err
    lines = out.splitlines()
    assert "profile quick, 10 examples a law, seed 11" in lines[0]
    assert lines[-1].startswith("all ")
    assert " laws hold (" in lines[-1]
    assert not [line for line in lines[1:-1] if not line.startswith("ok    ")]
    assert err == ""
    assert not (isolated / ".hypothesis").exists()  # nothing in the folder it ran in
    assert (isolated / ".cache" / "trade-analyst" / "hypothesis").is_dir()  # HOME's caches


def test_ta_selftest_takes_examples_and_a_profile(
    isolated: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "selftest", "--examples", "2", "--profile", "deep", "--seed", "1")
    assert code == 0
    assert "profile deep, 2 examples a law, seed 1" in out.splitlines()[0]


def _without_time_zones(tmp_path: Path) -> dict[str, str]:
    """An environment with no time-zone database: an empty TZPATH, and a ``tzdata`` that
    cannot be imported (a module of that name first on the path that refuses to load)."""
    hide = tmp_path / "hide"
    hide.mkdir()
    (hide / "tzdata.py").write_text("raise ImportError('tzdata hidden by the test')\n")
    env = dict(os.environ)
    env["XDG_CACHE_HOME"] = str(tmp_path / "cache")
    env["PYTHONTZPATH"] = ""
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(hide), env.get("PYTHONPATH")]))
    return env


@pytest.mark.parametrize(
    "command",
    [
        [sys.executable, "-m", "trade_analyst.testing"],
        [sys.executable, "-m", "trade_analyst.entrypoints", "selftest"],
    ],
    ids=["python -m trade_analyst.testing", "ta selftest"],
)
def test_a_missing_time_zone_database_fails_with_a_clear_message(
    tmp_path: Path, command: list[str]
) -> None:
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=_without_time_zones(tmp_path),
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 6, done.stdout + done.stderr
    assert "FAIL  time zones: cannot load America/Chicago, America/New_York" in done.stdout
    assert "error: the time-zone database is missing or broken" in done.stderr
    assert "pip install tzdata" in done.stderr
    assert "PYTHONTZPATH" in done.stderr


def test_python_m_runs_the_laws_and_exits_0(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "trade_analyst.testing", "--examples", "3", "--seed", "5"],
        capture_output=True,
        text=True,
        env=os.environ | {"XDG_CACHE_HOME": str(tmp_path / "cache")},
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 examples a law, seed 5" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("all ")
