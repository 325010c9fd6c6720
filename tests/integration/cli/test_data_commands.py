"""The data commands end to end in-process on the mock provider, as a user runs them."""

import datetime as dt
import json

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.integration.in_process import run_json
from tests.pinned_now import TODAY

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

# Inside the 5-minute lookback from the pinned today (the mock's data does not depend on
# the day; only the lookback check does).
RECENT_START = TODAY - dt.timedelta(days=20)
RECENT_END = TODAY - dt.timedelta(days=14)


def test_quotes_one_record_per_symbol_marked_synthetic(capsys):
    code, out, err = run_json(capsys, "quotes", "AAPL", "/ES", "$SPX", "EUR/USD")
    assert code == 0
    records = json.loads(out)
    assert [r["symbol"] for r in records] == ["AAPL", "/ES", "$SPX", "EUR/USD"]
    assert all(r["synthetic"] is True and r["provider"] == "mock" for r in records)
    assert records[1]["contract"].startswith("/ES")  # the root resolved to a contract
    assert records[2]["bid"] is None  # an index has no bid/ask
    assert "synthetic" in err


def test_unknown_and_malformed_symbols_exit_2_with_nothing_on_stdout(capsys):
    for bad in (["quotes", "ZZZZ"], ["quotes", "/ESA25"], ["history", "ZZZZ", "--start",
                "2025-06-02", "--end", "2025-06-03"]):  # fmt: skip
        code, out, err = run_json(capsys, *bad)
        assert code == 2
        assert out == ""
        assert err.splitlines()[-3].startswith("error: ")
        assert err.splitlines()[-2].startswith("hint: ")


def test_history_of_a_root_is_continuous_across_the_roll(capsys):
    code, out, _ = run_json(
        capsys, "history", "/ES", "--start", "2025-06-02", "--end", "2025-06-20", "--interval", "1d"
    )
    assert code == 0
    records = json.loads(out)
    contracts = [r["contract"] for r in records]
    assert contracts[0] == "/ESM25"
    assert contracts[-1] == "/ESU25"
    assert contracts == sorted(contracts, key=lambda c: c != "/ESM25")  # one switch only
    stamps = [r["timestamp"] for r in records]
    assert stamps == sorted(stamps)
    assert len(set(stamps)) == len(stamps)


@pytest.mark.parametrize("symbol", ["AAPL", "/ES"])
def test_history_with_change_shows_each_bar_s_change_from_the_close_before(capsys, symbol):
    week = ["--start", "2025-06-09", "--end", "2025-06-13", "--interval", "1d"]
    code, out, err = run_json(capsys, "history", symbol, *week, "--change")
    assert code == 0, err
    records = json.loads(out)
    code, out, _ = run_json(capsys, "history", symbol, *week)
    assert [{k: r[k] for k in r if k not in ("previous_close", "net_change")} for r in records] == (
        json.loads(out)
    )
    # The session before 9 June is Friday 6 June: its daily close comes first.
    code, out, _ = run_json(capsys, "history", symbol, "--start", "2025-06-06", "--end",
                            "2025-06-06", "--interval", "1d")  # fmt: skip
    friday = json.loads(out)[0]
    expected = [friday["close"]] + [r["close"] for r in records[:-1]]
    for row, record in enumerate(records):
        rolled = row and record["contract"] != records[row - 1]["contract"]
        if rolled:  # the first bar of another contract: no change from the one before
            assert record["previous_close"] is record["net_change"] is None
            continue
        assert record["previous_close"] == expected[row]
        assert record["net_change"] == pytest.approx(record["close"] - expected[row])
    assert any(r["net_change"] is not None for r in records)


def test_history_writes_datasets_that_pyarrow_and_duckdb_read(capsys, tmp_path):
    args = ["history", "AAPL", "MSFT", "/ES", "--start", str(RECENT_START), "--end",
            str(RECENT_END), "--interval", "5m", "--out", "data"]  # fmt: skip
    code, out, _ = run_json(capsys, *args)
    assert code == 0
    summary = json.loads(out)
    assert {r["symbol"] for r in summary} == {"AAPL", "MSFT", "/ES"}
    written = sum(r["rows"] for r in summary)

    dataset = ds.dataset(tmp_path / "data" / "bars_5m", format="parquet", partitioning="hive")
    table = dataset.to_table()
    assert table.num_rows == written
    assert str(table.schema.field("timestamp").type) == "timestamp[ms, tz=UTC]"
    assert str(table.schema.field("close").type) == "double"
    assert str(table.schema.field("volume").type) == "int64"

    glob = str(tmp_path / "data" / "bars_5m" / "**" / "*.parquet")
    rows, keys = duckdb.sql(
        f"select count(*), count(distinct (symbol, timestamp)) from read_parquet('{glob}', "
        "hive_partitioning=true)"
    ).fetchall()[0]
    assert rows == keys == written

    a_file = next((tmp_path / "data" / "bars_5m").rglob("*.parquet"))
    metadata = pq.read_schema(a_file).metadata
    assert metadata[b"provider"] == b"mock"
    assert metadata[b"synthetic"] == b"true"
    assert json.loads(metadata[b"request"])["interval"] == "5m"


