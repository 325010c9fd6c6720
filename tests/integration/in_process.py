"""Running ``ta`` in process, as a user would, in an environment of the test's making."""

import os
from pathlib import Path

import pytest

from trade_analyst.entrypoints.cli import main


def isolate(monkeypatch: pytest.MonkeyPatch, *, home: Path, work: Path) -> None:
    """Run in ``work`` with HOME at ``home``: no config file, no TA_* or XDG_* variable,
    no COLUMNS (tables printed here are as wide as their columns)."""
    monkeypatch.chdir(work)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("COLUMNS", raising=False)
    for name in list(os.environ):
        if name.startswith(("TA_", "XDG_")):
            monkeypatch.delenv(name)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``ta *argv``: its exit code and what it printed on stdout and stderr."""
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``ta --format json *argv``, as ``run``."""
    return run(capsys, "--format", "json", *argv)
