"""Trade and quote files for ``ta trades classify``: reading them column-wise, writing labels.

Inputs are Parquet (``.parquet``, ``.pq``) or CSV (``.csv``) files with these columns
(any order, extra columns ignored):

- trades: ``timestamp``, ``price``, ``size`` and optionally ``symbol``;
- quotes: ``timestamp``, ``bid``, ``ask`` and optionally ``bid_size``, ``ask_size``,
  ``symbol``.

``timestamp`` is an Arrow timestamp or RFC 3339 text; one without a time zone is read as
UTC. Rows are sorted here by (symbol, timestamp), keeping file order among equal times, and
each trade keeps its input row number so labels can be joined back to the file. A null
bid or ask makes that quote unusable (NaN), never a zero. Everything stays in Arrow arrays
and numpy views of their buffers: no object per row, and no copy of a column to classify
it (see ``trade_labels``).
"""

from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from trade_analyst.adapters.export.numpy_arrow import (
    arrow_array,
    microseconds,
    numpy_view,
    string_array,
)
from trade_analyst.adapters.export.trade_labels import (
    BLOCK,
    BlockRun,
    LabelColumns,
    MatchedQuotes,
    labelling,
    summarize_columns,
)
from trade_analyst.domain.trades import ClassificationSummary, Method
from trade_analyst.ports import Group, InvalidInput

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa
    from numpy.typing import NDArray

TRADE_COLUMNS = ("timestamp", "price", "size")
QUOTE_COLUMNS = ("timestamp", "bid", "ask")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}
# Quote columns passed through to the labels when a quotes file has them.
QUOTE_SIZES = ("bid_size", "ask_size")

__all__ = [
    "QUOTE_COLUMNS",
    "TRADE_COLUMNS",
    "ArrowTapeFiles",
    "ArrowTapePair",
    "ArrowTradeLabels",
    "Group",
    "QuoteColumns",
    "TradeColumns",
    "file_kind",
    "labels_table",
    "matching_groups",
    "read_quotes",
    "read_trades",
    "table_records",
    "write_parts",
]


@attrs.frozen
class TradeColumns:
    """Trades sorted by (symbol, time): times in epoch nanoseconds (UTC). The numpy columns
    are views of the table's buffers."""

    # Sorted, timestamp as timestamp[ns, UTC]; a ``row`` column of input rows when sorting
    # moved any (else a trade's position is its input row).
    table: "pa.Table"
    times: "NDArray[np.int64]"
    prices: "NDArray[np.float64]"
    sizes: "NDArray[np.float64]"
    groups: tuple[Group, ...]

    def __len__(self) -> int:
        return len(self.times)

    def input_rows(self, start: int, stop: int) -> "pa.Array | pa.ChunkedArray":
        """The input row (0-based) of each trade in ``[start, stop)``."""
        if "row" in self.table.column_names:
            return self.table["row"].slice(start, stop - start)
        import numpy as np
        import pyarrow as pa

        return arrow_array(np.arange(start, min(stop, len(self)), dtype=np.int64), pa.int64())


@attrs.frozen
class QuoteColumns:
    """Quotes sorted by (symbol, time), as ``TradeColumns``."""

    table: "pa.Table"
    times: "NDArray[np.int64]"
    bids: "NDArray[np.float64]"
    asks: "NDArray[np.float64]"
    groups: tuple[Group, ...]


def file_kind(path: Path) -> str:
    """``parquet`` or ``csv`` by the file's suffix; InvalidInput for anything else."""
    kind = _SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise InvalidInput(
            f"unsupported file type {path.suffix or '(none)'}: {path}",
            "give a .parquet or .csv file",
        )
    return kind


