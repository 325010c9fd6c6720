"""``ta trades classify`` on real CSV and Parquet files, as a user runs it."""

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.integration.in_process import run_json

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

T0 = dt.datetime(2025, 6, 2, 14, 30, tzinfo=dt.UTC)


def write_csv(path, text):
    path.write_text(text.strip() + "\n")
    return str(path)


def at(ms):
    return T0 + dt.timedelta(milliseconds=ms)


@pytest.fixture
def csv_files(tmp_path):
    trades = write_csv(tmp_path / "trades.csv", """
timestamp,price,size
2025-06-02T14:30:00.100Z,10.03,100
2025-06-02T14:30:00.200Z,10.02,300
2025-06-02T14:30:00.300Z,10.01,100
2025-06-02T14:30:01.000Z,10.02,50
""")  # fmt: skip
    quotes = write_csv(tmp_path / "quotes.csv", """
timestamp,bid,ask
2025-06-02T14:30:00.000Z,10.00,10.04
2025-06-02T14:30:00.900Z,10.00,10.02
""")  # fmt: skip
    return trades, quotes


def test_lee_ready_labels_by_hand(capsys, csv_files):
    trades, quotes = csv_files
    code, out, err = run_json(capsys, "trades", "classify", trades, "--quotes", quotes)
    assert code == 0
    labels = json.loads(out)
    # 10.03 above mid 10.02: buy (quote). 10.02 at the mid: down-tick from 10.03, sell
    # (tick). 10.01: sell (quote). At 01.000 the 00.900 quote (mid 10.01) prevails: 10.02 is
    # above it and at its ask.
    assert [r["side"] for r in labels] == ["buy", "sell", "sell", "buy"]
    assert [r["rule"] for r in labels] == ["quote", "tick", "quote", "quote"]
    assert [r["location"] for r in labels] == ["mid", "mid", "mid", "ask"]
    assert labels[3]["quote_time"] == "2025-06-02T14:30:00.900Z"
    assert [r["row"] for r in labels] == [0, 1, 2, 3]
    assert "summary: 4 trades" in err


def test_quote_rule_leaves_midpoint_trades_unknown_and_summarises_by_size(capsys, csv_files):
    trades, quotes = csv_files
    code, out, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--method", "quote",
        "--summary",
    )  # fmt: skip
    assert code == 0
    (summary,) = json.loads(out)
    # Sizes 100 buy, 300 unknown (at the mid), 100 sell, 50 buy of 550.
    assert summary["pct_size_buy"] == pytest.approx(100 * 150 / 550)
    assert summary["pct_size_sell"] == pytest.approx(100 * 100 / 550)
    assert summary["pct_size_unknown"] == pytest.approx(100 * 300 / 550)
    assert summary["pct_size_at_ask"] == pytest.approx(100 * 50 / 550)
    assert summary["pct_size_by_quote"] == pytest.approx(100 * 250 / 550)
    assert summary["trades_by_none"] == 1
    for group in (("buy", "sell", "unknown"), ("at_ask", "at_bid", "at_mid", "unquoted"),
                  ("by_quote", "by_tick", "by_none")):  # fmt: skip
        assert sum(summary[f"pct_size_{name}"] for name in group) == pytest.approx(100.0)


def test_a_quote_after_the_trade_is_never_matched(capsys, tmp_path):
    # The earlier tool matched a quote 900 ms in the future within its 1000 ms window.
    trades = write_csv(tmp_path / "t.csv", "timestamp,price,size\n2025-06-02T14:30:01Z,10.03,10")
    quotes = write_csv(tmp_path / "q.csv", "timestamp,bid,ask\n2025-06-02T14:30:01.900Z,10,10.04")
    code, out, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--window-ms", "1000",
        "--method", "quote",
    )  # fmt: skip
    assert code == 0
    (label,) = json.loads(out)
    assert label["bid"] is None
    assert label["location"] == "none"
    assert label["side"] == "unknown"


def test_window_drops_stale_quotes(capsys, csv_files):
    trades, quotes = csv_files
    code, out, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--window-ms", "150",
        "--method", "quote",
    )  # fmt: skip
    assert code == 0
    labels = json.loads(out)
    # Only the first trade (100 ms after its quote) and the last (100 ms) are within 150 ms.
    assert [r["bid"] is not None for r in labels] == [True, False, False, True]


