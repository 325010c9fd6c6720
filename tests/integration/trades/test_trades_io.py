"""Reading trade and quote files: packed columns equal the file's values, in time order."""

import datetime as dt
import math

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from trade_analyst.adapters.export.trades_io import (
    _numbers,
    matching_groups,
    read_quotes,
    read_trades,
)

pytestmark = pytest.mark.integration

T0 = dt.datetime(2025, 6, 2, 14, 30, tzinfo=dt.UTC)
NS = 1_000_000_000


def test_many_row_groups_come_back_whole_and_in_order(tmp_path):
    times = [T0 + dt.timedelta(seconds=s) for s in (5, 1, 3, 2, 4, 0, 6)]
    table = pa.table(
        {
            "timestamp": pa.array(times, pa.timestamp("ms", "UTC")),
            "price": [10.5, 10.1, 10.3, 10.2, 10.4, 10.0, 10.6],
            "size": [5, 1, 3, 2, 4, 0, 6],
            "venue": ["x"] * 7,  # extra columns are ignored
        }
    )
    path = tmp_path / "trades.parquet"
    pq.write_table(table, path, row_group_size=2)
    trades = read_trades(path)
    start = int(T0.timestamp()) * NS
    assert list(trades.times) == [start + s * NS for s in range(7)]
    assert list(trades.prices) == [10.0, 10.1, 10.2, 10.3, 10.4, 10.5, 10.6]
    assert list(trades.sizes) == [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
    assert trades.table["row"].to_pylist() == [5, 1, 3, 2, 4, 0, 6]


def test_numeric_columns_respect_array_offsets():
    sliced = pa.chunked_array([pa.array([1.0, 2.0, 3.0, 4.0]).slice(1, 2), pa.array([9.0])])
    assert _numbers(sliced, pa.float64()).tolist() == [2.0, 3.0, 9.0]
    assert _numbers(pa.chunked_array([], pa.int64()), pa.int64()).tolist() == []


def test_null_quote_sides_become_unusable_not_zero(tmp_path):
    path = tmp_path / "quotes.csv"
    path.write_text("timestamp,bid,ask\n2025-06-02T14:30:00Z,,10.04\n2025-06-02T14:30:01Z,10,\n")
    quotes = read_quotes(path)
    assert math.isnan(quotes.bids[0])
    assert math.isnan(quotes.asks[1])


def test_symbols_pair_trades_with_their_own_quotes(tmp_path):
    trades_path, quotes_path = tmp_path / "t.csv", tmp_path / "q.csv"
    trades_path.write_text(
        "symbol,timestamp,price,size\nB,2025-06-02T14:30:00Z,1,1\nA,2025-06-02T14:30:00Z,1,1\n"
        "C,2025-06-02T14:30:00Z,1,1\n"
    )
    quotes_path.write_text(
        "symbol,timestamp,bid,ask\nA,2025-06-02T14:30:00Z,1,2\nB,2025-06-02T14:30:00Z,1,2\n"
        "B,2025-06-02T14:30:01Z,1,2\n"
    )
    pairs = matching_groups(read_trades(trades_path), read_quotes(quotes_path))
    spans = [(t.symbol, t.stop - t.start, q.stop - q.start) for t, q in pairs]
    assert spans == [("A", 1, 1), ("B", 1, 2), ("C", 1, 0)]  # C has no quotes at all