def _read(path: Path, what: str, needed: Sequence[str], optional: Sequence[str]) -> "pa.Table":
    """The ``needed`` columns of a file, then those of ``optional`` it has, in that order;
    InvalidInput when it cannot be read or lacks a needed column. Parquet files are read
    for those columns only."""
    import pyarrow as pa

    kind = file_kind(path)
    if not path.is_file():
        raise InvalidInput(f"no such {what} file: {path}", f"give the path of a {what} file")
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            # ParquetFile, not read_table: one chunk per column (numpy views need that), and
            # no pyarrow.dataset, whose import alone costs a CLI run 0.4 s (it loads pandas).
            parquet = pq.ParquetFile(path)
            names = parquet.schema_arrow.names
            _require(names, needed, what, path)
            table = parquet.read(columns=_present(names, needed, optional))
        else:
            import pyarrow.csv as csv

            table = csv.read_csv(path)
            _require(table.column_names, needed, what, path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InvalidInput(
            f"cannot read {what} file {path}: {error}", f"give a readable .{kind} file"
        ) from None
    return table.select(_present(table.column_names, needed, optional))


def _present(names: Sequence[str], needed: Sequence[str], optional: Sequence[str]) -> list[str]:
    return [*needed, *(name for name in optional if name in names)]


def _require(names: Sequence[str], needed: Sequence[str], what: str, path: Path) -> None:
    missing = [name for name in needed if name not in names]
    if missing:
        raise InvalidInput(
            f"{what} file {path} lacks column(s) {', '.join(missing)}",
            f"{what} files need columns {', '.join(needed)} (found: {', '.join(names) or 'none'})",
        )


def _first_null(column: "pa.ChunkedArray") -> int | None:
    if column.null_count == 0:
        return None
    import pyarrow.compute as pc

    return int(pc.index(pc.is_null(column), True).as_py())


def _timestamps(column: "pa.ChunkedArray", what: str, path: Path) -> "pa.ChunkedArray":
    """The column as timestamp[ns, UTC]; naive times are taken as UTC."""
    import pyarrow as pa

    target = pa.timestamp("ns", tz="UTC")
    kind = column.type
    if kind == target:
        return column  # no cast: casting imports pyarrow.compute, 50 ms of a run
    # A header-only CSV has untyped (null) columns: they cast to anything.
    readable = (pa.types.is_timestamp, pa.types.is_string, pa.types.is_large_string,
                pa.types.is_null)  # fmt: skip
    if not any(test(kind) for test in readable):
        raise InvalidInput(
            f"{what} file {path}: timestamp column is {kind}, not a time",
            "write timestamps as Arrow timestamps or RFC 3339 text (2025-06-02T14:30:00.5Z)",
        )
    try:
        return column.cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        raise InvalidInput(
            f"{what} file {path}: unreadable timestamp ({error})",
            "write RFC 3339 times such as 2025-06-02T14:30:00.123Z",
        ) from None


def _floats(column: "pa.ChunkedArray", name: str, what: str, path: Path) -> "pa.ChunkedArray":
    import pyarrow as pa

    if column.type == pa.float64():
        return column  # as for timestamps: no pyarrow.compute for a column already right
    try:
        return column.cast(pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise InvalidInput(
            f"{what} file {path}: column {name} is {column.type}, not a number",
            f"{name} must hold numbers",
        ) from None


def _input_row(table: "pa.Table", at: int) -> int:
    """The input row of row ``at``: its ``row`` column once sorting moved rows, else ``at``."""
    return int(table["row"][at].as_py()) if "row" in table.column_names else at


def _refuse_nulls(table: "pa.Table", names: Sequence[str], what: str, path: Path) -> None:
    """InvalidInput naming the input row of the first null in any of ``names``."""
    for name in names:
        at = _first_null(table[name])
        if at is not None:
            row = _input_row(table, at)
            raise InvalidInput(
                f"{what} file {path}: {name} is empty in row {row} (0-based)",
                f"every {what[:-1]} needs a {name}",
            )


def _sorted(table: "pa.Table", rows: bool) -> "pa.Table":
    """Sorted by (symbol, time), file order among equals; every column one contiguous chunk
    (numpy views need that). With ``rows``, a ``row`` column of input rows (0-based) when
    sorting moves rows; rows already in order need none (nor 8 bytes a row of memory)."""
    import numpy as np
    import pyarrow as pa

    table = table.combine_chunks()  # no copy of a column that is one chunk already
    several = "symbol" in table.column_names and _distinct(table["symbol"]) > 1
    times = _numbers(table["timestamp"], pa.int64())
    if not several and bool(np.all(times[1:] >= times[:-1])):
        return table  # already in time order (the usual case): no copy of millions of rows
    import pyarrow.compute as pc

    if rows:
        row_numbers = arrow_array(np.arange(table.num_rows, dtype=np.int64), pa.int64())
        table = table.append_column("row", pa.chunked_array([row_numbers]))

    keys = [("timestamp", "ascending")]
    if several:
        keys.insert(0, ("symbol", "ascending"))
    # sort_indices is stable: equal keys keep their file order.
    return table.take(pc.sort_indices(table, sort_keys=keys)).combine_chunks()


def _distinct(column: "pa.ChunkedArray") -> int:
    import pyarrow.compute as pc

    return int(pc.count_distinct(column).as_py())


def _groups(table: "pa.Table") -> tuple[Group, ...]:
    if "symbol" not in table.column_names:
        return (Group(None, 0, table.num_rows),)
    import pyarrow.compute as pc

    counts = pc.value_counts(table["symbol"]).to_pylist()
    groups, start = [], 0
    # Sorted by symbol above, so each symbol's rows are one run in this (code point) order.
    for entry in sorted(counts, key=lambda item: item["values"]):
        groups.append(Group(entry["values"], start, start + entry["counts"]))
        start += entry["counts"]
    return tuple(groups)


def _prepare(
    path: Path,
    what: str,
    needed: Sequence[str],
    numbers: Sequence[str],
    optional: Sequence[str] = (),
    *,
    rows: bool = False,
) -> "pa.Table":
    """The file's columns typed, checked for missing times and symbols, and sorted; with
    ``rows``, the input rows of moved rows in a ``row`` column (see ``_sorted``)."""
    import pyarrow as pa

    table = _read(path, what, needed, [*optional, "symbol"])
    if "symbol" in table.column_names:
        symbol = table["symbol"]
        if not pa.types.is_string(symbol.type):
            symbol = symbol.cast(pa.string())
        table = table.set_column(table.column_names.index("symbol"), "symbol", symbol)
    table = table.set_column(0, "timestamp", _timestamps(table["timestamp"], what, path))
    for name in numbers:
        table = table.set_column(
            table.column_names.index(name), name, _floats(table[name], name, what, path)
        )
    _refuse_nulls(table, [n for n in ("timestamp", "symbol") if n in table.column_names], what,
                  path)  # fmt: skip
    return _sorted(table, rows)


def _numbers(column: "pa.ChunkedArray", arrow_type: "pa.DataType") -> "NDArray[Any]":
    """A null-free int64 or float64 column (timestamps as int64) as a numpy array: a view
    of its buffer when it is one chunk of that type (a timestamp is an int64 already)."""
    import numpy as np
    import pyarrow as pa

    dtype = np.int64 if pa.types.is_integer(arrow_type) else np.float64
    kind = column.type
    already = kind == arrow_type or (dtype is np.int64 and pa.types.is_timestamp(kind))
    # No cast when none is needed: casting imports pyarrow.compute, 50 ms of a run.
    values = column if already else column.cast(arrow_type)
    # ChunkedArray.combine_chunks copies even a single chunk.
    return numpy_view(values.chunk(0) if values.num_chunks == 1 else values.combine_chunks(), dtype)


def read_trades(path: Path) -> TradeColumns:
    """A trades file, sorted, with its columns as numpy arrays; InvalidInput naming bad rows."""
    import numpy as np
    import pyarrow as pa

    table = _prepare(path, "trades", TRADE_COLUMNS, ("price", "size"), rows=True)
    _refuse_nulls(table, ["price", "size"], "trades", path)
    prices = _numbers(table["price"], pa.float64())
    sizes = _numbers(table["size"], pa.float64())
    with np.errstate(invalid="ignore"):
        bad = ~(np.isfinite(prices) & (prices > 0) & np.isfinite(sizes) & (sizes >= 0))
    if bad.any():
        at = int(np.argmax(bad))
        row = _input_row(table, at)
        price, size = (table[name][at].as_py() for name in ("price", "size"))
        raise InvalidInput(
            f"trades file {path}: row {row} (0-based) has price {price} and size {size}",
            "prices must be > 0 and sizes >= 0",
        )
    return TradeColumns(
        table=table,
        times=_numbers(table["timestamp"], pa.int64()),
        prices=prices,
        sizes=sizes,
        groups=_groups(table),
    )


def read_quotes(path: Path) -> QuoteColumns:
    """A quotes file, sorted; null bids or asks become NaN (an unusable quote)."""
    import pyarrow as pa

    table = _prepare(path, "quotes", QUOTE_COLUMNS, ("bid", "ask"), QUOTE_SIZES)
    for name in ("bid", "ask"):
        if table[name].null_count:
            filled = table[name].fill_null(float("nan")).combine_chunks()
            table = table.set_column(table.column_names.index(name), name, filled)
    return QuoteColumns(
        table=table,
        times=_numbers(table["timestamp"], pa.int64()),
        bids=_numbers(table["bid"], pa.float64()),
        asks=_numbers(table["ask"], pa.float64()),
        groups=_groups(table),
    )


def matching_groups(trades: TradeColumns, quotes: QuoteColumns) -> list[tuple[Group, Group]]:
    """Pair each symbol's trades with that symbol's quotes (an empty range when none).

    With a symbol column on one side only, the other side must hold one symbol; anything
    else would match quotes of one instrument to trades of another.
    """
    trade_symbols = [g.symbol for g in trades.groups if g.stop > g.start]
    quote_symbols = [g.symbol for g in quotes.groups if g.stop > g.start]
    has_trade_symbols = trades.groups[0].symbol is not None if trades.groups else False
    has_quote_symbols = quotes.groups[0].symbol is not None if quotes.groups else False
    if has_trade_symbols and has_quote_symbols:
        by_symbol = {g.symbol: g for g in quotes.groups}
        return [(g, by_symbol.get(g.symbol, Group(g.symbol, 0, 0))) for g in trades.groups]
    if has_trade_symbols != has_quote_symbols:
        many = trade_symbols if has_trade_symbols else quote_symbols
        if len(many) > 1:
            side = "trades" if has_trade_symbols else "quotes"
            raise InvalidInput(
                f"the {side} file holds {len(many)} symbols but the other file has no symbol "
                "column",
                "add a symbol column to both files, or give files of one symbol",
            )
    quote_range = Group(None, 0, len(quotes.times))
    return [(group, quote_range) for group in trades.groups]


def labels_table(
    trades: TradeColumns,
    quotes: QuoteColumns,
    labels: LabelColumns,
    matched: MatchedQuotes,
    start: int = 0,
    stop: int | None = None,
) -> "pa.Table":
    """Per-trade labels of trades ``[start, stop)`` (all by default) as an Arrow table in
    time order (``row`` is the input row, 0-based); the matched quotes' columns are views
    of ``matched``, null where no usable quote was matched.

    ``side``, ``rule`` and ``location`` are dictionary arrays over their names (a byte per
    trade, no string per row); they read as the names.
    """
    import pyarrow as pa

    stop = len(labels) if stop is None else min(stop, len(labels))
    mine = labels.rows(start, stop)

    def named(codes: "NDArray[np.int8]", offset: int, names: list[str]) -> "pa.Array":
        indices = arrow_array(codes + offset, pa.int8())
        return pa.DictionaryArray.from_arrays(indices, string_array(names))

    unquoted = mine.quote < 0
    source = trades.table.slice(start, stop - start)
    micros = pa.timestamp("us", tz="UTC")
    columns = {
        "row": trades.input_rows(start, stop),
        **({"symbol": source["symbol"]} if "symbol" in source.column_names else {}),
        "timestamp": arrow_array(microseconds(trades.times[start:stop]), micros),
        "price": source["price"],
        "size": source["size"],
        "side": named(mine.side, 1, ["sell", "unknown", "buy"]),
        "rule": named(mine.rule, 0, ["none", "quote", "tick"]),
        "location": named(mine.location, 0, ["none", "bid", "mid", "ask"]),
        "bid": arrow_array(matched.bid[start:stop], pa.float64(), missing=unquoted),
        "ask": arrow_array(matched.ask[start:stop], pa.float64(), missing=unquoted),
        "quote_time": arrow_array(matched.time[start:stop], micros, missing=unquoted),
    }
    sizes = [name for name in QUOTE_SIZES if name in quotes.table.column_names]
    if sizes:  # optional in quote files, of any type: passed through
        indices = arrow_array(mine.quote, pa.int64(), missing=unquoted)
        for name in sizes:
            columns[name] = quotes.table[name].take(indices)
    return pa.table(columns)


# Rows per Parquet row group: pyarrow's default, so that the file is laid out as
# ``pq.write_table`` would lay out the whole table.
ROW_GROUP = 1024 * 1024


def write_parts(parts: "Iterable[pa.Table]", path: Path) -> None:
    """Write the consecutive parts of one labels table (at least one) to ``path``
    (.parquet or .csv), atomically. Parquet takes a part at a time, each a row group or
    more (``ROW_GROUP`` rows at most), so only one part need be in memory."""
    import os
    import tempfile

    kind = file_kind(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    os.close(handle)
    try:
        if kind == "parquet":
            _write_parquet(iter(parts), temp)
        else:
            import pyarrow as pa
            import pyarrow.csv as csv

            csv.write_csv(_rfc3339(pa.concat_tables(parts)), temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _write_parquet(parts: "Iterator[pa.Table]", path: str) -> None:
    """Each part after the first is made on another thread while the one before it is
    encoded (the encoder runs outside the GIL): two parts at most in memory."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow.parquet as pq

    part = next(parts)
    with (
        ThreadPoolExecutor(max_workers=1) as maker,
        pq.ParquetWriter(path, part.schema, **_parquet_layout(part.schema)) as writer,
    ):
        while part is not None:
            upcoming = maker.submit(next, parts, None)
            writer.write_table(part, row_group_size=ROW_GROUP)
            del part  # this part's columns go as soon as they are written
            part = upcoming.result()


def _parquet_layout(schema: "pa.Schema") -> dict[str, Any]:
    """How labels are laid out in Parquet: each column reads back with the type it has,
    dictionary columns as plain strings, in about 60% of the default's time and size.

    Row numbers and times (nearly always ascending) are stored as deltas; every other
    column through a dictionary (a few labels, prices and sizes repeat). Statistics are
    kept except for the dictionary columns, whose three or four names filter nothing. The
    Arrow schema is not stored: it would bring back the dictionary type, and Parquet's
    own types already give back every other column's (timestamps in UTC included).
    """
    import pyarrow as pa

    names = schema.names
    ascending = [name for name in ("row", "timestamp", "quote_time") if name in names]
    labels = [field.name for field in schema if pa.types.is_dictionary(field.type)]
    return {
        "compression": "zstd",
        "column_encoding": dict.fromkeys(ascending, "DELTA_BINARY_PACKED"),
        "use_dictionary": [name for name in names if name not in ascending],
        "write_statistics": [name for name in names if name not in labels],
        "store_schema": False,
    }


def _rfc3339(table: "pa.Table") -> "pa.Table":
    """Timestamps as RFC 3339 text (Arrow's CSV writer would put a space, not a T)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for index, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            text = pc.strftime(table[index], format="%Y-%m-%dT%H:%M:%SZ")
            table = table.set_column(index, pa.field(field.name, pa.string()), text)
    return table


def table_records(table: "pa.Table") -> list[dict[str, object]]:
    """An Arrow table as records (timestamps become aware datetimes)."""
    records: list[dict[str, object]] = table.to_pylist()
    return records


@attrs.frozen
class ArrowTradeLabels:
    """The ``TradeLabels`` port: every trade of an ``ArrowTapePair`` labelled, in numpy
    columns that ``run`` fills in row order. Each method waits for the rows it reads, so
    the first row groups are written while the later ones are still being labelled."""

    trades: TradeColumns
    quotes: QuoteColumns
    columns: LabelColumns
    matched: MatchedQuotes
    run: BlockRun

    @property
    def labels(self) -> LabelColumns:
        """All the labels (once all are worked out)."""
        self.run.wait(len(self))
        return self.columns

    def __len__(self) -> int:
        return len(self.columns)

    def summary(self, start: int, stop: int) -> ClassificationSummary:
        self.run.wait(stop)
        return summarize_columns(self.trades.sizes[start:stop], self.columns.rows(start, stop))

    def records(self) -> list[dict[str, object]]:
        return table_records(self.table())

    def write(self, path: Path) -> None:
        """The labels table made and written a row group at a time, each as soon as its
        rows are labelled (and only one or two in memory: fresh pages cost time too)."""
        starts = range(0, max(len(self), 1), ROW_GROUP)  # one part even with no trades
        write_parts((self.table(start, start + ROW_GROUP) for start in starts), path)

    def table(self, start: int = 0, stop: int | None = None) -> "pa.Table":
        self.run.wait(len(self) if stop is None else min(stop, len(self)))
        return labels_table(self.trades, self.quotes, self.columns, self.matched, start, stop)


@attrs.frozen
class ArrowTapePair:
    """The ``TapePair`` port on a trades file and a quotes file read into Arrow tables."""

    trades: TradeColumns
    quotes: QuoteColumns

    def matching_groups(self) -> list[tuple[Group, Group]]:
        return matching_groups(self.trades, self.quotes)

    def classify(self, *, method: Method, window: int | None) -> ArrowTradeLabels:
        """Each symbol's trades against that symbol's quotes, as ``classify_trades`` would
        label them: the tick rule starts afresh with each symbol. The domain's checks are
        made here; the labelling itself goes on in the background, a block at a time in
        row order (see ``ArrowTradeLabels``)."""
        columns = LabelColumns.empty(len(self.trades))
        matched = MatchedQuotes.empty(len(self.trades))
        jobs = []
        for trade_group, quote_group in self.matching_groups():
            t = slice(trade_group.start, trade_group.stop)
            q = slice(quote_group.start, quote_group.stop)
            work = labelling(
                self.trades.times[t],
                self.trades.prices[t],
                self.quotes.times[q],
                self.quotes.bids[q],
                self.quotes.asks[q],
                method=method,
                window=window,
                out=columns.rows(trade_group.start, trade_group.stop),
                quote_offset=quote_group.start,  # quote indices of this symbol, file-wide
                matched=matched.rows(trade_group.start, trade_group.stop),
            )
            jobs += work.blocks(BLOCK, first_row=trade_group.start)
        return ArrowTradeLabels(self.trades, self.quotes, columns, matched, BlockRun(jobs))


@attrs.frozen
class ArrowTapeFiles:
    """The ``TapeFiles`` port on Parquet and CSV files."""

    def check_labels_path(self, path: Path) -> None:
        file_kind(path)

    def read(self, trades: Path, quotes: Path) -> ArrowTapePair:
        """Both files at once (Arrow and numpy work outside the GIL); a problem with the
        trades file is the one reported when both have one."""
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1) as pool:
            quote_columns = pool.submit(read_quotes, quotes)
            return ArrowTapePair(read_trades(trades), quote_columns.result())