def _parquet_inputs(tmp_path):
    # Two symbols, trades given out of time order; AAA quotes 10.00/10.04, BBB 50.00/50.10.
    trades = pa.table(
        {
            "symbol": ["BBB", "AAA", "AAA", "BBB"],
            "timestamp": pa.array([at(300), at(200), at(100), at(400)], pa.timestamp("us", "UTC")),
            "price": [50.09, 10.01, 10.03, 50.01],
            "size": [10, 20, 30, 40],
        }
    )
    quotes = pa.table(
        {
            "symbol": ["AAA", "BBB"],
            "timestamp": pa.array([at(0), at(50)], pa.timestamp("ms", "UTC")),
            "bid": [10.00, 50.00],
            "ask": [10.04, 50.10],
            "bid_size": [1, 2],
            "ask_size": [3, 4],
        }
    )
    pq.write_table(trades, tmp_path / "trades.parquet")
    pq.write_table(quotes, tmp_path / "quotes.parquet")
    return str(tmp_path / "trades.parquet"), str(tmp_path / "quotes.parquet")


def test_parquet_with_symbols_to_a_labels_file(capsys, tmp_path):
    trades, quotes = _parquet_inputs(tmp_path)
    code, out, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--out", "labels.parquet"
    )
    assert code == 0
    summaries = json.loads(out)
    assert [s["symbol"] for s in summaries] == ["AAA", "BBB", "*"]
    assert [s["trades"] for s in summaries] == [2, 2, 4]
    labels = pq.read_table(tmp_path / "labels.parquet").to_pylist()
    by_row = {label["row"]: label for label in labels}
    assert by_row[2]["side"] == "buy"  # AAA 10.03 against 10.00/10.04
    assert by_row[1]["side"] == "sell"  # AAA 10.01
    assert by_row[0]["side"] == "buy"  # BBB 50.09 against BBB's own 50.00/50.10
    assert by_row[3]["side"] == "sell"
    assert by_row[0]["bid"] == 50.00  # never AAA's quote
    assert (by_row[0]["bid_size"], by_row[0]["ask_size"]) == (2, 4)
    assert [label["symbol"] for label in labels] == ["AAA", "AAA", "BBB", "BBB"]


def test_a_parquet_labels_file_reads_back_with_plain_types(capsys, tmp_path):
    trades, quotes = _parquet_inputs(tmp_path)
    code, _, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--out", "labels.parquet"
    )
    assert code == 0
    utc_us = pa.timestamp("us", "UTC")
    assert pq.read_schema(tmp_path / "labels.parquet") == pa.schema(
        [
            ("row", pa.int64()), ("symbol", pa.string()), ("timestamp", utc_us),
            ("price", pa.float64()), ("size", pa.float64()), ("side", pa.string()),
            ("rule", pa.string()), ("location", pa.string()), ("bid", pa.float64()),
            ("ask", pa.float64()), ("quote_time", utc_us), ("bid_size", pa.int64()),
            ("ask_size", pa.int64()),
        ]
    )  # fmt: skip


def test_a_run_never_loads_pandas(tmp_path):
    # Where pandas is installed, pyarrow's own conversions import it: 0.2 s and 40 MB more
    # for every run. The trades adapter goes through Arrow's buffers instead.
    pytest.importorskip("pandas")
    trades, quotes = _parquet_inputs(tmp_path)  # two symbols, out of time order
    script = (
        "import sys\n"
        "from trade_analyst.entrypoints.cli import main\n"
        f"code = main(['-q', 'trades', 'classify', {trades!r}, '--quotes', {quotes!r}, "
        "'--out', 'labels.parquet'])\n"
        "print(code, 'pandas' in sys.modules, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stderr.split() == ["0", "False"]


def test_csv_labels_file_uses_rfc3339_times(capsys, tmp_path, csv_files):
    trades, quotes = csv_files
    code, _, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--out", "o.csv"
    )
    assert code == 0
    lines = (tmp_path / "o.csv").read_text().splitlines()
    assert lines[0].startswith('"row","timestamp","price","size","side"')
    assert "2025-06-02T14:30:00.100000Z" in lines[1]


def test_naive_times_are_utc_and_offsets_are_honoured(capsys, tmp_path):
    trades = write_csv(
        tmp_path / "t.csv", "timestamp,price,size\n2025-06-02T10:30:01-04:00,10.03,1"
    )
    quotes = write_csv(tmp_path / "q.csv", "timestamp,bid,ask\n2025-06-02 14:30:00,10,10.04")
    code, out, _ = run_json(capsys, "trades", "classify", trades, "--quotes", quotes)
    assert code == 0
    (label,) = json.loads(out)
    assert label["timestamp"] == "2025-06-02T14:30:01Z"
    assert label["quote_time"] == "2025-06-02T14:30:00Z"