def test_rerunning_a_backfill_changes_nothing_and_overlaps_leave_no_duplicates(capsys, tmp_path):
    base = ["history", "AAPL", "--interval", "5m", "--out", "data", "--end", str(RECENT_END)]
    assert run_json(capsys, *base, "--start", str(RECENT_START))[0] == 0
    files = {p: p.stat().st_mtime_ns for p in (tmp_path / "data").rglob("*.parquet")}

    code, out, _ = run_json(capsys, *base, "--start", str(RECENT_START))
    assert code == 0
    assert json.loads(out)[0]["rows_added"] == 0
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "data").rglob("*.parquet")} == files

    earlier = RECENT_START - dt.timedelta(days=3)
    assert run_json(capsys, *base, "--start", str(earlier))[0] == 0
    glob = str(tmp_path / "data" / "bars_5m" / "**" / "*.parquet")
    rows, keys = duckdb.sql(
        f"select count(*), count(distinct timestamp) from read_parquet('{glob}')"
    ).fetchall()[0]
    assert rows == keys


@pytest.mark.parametrize(
    "args",
    [
        ["--start", "2025-06-03", "--end", "2025-06-02"],
        ["--start", "2020-01-02", "--end", "2020-01-03", "--interval", "1m"],
        ["--start", "2025-06-02", "--end", "2025-06-03", "--interval", "2m"],
        # A change is shown, never stored.
        ["--start", "2025-06-02", "--end", "2025-06-03", "--change"],
    ],
)
def test_bad_history_requests_write_nothing(capsys, tmp_path, args):
    code, out, err = run_json(capsys, "history", "AAPL", "--out", "data", *args)
    assert code == 2
    assert out == ""
    assert "hint: " in err
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").rglob("*.*"))


