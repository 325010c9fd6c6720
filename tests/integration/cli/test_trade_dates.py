"""Bars name the session they stand for (``trade_date``) and say they are synthetic, in
every output format and dataset, so bars of different markets join on the trade date."""

import csv
import datetime as dt
import io
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.integration.in_process import run, run_json
from tests.pinned_now import TODAY

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

# Thursday 2025-06-05 to Monday 2025-06-09: /ES's Monday bar opens on Sunday evening.
DAILY = ["--interval", "1d", "--start", "2025-06-05", "--end", "2025-06-09"]
SESSIONS = ["2025-06-05", "2025-06-06", "2025-06-09"]


def records(capsys, *args: str) -> list[dict[str, object]]:
    code, out, err = run_json(capsys, *args)
    assert code == 0, err
    rows: list[dict[str, object]] = json.loads(out)
    return rows


def test_es_and_spy_daily_bars_join_on_trade_date(capsys):
    rows = records(capsys, "history", "/ES", "SPY", *DAILY)
    es = {r["trade_date"]: r for r in rows if r["symbol"] == "/ES"}
    spy = {r["trade_date"]: r for r in rows if r["symbol"] == "SPY"}
    assert sorted(es) == sorted(spy) == SESSIONS
    # The bug the column fixes: /ES's stamp is the Globex open, the evening before.
    assert str(es["2025-06-09"]["timestamp"]).startswith("2025-06-08T22:00")
    assert str(spy["2025-06-09"]["timestamp"]).startswith("2025-06-09")


def test_weekly_and_monthly_bars_carry_the_first_session_of_their_period(capsys):
    weekly = records(capsys, "history", "/ES", "--interval", "1w", "--start", "2025-03-03",
                     "--end", "2025-03-14")  # fmt: skip
    assert [r["trade_date"] for r in weekly] == ["2025-03-03", "2025-03-10"]  # Mondays
    monthly = records(capsys, "history", "SPY", "--interval", "1mo", "--start", "2025-03-01",
                      "--end", "2025-06-30")  # fmt: skip
    # 2025-03-01 is a Saturday: March's first session is Monday the 3rd.
    dates = ["2025-03-03", "2025-04-01", "2025-05-01", "2025-06-02"]
    assert [r["trade_date"] for r in monthly] == dates


def test_intraday_bars_have_no_trade_date(capsys):
    week = [str(TODAY - dt.timedelta(days=days)) for days in (10, 4)]  # within 1h's reach
    rows = records(capsys, "history", "SPY", "/ES", "--interval", "1h", "--start", week[0],
                   "--end", week[1])  # fmt: skip
    assert rows
    assert all(r["trade_date"] is None for r in rows)


@pytest.mark.parametrize("command", [["history"], ["indicators", "--add", "sma:2"]])
def test_every_output_format_carries_trade_date_and_synthetic(capsys, command):
    args = [*command, "SPY", *DAILY]
    code, out, _ = run(capsys, "--format", "csv", *args)
    assert code == 0
    table = list(csv.DictReader(io.StringIO(out)))
    assert [r["trade_date"] for r in table] == SESSIONS
    assert {r["synthetic"].lower() for r in table} == {"true"}

    code, out, _ = run(capsys, "--format", "jsonl", *args)
    lines = [json.loads(line) for line in out.splitlines()]
    assert [r["trade_date"] for r in lines] == SESSIONS
    assert all(r["synthetic"] is True for r in lines)

    code, out, _ = run(capsys, "--format", "table", *args)
    header = out.splitlines()[0]
    assert "trade_date" in header
    assert "synthetic" in header
    assert "2025-06-09" in out

    rows = records(capsys, *args)
    assert all(r["synthetic"] is True for r in rows)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_bars_datasets_join_on_trade_date_and_carry_synthetic(capsys, tmp_path, fmt):
    code, _, err = run(capsys, "--format", fmt, "history", "/ES", "SPY", *DAILY, "--out", "d")
    assert code == 0, err
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
    source = f"{reader}('{tmp_path}/d/bars_1d/**/*.{fmt}', hive_partitioning=true)"
    joined = duckdb.sql(
        f"select es.trade_date::varchar, es.synthetic, spy.synthetic "
        f"from {source} es join {source} spy using (trade_date) "
        "where es.symbol = '/ES' and spy.symbol = 'SPY' order by 1"
    ).fetchall()
    assert joined == [(day, True, True) for day in SESSIONS]


def test_indicators_datasets_carry_trade_date_and_synthetic(capsys, tmp_path):
    code, _, err = run(capsys, "indicators", "SPY", "--add", "sma:2", *DAILY, "--out", "d")
    assert code == 0, err
    files = [f for f in (tmp_path / "d" / "indicators_1d").rglob("*.parquet")]
    table = pa.concat_tables([pq.read_table(f) for f in files]).sort_by("timestamp")
    assert [str(d) for d in table["trade_date"].to_pylist()] == SESSIONS
    assert table["synthetic"].to_pylist() == [True] * 3


# Files are named by a hash of their content and schema version: an old file's name is one
# the current version never gives.
OLD_NAME = "0" * 32


