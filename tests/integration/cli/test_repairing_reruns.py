"""A re-run over damaged dataset files rebuilds them, or refuses (exit 7) naming them."""

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.integration.in_process import run_json

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

BACKFILL = ["history", "AAPL", "MSFT", "--start", "2024-01-01", "--end", "2025-12-31"]


def _truncate(path: Path) -> None:
    with path.open("r+b") as file:
        file.truncate(path.stat().st_size // 2)


def _rows(out: Path) -> int:
    return sum(pq.read_metadata(p).num_rows for p in out.rglob("*.parquet"))


def test_a_rerun_rebuilds_a_truncated_file_and_says_so(capsys, tmp_path):
    out = tmp_path / "corr"
    assert run_json(capsys, *BACKFILL, "--out", "corr")[0] == 0
    rows = _rows(out)
    damaged = sorted(out.glob("bars_1d/symbol_key=MSFT/year=2025/*.parquet"))[0]
    _truncate(damaged)

    code, stdout, stderr = run_json(capsys, *BACKFILL, "--out", "corr")

    assert code == 0
    summary = {record["symbol"]: record for record in json.loads(stdout)}
    assert summary["MSFT"]["rows_added"] > 0
    assert (summary["MSFT"]["files_written"], summary["MSFT"]["files_removed"]) == (1, 1)
    assert (summary["AAPL"]["rows_added"], summary["AAPL"]["files_written"]) == (0, 0)
    assert f"repaired: {damaged.relative_to(out).as_posix()}" in stderr
    assert _rows(out) == rows  # every row is back, the file reads again
    assert pq.read_table(damaged).num_rows > 0
    assert run_json(capsys, "validate", "corr")[0] == 0


def test_a_damaged_file_the_run_cannot_rebuild_is_exit_7_naming_it(capsys, tmp_path):
    out = tmp_path / "corr"
    assert run_json(capsys, *BACKFILL, "--out", "corr")[0] == 0
    damaged = sorted(out.glob("bars_1d/symbol_key=AAPL/year=2024/*.parquet"))[0]
    damaged.write_bytes(b"")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}

    # Only part of 2024 again: these rows cannot stand for the whole damaged year.
    narrower = ["history", "AAPL", "--start", "2024-03-01", "--end", "2024-03-31"]
    code, stdout, stderr = run_json(capsys, *narrower, "--out", "corr")

    assert code == 7
    assert stdout == ""
    assert str(damaged.relative_to(tmp_path)) in stderr  # as --out named the folder
    assert '"E-OUTPUT"' in stderr
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == before