def test_output_folder_that_is_a_file_is_exit_2_naming_the_path(capsys, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("not a folder")
    code, out, err = run_json(capsys, "history", "AAPL", "--start", "2025-06-02", "--end",
                         "2025-06-03", "--out", str(blocker))  # fmt: skip
    assert code == 2
    assert out == ""
    assert str(blocker) in err


def test_chain_records_and_dataset(capsys, tmp_path):
    code, out, _ = run_json(capsys, "chain", "AAPL", "--strikes", "4", "--type", "call")
    assert code == 0
    records = json.loads(out)
    assert records
    assert {r["right"] for r in records} == {"C"}
    assert all(0 <= r["delta"] <= 1 for r in records)
    code, out, _ = run_json(capsys, "chain", "AAPL", "--strikes", "4", "--out", "data")
    assert code == 0
    assert json.loads(out)[0]["dataset"] == "option_chains"
    assert any((tmp_path / "data" / "option_chains").rglob("*.parquet"))


def test_chain_refuses_contradictory_dates(capsys):
    code, out, err = run_json(capsys, "chain", "AAPL", "--expiration", "2025-06-20", "--from",
                         "2025-06-01")  # fmt: skip
    assert code == 2
    assert out == ""
    assert "hint:" in err


def test_hours_movers_and_instruments(capsys):
    code, out, _ = run_json(capsys, "hours", "--market", "equity", "--date", "2025-07-04")
    assert code == 0
    equity = json.loads(out)
    assert equity
    assert all(r["is_open"] is False for r in equity)  # Independence Day
    code, out, _ = run_json(capsys, "movers", "$SPX")
    assert code == 0
    assert json.loads(out)
    code, out, _ = run_json(capsys, "instruments", "AAPL")
    assert code == 0
    assert json.loads(out)[0]["symbol"] == "AAPL"


def test_validate_passes_clean_data_and_fails_broken_data_with_exit_6(capsys, tmp_path):
    assert run_json(capsys, "history", "AAPL", "--start", "2025-06-02", "--end", "2025-06-13",
               "--out", "data")[0] == 0  # fmt: skip
    code, out, _ = run_json(capsys, "validate", "data")
    assert code == 0
    assert json.loads(out) == []

    (stored,) = (tmp_path / "data" / "bars_1d").rglob("*.parquet")
    table = pq.read_table(stored)
    metadata = table.schema.metadata
    highs = table["high"].to_pylist()
    highs[2] = table["low"][2].as_py() - 1.0  # a high below the low
    broken = table.set_column(table.schema.get_field_index("high"), "high", [highs])
    pq.write_table(broken.replace_schema_metadata(metadata), stored)

    code, out, err = run_json(capsys, "validate", "data")
    assert code == 6
    findings = json.loads(out)
    assert any(f["severity"] == "error" and f["row"] == 2 for f in findings)
    assert "error: " in err


@pytest.mark.parametrize("interval", ["1w", "1mo"])
def test_weekly_and_monthly_continuous_series_back_adjust(capsys, interval):
    code, out, err = run_json(capsys, "history", "/ES", "--interval", interval, "--start",
                         "2024-01-01", "--end", "2025-06-30", "--adjust", "ratio")  # fmt: skip
    assert code == 0, err
    contracts = [r["contract"] for r in json.loads(out)]
    assert len(set(contracts)) > 1


def test_validate_accepts_an_output_folder_holding_derived_datasets(capsys, tmp_path):
    assert run_json(capsys, "history", "AAPL", "--start", "2025-06-02", "--end", "2025-06-06",
               "--out", "data")[0] == 0  # fmt: skip
    assert run_json(capsys, "options", "stats", "SPY", "--out", "data")[0] == 0  # iv_history
    assert (tmp_path / "data" / "iv_history").is_dir()
    code, out, err = run_json(capsys, "validate", "data")
    assert code == 0, err
    assert json.loads(out) == []


# Options several commands share (cli/parameters.py) behave alike in each of them.


def json_rows(capsys, *args):
    code, out, err = run_json(capsys, *args)
    assert code == 0, err
    return json.loads(out)


@pytest.mark.parametrize("command", ["sessions", "holidays", "early-closes"])
def test_calendar_ranges_default_to_the_current_year(capsys, monkeypatch, command):
    monkeypatch.setenv("TA_NOW", "2025-08-20T15:00:00Z")
    rows = json_rows(capsys, "calendar", command, "nyse")
    assert {dt.date.fromisoformat(row["date"]).year for row in rows} == {2025}


def test_calendar_range_from_start_and_end(capsys):
    rows = json_rows(capsys, "calendar", "sessions", "nyse", "--start", "2025-07-03",
                   "--end", "2025-07-08")  # fmt: skip
    # July 4th is a holiday and the 5th and 6th a weekend.
    assert [row["date"] for row in rows] == ["2025-07-03", "2025-07-07", "2025-07-08"]


def test_calendar_and_roll_schedule_reject_a_start_after_the_end(capsys):
    for args in (["calendar", "holidays", "cme"], ["futures", "rolls", "/ES"]):
        code, _, err = run_json(capsys, *args, "--start", "2025-03-01", "--end", "2025-02-01")
        assert code == 2
        assert "--start 2025-03-01 is after --end 2025-02-01" in err


def test_roll_schedule_defaults_to_the_current_year(capsys, monkeypatch):
    monkeypatch.setenv("TA_NOW", "2025-08-20T15:00:00Z")
    rows = json_rows(capsys, "futures", "rolls", "/ES")
    # /ES rolls once a quarter.
    assert [dt.date.fromisoformat(row["date"]).year for row in rows] == [2025] * 4


@pytest.mark.parametrize("command", [["history"], ["indicators", "--add", "sma:2"]])
def test_bar_commands_take_the_roll_policy_from_config(capsys, monkeypatch, command):
    # Under "auto" /ES rolls from June to September on 2025-06-12; under "expiry" June
    # stays the front until its last trade date (2025-06-20).
    monkeypatch.setenv("TA_NOW", "2025-08-20T15:00:00Z")
    window = ["/ES", "--start", "2025-06-16", "--end", "2025-06-17"]
    assert {row["contract"] for row in json_rows(capsys, *command, *window)} == {"/ESU25"}
    monkeypatch.setenv("TA_FUTURES_ROLL_POLICY", "expiry")
    assert {row["contract"] for row in json_rows(capsys, *command, *window)} == {"/ESM25"}
    explicit = json_rows(capsys, *command, *window, "--roll", "auto")
    assert {row["contract"] for row in explicit} == {"/ESU25"}