@pytest.mark.parametrize(
    ("trades_text", "message"),
    [
        ("timestamp,price\n2025-06-02T14:30:00Z,10", "lacks column(s) size"),
        ("timestamp,price,size\n2025-06-02T14:30:00Z,-1,5", "row 0 (0-based) has price -1"),
        ("timestamp,price,size\n2025-06-02T14:30:00Z,10,\n", "size is empty in row 0"),
    ],
)
def test_bad_files_exit_2_naming_the_problem(capsys, tmp_path, trades_text, message):
    trades = write_csv(tmp_path / "t.csv", trades_text)
    quotes = write_csv(tmp_path / "q.csv", "timestamp,bid,ask\n2025-06-02T14:30:00Z,10,10.04")
    code, out, err = run_json(capsys, "trades", "classify", trades, "--quotes", quotes)
    assert code == 2
    assert out == ""
    assert message in err


def test_usage_errors_and_empty_files(capsys, tmp_path, csv_files):
    trades, quotes = csv_files
    assert run_json(capsys, "trades", "classify", trades, "--quotes", "q.txt")[0] == 2
    assert (
        run_json(capsys, "trades", "classify", trades, "--quotes", quotes, "--out", "x.json")[0]
        == 2
    )
    assert (
        run_json(capsys, "trades", "classify", trades, "--quotes", quotes, "--window-ms", "-5")[0]
        == 2
    )
    empty = write_csv(tmp_path / "empty.csv", "timestamp,price,size")
    code, _, err = run_json(capsys, "trades", "classify", empty, "--quotes", quotes)
    assert code == 4
    assert "no trades" in err


def test_symbols_on_one_side_only_need_a_single_symbol(capsys, tmp_path):
    trades, _ = _parquet_inputs(tmp_path)
    quotes = write_csv(tmp_path / "q.csv", "timestamp,bid,ask\n2025-06-02T14:30:00Z,10,10.04")
    code, _, err = run_json(capsys, "trades", "classify", trades, "--quotes", quotes)
    assert code == 2
    assert "holds 2 symbols" in err


def test_trades_out_of_time_order_are_classified_in_time_order(capsys, tmp_path):
    trades = write_csv(tmp_path / "t.csv", """
timestamp,price,size
2025-06-02T14:30:00.300Z,10.05,1
2025-06-02T14:30:00.100Z,10.01,1
2025-06-02T14:30:00.200Z,10.03,1
""")  # fmt: skip
    quotes = write_csv(tmp_path / "q.csv", "timestamp,bid,ask\n2025-06-02T14:30:00Z,10,10.04")
    code, out, _ = run_json(
        capsys, "trades", "classify", trades, "--quotes", quotes, "--method", "tick"
    )
    assert code == 0
    labels = json.loads(out)
    # In time order 10.01, 10.03, 10.05: unknown, then two up-ticks.
    assert [r["row"] for r in labels] == [1, 2, 0]
    assert [r["side"] for r in labels] == ["unknown", "buy", "buy"]


@pytest.mark.parametrize("which", ["trades", "quotes"])
def test_out_naming_an_input_file_is_refused_before_writing(capsys, tmp_path, csv_files, which):
    trades, quotes = csv_files
    target = trades if which == "trades" else quotes
    before = (tmp_path / target).read_bytes()
    spelled = str(tmp_path / "sub" / ".." / Path(target).name)  # the same file, spelled apart
    (tmp_path / "sub").mkdir()
    code, out, err = run_json(capsys, "trades", "classify", trades, "--quotes", quotes,
                              "--out", spelled)  # fmt: skip
    assert code == 2
    assert out == ""
    assert "error: " in err
    assert "hint: " in err
    assert (tmp_path / target).read_bytes() == before


@pytest.mark.parametrize("where", ["folder.csv", "a-file/labels.csv"])
def test_an_unwritable_labels_path_is_refused_before_reading(capsys, tmp_path, csv_files, where):
    trades, quotes = csv_files
    (tmp_path / "folder.csv").mkdir()
    (tmp_path / "a-file").write_text("x")
    code, out, err = run_json(capsys, "trades", "classify", trades, "--quotes", quotes,
                              "--out", str(tmp_path / where))  # fmt: skip
    assert code == 2
    assert out == ""
    assert "error: " in err
    assert "internal error" not in err
