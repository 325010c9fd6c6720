"""Reading trade and quote files: columns equal the file's values, in time order; labels
equal the domain's per symbol."""

import datetime as dt
import math
import tempfile
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from trade_analyst.adapters.export.trades_io import (
    ArrowTapeFiles,
    _numbers,
    matching_groups,
    read_quotes,
    read_trades,
    write_parts,
)
from trade_analyst.domain.trades import classify_trades, summarize

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


def test_labels_written_in_parts_read_back_as_the_whole_table(tmp_path):
    trades_path, quotes_path = tmp_path / "t.csv", tmp_path / "q.csv"
    trades_path.write_text(
        "timestamp,price,size\n"
        + "".join(f"2025-06-02T14:30:0{s}Z,{10 + s / 100},{s}\n" for s in range(7))
    )
    quotes_path.write_text("timestamp,bid,ask\n2025-06-02T14:30:02Z,10.01,10.05\n")
    labels = (
        ArrowTapeFiles().read(trades_path, quotes_path).classify(method="lee-ready", window=None)
    )
    whole = labels.table()
    parts = [labels.table(0, 3), labels.table(3, 5), labels.table(5, 7)]
    write_parts(parts, tmp_path / "parts.parquet")
    assert pq.read_table(tmp_path / "parts.parquet").to_pylist() == whole.to_pylist()
    assert pq.ParquetFile(tmp_path / "parts.parquet").metadata.num_row_groups == 3
    write_parts(parts, tmp_path / "parts.csv")
    write_parts([whole], tmp_path / "whole.csv")
    assert (tmp_path / "parts.csv").read_text() == (tmp_path / "whole.csv").read_text()


# ---- the adapter end to end: files in any row order, against the domain per symbol

symbols = st.sampled_from(["AAA", "BBB", "CCC"])
instants = st.integers(0, 30)
levels = st.integers(995, 1005).map(lambda cents: cents / 100)


@st.composite
def tapes(draw):
    """Trades and quotes rows in file order (unsorted, with equal times), with a symbol
    column on both sides or on neither."""
    with_symbols = draw(st.booleans())
    symbol = symbols if with_symbols else st.just(None)
    trades = draw(st.lists(st.tuples(symbol, instants, levels, st.floats(0, 500)), max_size=30))
    quotes = draw(
        st.lists(
            st.tuples(symbol, instants, levels, st.integers(-1, 4), st.booleans()), max_size=30
        )
    )
    # Asks a few cents from the bid (some crossed); now and then a quote without a bid.
    quotes = [(s, t, None if gone else bid, bid + c / 100) for s, t, bid, c, gone in quotes]
    return with_symbols, trades, quotes


def _write(path, columns, with_symbols):
    if not with_symbols:
        columns.pop("symbol")
    columns["timestamp"] = pa.array(
        [T0 + dt.timedelta(milliseconds=ms) for ms in columns["timestamp"]],
        pa.timestamp("ms", "UTC"),
    )
    pq.write_table(pa.table(columns), path)


def _expected(trades, quotes, method, window_ns):
    """The domain run per symbol over rows sorted by (symbol, time), file order among ties."""
    trade_order = sorted(range(len(trades)), key=lambda i: (trades[i][0] or "", trades[i][1]))
    quote_order = sorted(range(len(quotes)), key=lambda i: (quotes[i][0] or "", quotes[i][1]))
    side, quote, sizes_by_symbol = [], [], {}
    for symbol in sorted({trades[i][0] or "" for i in trade_order}):
        rows = [trades[i] for i in trade_order if (trades[i][0] or "") == symbol]
        mine = [p for p, i in enumerate(quote_order) if (quotes[i][0] or "") == symbol]
        labels = classify_trades(
            [t * 1_000_000 for _, t, _, _ in rows],
            [price for _, _, price, _ in rows],
            [quotes[quote_order[p]][1] * 1_000_000 for p in mine],
            [math.nan if quotes[quote_order[p]][2] is None else quotes[quote_order[p]][2]
             for p in mine],
            [quotes[quote_order[p]][3] for p in mine],
            method=method,
            window=window_ns,
        )  # fmt: skip
        side += labels.side
        quote += [mine[q] if q >= 0 else -1 for q in labels.quote]
        sizes_by_symbol[symbol] = summarize([size for *_, size in rows], labels)
    return trade_order, side, quote, sizes_by_symbol


@settings(max_examples=50)
@given(tapes(), st.sampled_from(["quote", "tick", "lee-ready"]), st.none() | st.integers(0, 8))
def test_tapes_label_as_the_domain_labels_each_symbol(tape, method, window_ms):
    with_symbols, trades, quotes = tape
    assume(trades and (quotes or not with_symbols))  # an empty quotes file has no symbols
    with tempfile.TemporaryDirectory() as folder:
        trades_path, quotes_path = Path(folder, "t.parquet"), Path(folder, "q.parquet")
        _write(trades_path, {"symbol": [s for s, *_ in trades], "timestamp": [t for _, t, _, _
               in trades], "price": [p for _, _, p, _ in trades], "size": [z for *_, z in
               trades]}, with_symbols)  # fmt: skip
        _write(quotes_path, {"symbol": [s for s, *_ in quotes], "timestamp": [t for _, t, _, _
               in quotes], "bid": [b for _, _, b, _ in quotes], "ask": [a for *_, a in
               quotes]}, with_symbols)  # fmt: skip
        tapes_read = ArrowTapeFiles().read(trades_path, quotes_path)
        window = None if window_ms is None else window_ms * 1_000_000
        labels = tapes_read.classify(method=method, window=window)
        order, side, quote, summaries = _expected(trades, quotes, method, window)
        table = labels.table()
        assert table["row"].to_pylist() == order
        assert labels.labels.side.tolist() == side
        assert labels.labels.quote.tolist() == quote
        for group in tapes_read.trades.groups:
            assert labels.summary(group.start, group.stop) == summaries[group.symbol or ""]
