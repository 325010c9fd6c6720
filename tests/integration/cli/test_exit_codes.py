"""Exit codes of failures around inputs and outputs: each names what went wrong, no bug report.

0 ok, 2 bad input or usage, 4 no data, 7 output failed mid-run; never 1 (internal error)
for a path or a date the user gave.
"""

import contextlib
import json
import os
import sys
from pathlib import Path

import pytest

from tests.integration.in_process import run, run_json

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

WEEK = ("--start", "2025-06-02", "--end", "2025-06-06")


def one_error(err: str) -> tuple[str, str]:
    """The single ``error:`` and ``hint:`` lines of stderr."""
    errors = [line for line in err.splitlines() if line.startswith("error: ")]
    hints = [line for line in err.splitlines() if line.startswith("hint: ")]
    assert len(errors) == 1, err
    assert len(hints) == 1, err
    assert "internal error" not in errors[0]
    return errors[0], hints[0]


def files_under(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.mark.parametrize("out", ["--out=", "--out", "--out= "])
def test_an_empty_out_is_a_usage_error(capsys, tmp_path, out):
    args = [out, ""] if out == "--out" else [out]
    code, stdout, err = run_json(capsys, "history", "AAPL", *WEEK, *args)
    assert code == 2
    assert stdout == ""
    message, _ = one_error(err)
    assert "--out" in message
    assert files_under(tmp_path) == []


def test_out_dot_writes_into_the_working_folder(capsys, tmp_path):
    code, stdout, err = run_json(capsys, "history", "AAPL", *WEEK, "--out", ".")
    assert code == 0, err
    assert json.loads(stdout)[0]["rows"] == 5
    assert list((tmp_path / "bars_1d").rglob("*.parquet"))


@pytest.mark.parametrize(
    "args",
    [
        ["history", "AAPL", "--start", "0001-01-01", "--end", "9999-12-31"],
        ["history", "AAPL", "--start", "0001-01-02", "--end", "0001-03-10"],
        ["indicators", "AAPL", "--start", "0001-01-01", "--end", "2025-06-06", "--add", "sma:5"],
        ["levels", "AAPL", "--date", "9999-12-31"],
        ["calendar", "sessions", "nyse", "--start", "0001-01-01", "--end", "9999-12-31"],
        ["futures", "rolls", "/ES", "--start", "0001-01-01", "--end", "9999-12-31"],
        ["futures", "chain", "/ES", "--on", "0001-01-01"],
        ["futures", "front", "/ES", "--on", "9999-12-31"],
        ["chain", "AAPL", "--from", "0001-01-01", "--to", "9999-12-31"],
        ["hours", "--date", "9999-12-31"],
        ["options", "stats", "AAPL", "--expiration", "9999-12-31"],
    ],
)
def test_dates_outside_the_supported_range_are_usage_errors(capsys, tmp_path, args):
    code, stdout, err = run_json(capsys, *args)
    assert code == 2
    assert stdout == ""
    message, hint = one_error(err)
    assert "1990-01-01" in message + hint
    assert "2060-12-31" in message + hint
    assert files_under(tmp_path) == []


def test_out_naming_an_existing_file_is_refused_before_fetching(capsys, tmp_path):
    existing = tmp_path / "notes.txt"
    existing.write_text("keep me")
    code, stdout, err = run_json(capsys, "history", "AAPL", *WEEK, "--out", str(existing))
    assert code == 2
    assert stdout == ""
    message, hint = one_error(err)
    assert str(existing) in message
    assert "--out" in hint
    assert "provider mock" not in err  # nothing was fetched
    assert existing.read_text() == "keep me"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_out_dev_full_is_refused_before_fetching(capsys):
    code, _stdout, err = run_json(capsys, "history", "AAPL", *WEEK, "--out", "/dev/full")
    assert code == 2
    message, _ = one_error(err)
    assert "/dev/full" in message


def _read_only_folder(tmp_path: Path) -> Path:
    """A folder this process cannot write in: a 0500 folder, or for root (who writes
    through permission bits, as CI runs) a sysfs folder, where nobody can create files."""
    if os.geteuid() != 0:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o500)
        return folder
    return Path("/sys/kernel")


def test_a_read_only_out_folder_is_refused_before_fetching(capsys, tmp_path):
    folder = _read_only_folder(tmp_path)
    try:
        code, _, err = run_json(capsys, "history", "AAPL", *WEEK, "--out", str(folder))
    finally:
        if folder.is_relative_to(tmp_path):
            folder.chmod(0o700)
    assert code == 2
    message, _ = one_error(err)
    assert str(folder) in message
    assert "provider mock" not in err  # nothing was fetched


def test_a_write_failing_mid_run_is_exit_7_naming_the_path(capsys, tmp_path):
    out = tmp_path / "data"
    out.mkdir()
    (out / "bars_1d").write_text("a file where the dataset folder must go")
    code, stdout, err = run_json(capsys, "history", "AAPL", *WEEK, "--out", str(out))
    assert code == 7
    assert stdout == ""
    message, _ = one_error(err)
    assert str(out / "bars_1d") in message
    envelope = json.loads(err.splitlines()[-1])
    assert envelope["error"]["code"] == "E-OUTPUT"


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_stdout_on_a_full_device_is_exit_7(capsys, monkeypatch):
    # Line-buffered: each line hits the device; what is still buffered at close fails too.
    with (
        contextlib.suppress(OSError),
        Path("/dev/full").open("w", buffering=1) as full,
        monkeypatch.context() as patch,
    ):
        patch.setattr(sys, "stdout", full)
        code, _, err = run(capsys, "--format", "json", "history", "AAPL", *WEEK)
    assert code == 7
    message, _ = one_error(err)
    assert "No space left on device" in message


@pytest.mark.parametrize("out", [[], ["--out", "data"]])
def test_history_with_no_bars_in_range_is_exit_4_naming_the_dates(capsys, tmp_path, out):
    # 2025-01-04 and 05 are a Saturday and a Sunday.
    args = ("history", "AAPL", "--start", "2025-01-04", "--end", "2025-01-05", *out)
    code, stdout, err = run_json(capsys, *args)
    assert code == 4
    assert stdout == ""
    message, _ = one_error(err)
    assert "2025-01-04" in message
    assert "2025-01-05" in message
    assert files_under(tmp_path / "data") == []


def test_jsonl_datasets_print_their_summary_as_json_lines(capsys, tmp_path):
    code, stdout, err = run(capsys, "--format", "jsonl", "history", "AAPL", "MSFT", *WEEK,
                            "--out", "data")  # fmt: skip
    assert code == 0, err
    lines = stdout.splitlines()
    assert len(lines) == 2
    assert {json.loads(line)["symbol"] for line in lines} == {"AAPL", "MSFT"}
    assert list((tmp_path / "data" / "bars_1d").rglob("*.jsonl"))
