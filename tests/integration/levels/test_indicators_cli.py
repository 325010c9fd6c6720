"""``ta indicators`` in-process on the mock provider: printed rows and datasets."""

import datetime as dt
import json
import statistics

import pyarrow.dataset as ds
import pytest

from tests.integration.in_process import run
from tests.pinned_now import TODAY

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

END = TODAY - dt.timedelta(days=3)
START = END - dt.timedelta(days=60)


def window(*extra):
    return ("--start", str(START), "--end", str(END), *extra)


def test_rows_are_the_history_rows_with_indicator_columns(capsys):
    code, out, _ = run(
        capsys,
        "--format",
        "json",
        "indicators",
        "AAPL",
        *window("--add", "sma:5,rsi:3,bb:5:2", "--no-warmup"),
    )
    assert code == 0
    rows = json.loads(out)
    _, history_out, _ = run(capsys, "--format", "json", "history", "AAPL", *window())
    history = json.loads(history_out)
    assert [{k: r[k] for k in history[0]} for r in rows] == history
    closes = [r["close"] for r in rows]
    for index, row in enumerate(rows):
        expected = None if index < 4 else statistics.fmean(closes[index - 4 : index + 1])
        assert row["sma_5"] == (None if expected is None else pytest.approx(expected))
        assert row["bb_5_2_middle"] == row["sma_5"]
    assert all(0 <= r["rsi_3"] <= 100 for r in rows[3:])
    assert rows[2]["rsi_3"] is None


def test_warm_up_bars_make_indicators_defined_from_the_first_row(capsys):
    code, out, _ = run(capsys, "--format", "json", "indicators", "AAPL", *window("--add", "sma:10"))
    assert code == 0
    rows = json.loads(out)
    _, history_out, _ = run(
        capsys,
        "--format",
        "json",
        "history",
        "AAPL",
        "--start",
        str(START - dt.timedelta(days=30)),
        "--end",
        str(END),
    )
    history = json.loads(history_out)
    first = next(i for i, r in enumerate(history) if r["timestamp"] == rows[0]["timestamp"])
    assert rows[0]["timestamp"].startswith(str(START)) or rows[0]["timestamp"] > str(START)
    assert len(rows) == len(history) - first  # warm-up rows are fetched, not printed
    closes = [r["close"] for r in history]
    assert rows[0]["sma_10"] == pytest.approx(statistics.fmean(closes[first - 9 : first + 1]))


def test_a_continuous_future_is_one_series_across_contracts(capsys):
    code, out, _ = run(capsys, "--format", "json", "indicators", "/ES", *window("--add", "ema:3"))
    assert code == 0
    rows = json.loads(out)
    assert all(r["contract"].startswith("/ES") for r in rows)
    assert all(r["ema_3"] is not None for r in rows)


def test_csv_has_a_column_per_indicator_output(capsys):
    code, out, _ = run(
        capsys,
        "--format",
        "csv",
        "indicators",
        "MSFT",
        *window("--add", "macd:3:6:2,atr:3,vol:5:252"),
    )
    assert code == 0
    header = out.splitlines()[0].split(",")
    assert header[-5:] == [
        "macd_3_6_2",
        "macd_3_6_2_signal",
        "macd_3_6_2_hist",
        "atr_3",
        "vol_5_252",
    ]


def test_atr_and_macd_follow_talib_unless_the_textbook_convention_is_asked_for(capsys):
    def first_defined(*extra: str) -> dict[str, int]:
        args = window("--add", "atr:3,macd:2:4:2", "--no-warmup", *extra)
        code, out, _ = run(capsys, "--format", "json", "indicators", "MSFT", *args)
        assert code == 0
        rows = json.loads(out)
        return {
            name: next(i for i, row in enumerate(rows) if row[name] is not None)
            for name in ("atr_3", "macd_2_4_2")
        }

    # TA-Lib: ATR(3) from row 3 (three true ranges with a previous close); textbook from row 2.
    # MACD's line starts on the slow EMA's row (3) either way.
    assert first_defined() == {"atr_3": 3, "macd_2_4_2": 3}
    assert first_defined("--convention", "talib") == first_defined()
    assert first_defined("--convention", "textbook") == {"atr_3": 2, "macd_2_4_2": 3}
    code, _, err = run(capsys, "indicators", "MSFT", *window("--add", "atr:3", "--convention", "x"))
    assert code == 2
    assert "textbook" in err


@pytest.mark.parametrize("spec", ["wma:20", "sma:x", "macd:26:12:9", "sma:20,", ""])
def test_a_bad_add_spec_exits_2_with_the_valid_forms(capsys, spec):
    code, out, err = run(capsys, "indicators", "AAPL", *window("--add", spec))
    assert code == 2
    assert out == ""
    assert "hint: valid indicators: sma:N" in err
    assert "macd:FAST:SLOW:SIGNAL" in err


def summary_records(out: str, fmt: str) -> list[dict[str, object]] | None:
    """The write summary as printed: a JSON array (parquet), JSON lines (jsonl); None for csv."""
    if fmt == "jsonl":
        return [json.loads(line) for line in out.splitlines()]
    return json.loads(out) if fmt == "parquet" else None


@pytest.mark.parametrize(
    ("fmt", "ext"), [("parquet", "parquet"), ("csv", "csv"), ("jsonl", "jsonl")]
)
def test_datasets_carry_the_indicator_columns_and_reruns_change_nothing(capsys, tmp_path, fmt, ext):
    args = (
        "--format",
        fmt,
        "indicators",
        "AAPL",
        "/ES",
        *window("--add", "sma:5,rsi:14", "--out", str(tmp_path / "out")),
    )
    code, out, _ = run(capsys, *args)
    assert code == 0
    first = summary_records(out, fmt)
    code, again, _ = run(capsys, *args)
    assert code == 0
    if first is not None:
        assert {r["symbol"] for r in first} == {"AAPL", "/ES"}
        rerun = summary_records(again, fmt) or []
        assert all(r["rows_added"] == 0 and r["files_written"] == 0 for r in rerun)
    root = tmp_path / "out" / "indicators_1d"
    files = sorted(p.name for p in root.rglob(f"*.{ext}") if not p.name.startswith("_"))
    assert len(files) >= 2
    if fmt == "parquet":
        table = ds.dataset(root, format="parquet", partitioning="hive").to_table()
        assert {"sma_5", "rsi_14", "close", "contract"} <= set(table.column_names)
        _, printed, _ = run(
            capsys, "--format", "json", "indicators", "AAPL", *window("--add", "sma:5,rsi:14")
        )
        expected = [r["sma_5"] for r in json.loads(printed)]
        stored = table.filter(ds.field("symbol") == "AAPL").sort_by("timestamp")
        assert stored["sma_5"].to_pylist() == expected


def test_a_dataset_of_other_indicators_is_not_mixed_into(capsys, tmp_path):
    out = str(tmp_path / "out")
    assert run(capsys, "indicators", "AAPL", *window("--add", "sma:5", "--out", out))[0] == 0
    code, _, err = run(capsys, "indicators", "AAPL", *window("--add", "sma:6", "--out", out))
    assert code == 2
    assert "sma_5" in err
    assert "sma_6" in err
