"""The data commands through the zipapp: datasets on disk, and a backfill interrupted by Ctrl-C."""

import datetime as dt
import json
import signal
import subprocess
import time

import duckdb

TODAY = dt.date.today()


def test_history_dataset_from_the_zipapp_reads_back_in_duckdb(zipapp, tmp_path):
    out = tmp_path / "data"
    start, end = TODAY - dt.timedelta(days=12), TODAY - dt.timedelta(days=8)
    result = zipapp.run("--format", "parquet", "history", "AAPL", "/ES", "--interval", "15m",
                        "--start", str(start), "--end", str(end), "--out", str(out))  # fmt: skip
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert {row["symbol"] for row in summary} == {"AAPL", "/ES"}
    assert "synthetic" in result.stderr
    glob = str(out / "bars_15m" / "**" / "*.parquet")
    (count,) = duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall()[0]
    assert count == sum(row["rows"] for row in summary)


def test_interrupted_backfill_leaves_complete_files_and_a_rerun_finishes(zipapp, tmp_path):
    out = tmp_path / "data"
    roots = ["/ES", "/NQ", "/RTY", "/YM", "/CL", "/GC", "/ZN", "/6E", "/NG", "/SI", "/HG", "/ZB"]
    args = ["history", *roots, "--interval", "1m", "--start",
            str(TODAY - dt.timedelta(days=40)), "--end", str(TODAY - dt.timedelta(days=1)),
            "--out", str(out)]  # fmt: skip
    process = subprocess.Popen(
        zipapp.argv(*args),
        env=zipapp.env,
        cwd=zipapp.workdir,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 120
    while not list(out.rglob("*.parquet")) and time.monotonic() < deadline:
        time.sleep(0.01)  # wait until the first symbol is written, then interrupt
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=120)

    assert process.returncode == 130, stderr
    assert "interrupted:" in stderr
    assert stdout == ""
    assert not [p for p in out.rglob("*") if p.is_file() and ".tmp" in p.name]
    partial = {p.parent.parent.name for p in out.rglob("*.parquet")}
    assert 0 < len(partial) < len(roots)

    rerun = zipapp.run(*args, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    glob = str(out / "bars_1m" / "**" / "*.parquet")
    symbols, rows, keys = duckdb.sql(
        f"select count(distinct symbol), count(*), count(distinct (symbol, timestamp)) "
        f"from read_parquet('{glob}', hive_partitioning=false)"
    ).fetchall()[0]
    assert symbols == len(roots)
    assert rows == keys
