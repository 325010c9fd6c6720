"""The data commands through the zipapp: datasets on disk, and a backfill interrupted by Ctrl-C."""

import datetime as dt
import json
import signal
import subprocess
import time

import duckdb

from tests.pinned_now import TODAY  # the zipapp runs with TA_NOW set to it


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


def test_analytics_commands_from_the_zipapp(zipapp, shiv_root, tmp_path):
    import jsonschema

    levels = zipapp.run("levels", "/ES", "--date", "2025-06-18", "--format", "levels.v1")
    assert levels.returncode == 0, levels.stderr
    document = json.loads(levels.stdout)
    # The schema ships inside the zipapp: validate against the extracted copy.
    (schema_file,) = shiv_root.glob(
        "ta.pyz_*/site-packages/trade_analyst/entrypoints/schemas/levels.v1.json"
    )
    jsonschema.validate(document, json.loads(schema_file.read_text()))

    indicators = zipapp.run("--format", "csv", "indicators", "AAPL", "--start", "2025-05-01",
                            "--end", "2025-06-20", "--add", "sma:5,rsi:14")  # fmt: skip
    assert indicators.returncode == 0, indicators.stderr
    header = indicators.stdout.splitlines()[0].split(",")
    assert header[:3] == ["symbol", "contract", "timestamp"]
    assert len(header) > 8  # the indicator columns follow the bar columns

    stats = zipapp.run("--format", "json", "options", "stats", "SPY", "--out", str(tmp_path))
    assert stats.returncode == 0, stats.stderr
    records = json.loads(stats.stdout)
    per_expiration, total = records[:-1], records[-1]
    assert total["scope"] == "total"
    assert {r["scope"] for r in per_expiration} == {"expiration"}
    assert total["call_volume"] == sum(r["call_volume"] for r in per_expiration)
    assert total["iv_recorded"] is True  # today's ATM IV went into the iv_history dataset

    trades, quotes = tmp_path / "trades.csv", tmp_path / "quotes.csv"
    trades.write_text("timestamp,price,size\n2025-06-02T14:30:01Z,10.02,100\n")
    quotes.write_text("timestamp,bid,ask\n2025-06-02T14:30:00Z,10.00,10.02\n")
    labels = zipapp.run("--format", "json", "trades", "classify", str(trades), "--quotes",
                        str(quotes))  # fmt: skip
    assert labels.returncode == 0, labels.stderr
    assert json.loads(labels.stdout)[0]["side"] == "buy"  # at the ask