def _as_version_1(file: Path, fmt: str) -> Path:
    """Rewrite a bars file as the first bars schema wrote it: no trade_date or synthetic."""
    old_file = file.with_name(f"{OLD_NAME}.{fmt}")
    if fmt == "parquet":
        table = pq.read_table(file)
        metadata = {**table.schema.metadata, b"schema_version": b"1"}
        old = table.drop_columns(["trade_date", "synthetic"]).replace_schema_metadata(metadata)
        pq.write_table(old, old_file)
        file.unlink()
        return old_file
    sidecar = file.parent / f"_{file.name}.json"
    sidecar = sidecar.rename(file.parent / f"_{old_file.name}.json")
    file = file.rename(old_file)
    provenance = json.loads(sidecar.read_text())
    # Sidecars of that time recorded no data size either (the repair check reads it when
    # present).
    provenance.pop("data_bytes", None)
    sidecar.write_text(json.dumps({**provenance, "schema_version": "1"}))
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(file.read_text())))
        out = io.StringIO()
        names = [name for name in rows[0] if name not in ("trade_date", "synthetic")]
        writer = csv.DictWriter(out, names, extrasaction="ignore", quoting=csv.QUOTE_NONNUMERIC)
        writer.writeheader()
        writer.writerows(rows)
        file.write_text(out.getvalue())
    else:
        lines = [json.loads(line) for line in file.read_text().splitlines()]
        kept = [{k: v for k, v in r.items() if k not in ("trade_date", "synthetic")} for r in lines]
        file.write_text("".join(json.dumps(r) + "\n" for r in kept))
    return file


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_files_of_the_first_bars_schema_stay_valid_and_readable(capsys, tmp_path, fmt):
    args = ["--format", fmt, "history", "SPY", *DAILY, "--out", "d"]
    assert run(capsys, *args)[0] == 0
    (file,) = [
        f for f in (tmp_path / "d" / "bars_1d").rglob(f"*.{fmt}") if not f.name.startswith("_")
    ]
    old = _as_version_1(file, fmt)

    code, out, err = run_json(capsys, "validate", "d")
    assert code == 0, out + err
    # A rerun reads the old file (the new columns as nulls) and rewrites it in schema 2.
    assert run(capsys, *args)[0] == 0
    assert not old.exists()
    code, out, err = run_json(capsys, "validate", "d")
    assert code == 0, out + err
    source = f"'{tmp_path}/d/bars_1d/**/*.{fmt}'"
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[fmt]
    rows = duckdb.sql(f"select trade_date::varchar, synthetic from {reader}({source})").fetchall()
    assert rows == [(day, True) for day in SESSIONS]


def test_a_file_of_the_second_schema_without_its_new_columns_is_a_finding(capsys, tmp_path):
    assert run(capsys, "history", "SPY", *DAILY, "--out", "d")[0] == 0
    (file,) = (tmp_path / "d" / "bars_1d").rglob("*.parquet")
    table = pq.read_table(file)
    pq.write_table(table.drop_columns(["trade_date"]), file)  # metadata still says 2

    code, out, _ = run_json(capsys, "validate", "d")
    assert code == 6
    (columns,) = [f for f in json.loads(out) if f["rule"] == "file.columns"]
    assert columns["field"] == "trade_date"


@pytest.mark.parametrize("fmt", ["json", "csv", "jsonl"])
def test_option_chain_records_and_datasets_carry_synthetic(capsys, tmp_path, fmt):
    code, out, _ = run(capsys, "--format", fmt, "chain", "AAPL", "--strikes", "2")
    assert code == 0
    if fmt == "csv":
        flags = {r["synthetic"].lower() for r in csv.DictReader(io.StringIO(out))}
    elif fmt == "json":
        flags = {str(r["synthetic"]).lower() for r in json.loads(out)}
    else:
        flags = {str(json.loads(line)["synthetic"]).lower() for line in out.splitlines()}
    assert flags == {"true"}

    extension = "parquet" if fmt == "json" else fmt
    out_format = "parquet" if fmt == "json" else fmt
    assert (
        run(capsys, "--format", out_format, "chain", "AAPL", "--strikes", "2", "--out", "d")[0] == 0
    )
    reader = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}[extension]
    source = f"{reader}('{tmp_path}/d/option_chains/**/*.{extension}', hive_partitioning=true)"
    assert duckdb.sql(f"select distinct synthetic from {source}").fetchall() == [(True,)]


def test_option_chain_files_of_the_first_schema_stay_valid(capsys, tmp_path):
    assert run(capsys, "chain", "AAPL", "--strikes", "2", "--out", "d")[0] == 0
    for file in (tmp_path / "d" / "option_chains").rglob("*.parquet"):
        table = pq.read_table(file)
        metadata = {**table.schema.metadata, b"schema_version": b"1"}
        pq.write_table(table.drop_columns(["synthetic"]).replace_schema_metadata(metadata), file)
    code, out, err = run_json(capsys, "validate", "d")
    assert code == 0, out + err


def test_indicators_files_of_the_first_schema_are_merged_not_refused(capsys, tmp_path):
    args = ["indicators", "SPY", "--add", "sma:2", *DAILY, "--out", "d"]
    assert run(capsys, *args)[0] == 0
    (file,) = (tmp_path / "d" / "indicators_1d").rglob("*.parquet")
    table = pq.read_table(file)
    metadata = {**table.schema.metadata, b"schema_version": b"1"}
    old = table.drop_columns(["trade_date", "synthetic"]).replace_schema_metadata(metadata)
    pq.write_table(old, file.with_name(f"{OLD_NAME}.parquet"))
    file.unlink()

    code, _, err = run(capsys, *args)
    assert code == 0, err
    (file,) = (tmp_path / "d" / "indicators_1d").rglob("*.parquet")
    assert pq.read_table(file)["synthetic"].to_pylist() == [True] * 3
    # Other indicator columns are still refused, naming the stored ones.
    code, _, err = run(capsys, "indicators", "SPY", "--add", "rsi:2", *DAILY, "--out", "d")
    assert code == 2
    assert "['sma_2']" in err
