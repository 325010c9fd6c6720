"""Ctrl-C and SIGTERM during a long backfill: the real ``ta`` in a subprocess stops within
a couple of seconds, says which symbols completed, leaves only complete files, and a re-run
finishes without duplicates."""

import datetime as dt
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.pinned_now import TA_NOW, TODAY
from trade_analyst.adapters.export.layout import symbol_of

pytestmark = pytest.mark.integration

# Minute bars of many futures roots: each root's history is written as one file (one
# partition: the range lies in one year), and the whole backfill takes far longer than the
# time the test waits for the first file.
ROOTS = ["/ES", "/NQ", "/RTY", "/YM", "/CL", "/GC", "/ZN", "/6E", "/NG", "/SI", "/HG", "/ZB"]
START, END = TODAY - dt.timedelta(days=40), TODAY - dt.timedelta(days=1)
# The first signal must be honoured this fast: generation and fetches stop, nothing waits
# for a worker thread to finish its chunk.
STOP_WITHIN_SECONDS = 2.0
COMPLETED = re.compile(r"(interrupted|terminated): (\d+) of (\d+) symbols completed \((.*)\)")


def _history_args(symbols: list[str], out: Path) -> list[str]:
    return ["history", *symbols, "--interval", "1m", "--start", str(START), "--end", str(END),
            "--out", str(out)]  # fmt: skip


def _start(args: list[str], home: Path, ignore_sigint: bool = False) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TA_", "XDG_"))}
    env |= {"HOME": str(home), "TA_NOW": TA_NOW}
    return subprocess.Popen(
        [sys.executable, "-m", "trade_analyst.entrypoints", "--format", "json", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=home,
        # As a shell starts `ta ... &`: Ctrl-C is not for background jobs, SIGTERM still is.
        preexec_fn=(lambda: signal.signal(signal.SIGINT, signal.SIG_IGN))
        if ignore_sigint
        else None,
    )


def _data_files(out: Path) -> list[Path]:
    return [p for p in out.rglob("*.parquet") if not p.name.startswith(".")]


def _wait_for(condition: Callable[[], bool], process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 120
    while not condition():
        assert process.poll() is None, "ta ended before the test could interrupt it"
        assert time.monotonic() < deadline, "ta wrote nothing in two minutes"
        time.sleep(0.01)


def _symbols_on_disk(out: Path) -> set[str]:
    return {s for p in _data_files(out) if (s := symbol_of(p.parent.parent.name)) is not None}


@pytest.mark.parametrize(
    ("sent", "exit_code", "word", "ignore_sigint"),
    [
        (signal.SIGINT, 130, "interrupted", False),
        (signal.SIGTERM, 143, "terminated", False),
        (signal.SIGTERM, 143, "terminated", True),  # a background job: SIGTERM still stops it
    ],
)
def test_a_signal_stops_a_backfill_at_once_and_a_rerun_finishes_it(
    tmp_path: Path, sent: signal.Signals, exit_code: int, word: str, ignore_sigint: bool
) -> None:
    out = tmp_path / "data"
    process = _start(_history_args(ROOTS, out), tmp_path, ignore_sigint)
    _wait_for(lambda: bool(_data_files(out)), process)
    process.send_signal(sent)
    signalled = time.monotonic()
    stdout, stderr = process.communicate(timeout=60)
    stopped_after = time.monotonic() - signalled

    assert process.returncode == exit_code, stderr
    assert stopped_after < STOP_WITHIN_SECONDS, stderr
    assert "Traceback" not in stderr
    assert stdout == ""
    report = COMPLETED.search(stderr)
    assert report is not None, stderr
    assert report.group(1) == word
    completed = set(report.group(4).split(", "))
    assert int(report.group(2)) == len(completed)
    assert int(report.group(3)) == len(ROOTS)
    assert 0 < len(completed) < len(ROOTS)
    # Exactly the symbols named as completed are on disk, each file whole and readable.
    assert _symbols_on_disk(out) == completed
    assert all(pq.read_table(path).num_rows > 0 for path in _data_files(out))
    assert not [p for p in out.rglob(".tmp-*")]

    # Re-run a root that completed (merged: nothing new) and one that did not (written).
    again = [min(completed), next(root for root in ROOTS if root not in completed)]
    # What a kill -9 long ago could have left where the re-run writes: it goes.
    [partition] = {
        p.parent for p in _data_files(out) if symbol_of(p.parent.parent.name) == again[0]
    }
    leftover = partition / ".tmp-deadbeef-0123.parquet"
    leftover.write_bytes(b"half a file")
    os.utime(leftover, (time.time() - 3600,) * 2)
    rerun = _start(_history_args(again, out), tmp_path)
    _, stderr = rerun.communicate(timeout=120)

    assert rerun.returncode == 0, stderr
    assert _symbols_on_disk(out) == completed | set(again)
    assert not [p for p in out.rglob(".tmp-*")]
    tables = [pq.read_table(path) for path in _data_files(out)]
    keys = {
        key
        for table in tables
        for key in zip(table["symbol"].to_pylist(), table["timestamp"].to_pylist(), strict=True)
    }
    assert len(keys) == sum(table.num_rows for table in tables)  # no (symbol, time) twice
