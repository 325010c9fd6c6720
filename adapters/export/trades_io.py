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
and flat Python lists: no object per row.
"""

import array
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import attrs

from trade_analyst.domain.trades import Classified
from trade_analyst.ports import Group, InvalidInput

if TYPE_CHECKING:
    import pyarrow as pa

TRADE_COLUMNS = ("timestamp", "price", "size")
QUOTE_COLUMNS = ("timestamp", "bid", "ask")
_SUFFIXES = {".parquet": "parquet", ".pq": "parquet", ".csv": "csv"}
# What a packed column holds: int64 epoch nanoseconds ("q") or float64 values ("d").
_Number = TypeVar("_Number", int, float)

__all__ = [
    "QUOTE_COLUMNS",
    "TRADE_COLUMNS",
    "ArrowTapeFiles",
    "ArrowTapePair",
    "Group",
    "QuoteColumns",
    "TradeColumns",
    "file_kind",
    "labels_table",
    "matching_groups",
    "read_quotes",
    "read_trades",
    "table_records",
    "write_table",
]


@attrs.frozen
class TradeColumns:
    """Trades sorted by (symbol, time): times in epoch nanoseconds (UTC)."""

    table: "pa.Table"  # sorted, timestamp as timestamp[ns, UTC], plus the input ``row``
    times: Sequence[int]
    prices: Sequence[float]
    sizes: Sequence[float]
    groups: tuple[Group, ...]

    def __len__(self) -> int:
        return len(self.times)


@attrs.frozen
class QuoteColumns:
    table: "pa.Table"
    times: Sequence[int]
    bids: Sequence[float]
    asks: Sequence[float]
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


def _read(path: Path, what: str) -> "pa.Table":
    import pyarrow as pa

    kind = file_kind(path)
    if not path.is_file():
        raise InvalidInput(f"no such {what} file: {path}", f"give the path of a {what} file")
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            return pq.read_table(path)
        import pyarrow.csv as csv

        return csv.read_csv(path)
    except (pa.ArrowInvalid, OSError) as error:
        raise InvalidInput(
            f"cannot read {what} file {path}: {error}", f"give a readable .{kind} file"
        ) from None


def _require(table: "pa.Table", needed: Sequence[str], what: str, path: Path) -> None:
    missing = [name for name in needed if name not in table.column_names]
    if missing:
        raise InvalidInput(
            f"{what} file {path} lacks column(s) {', '.join(missing)}",
            f"{what} files need columns {', '.join(needed)} (found: "
            f"{', '.join(table.column_names) or 'none'})",
        )


def _first_null(column: "pa.ChunkedArray") -> int | None:
    import pyarrow.compute as pc

    if column.null_count == 0:
        return None
    return int(pc.index(pc.is_null(column), True).as_py())


def _timestamps(column: "pa.ChunkedArray", what: str, path: Path) -> "pa.ChunkedArray":
    """The column as timestamp[ns, UTC]; naive times are taken as UTC."""
    import pyarrow as pa

    target = pa.timestamp("ns", tz="UTC")
    kind = column.type
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

    try:
        return column.cast(pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise InvalidInput(
            f"{what} file {path}: column {name} is {column.type}, not a number",
            f"{name} must hold numbers",
        ) from None


def _refuse_nulls(
    table: "pa.Table",
    names: Sequence[str],
    what: str,
    path: Path,
    rows: "pa.Array | pa.ChunkedArray",
) -> None:
    for name in names:
        at = _first_null(table[name])
        if at is not None:
            raise InvalidInput(
                f"{what} file {path}: {name} is empty in row {rows[at].as_py()} (0-based)",
                f"every {what[:-1]} needs a {name}",
            )


def _sorted(table: "pa.Table") -> "pa.Table":
    import pyarrow as pa
    import pyarrow.compute as pc

    table = table.append_column("row", pa.array(range(table.num_rows), pa.int64()))
    several = "symbol" in table.column_names and pc.count_distinct(table["symbol"]).as_py() > 1
    if not several and _ascending(table["timestamp"]):
        return table  # already in time order (the usual case): no copy of millions of rows
    keys = [("timestamp", "ascending"), ("row", "ascending")]
    if several:
        keys.insert(0, ("symbol", "ascending"))
    return table.take(pc.sort_indices(table, sort_keys=keys))


def _ascending(times: "pa.ChunkedArray") -> bool:
    import pyarrow.compute as pc

    count = len(times)
    if count < 2:
        return True
    steps = pc.greater_equal(times.slice(1), times.slice(0, count - 1))
    return bool(pc.all(steps).as_py())


def _groups(table: "pa.Table") -> tuple[Group, ...]:
    import pyarrow.compute as pc

    if "symbol" not in table.column_names:
        return (Group(None, 0, table.num_rows),)
    counts = pc.value_counts(table["symbol"]).to_pylist()
    groups, start = [], 0
    # Sorted by symbol above, so each symbol's rows are one run in this (code point) order.
    for entry in sorted(counts, key=lambda item: item["values"]):
        groups.append(Group(entry["values"], start, start + entry["counts"]))
        start += entry["counts"]
    return tuple(groups)


def _prepare(path: Path, what: str, needed: Sequence[str], numbers: Sequence[str]) -> "pa.Table":
    import pyarrow as pa

    table = _read(path, what)
    _require(table, needed, what, path)
    keep = [*needed, *(n for n in ("bid_size", "ask_size") if n in table.column_names
                       and what == "quotes")]  # fmt: skip
    if "symbol" in table.column_names:
        symbol = table["symbol"]
        if not pa.types.is_string(symbol.type):
            symbol = symbol.cast(pa.string())
        table = table.set_column(table.column_names.index("symbol"), "symbol", symbol)
        keep.append("symbol")
    table = table.select(keep)
    table = table.set_column(0, "timestamp", _timestamps(table["timestamp"], what, path))
    for name in numbers:
        table = table.set_column(
            table.column_names.index(name), name, _floats(table[name], name, what, path)
        )
    rows = pa.array(range(table.num_rows), pa.int64())
    _refuse_nulls(table, ["timestamp", *(["symbol"] if "symbol" in keep else [])], what, path,
                  rows)  # fmt: skip
    return _sorted(table)


def _packed(
    column: "pa.ChunkedArray", arrow_type: "pa.DataType", packed: "array.array[_Number]"
) -> "array.array[_Number]":
    """A null-free numeric column appended to ``packed`` (an empty ``array.array`` of the
    matching 8-byte typecode): one memcpy, 8 bytes a value (a list would hold a Python
    object per value: 4x the memory and far slower to build)."""
    import pyarrow as pa

    values = pa.chunked_array(column.cast(arrow_type)).combine_chunks()
    if len(values):
        width = packed.itemsize
        data = memoryview(values.buffers()[1])
        packed.frombytes(data[values.offset * width : (values.offset + len(values)) * width])
    return packed


def read_trades(path: Path) -> TradeColumns:
    """A trades file, sorted, with its columns as lists; InvalidInput naming bad rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    table = _prepare(path, "trades", TRADE_COLUMNS, ("price", "size"))
    _refuse_nulls(table, ["price", "size"], "trades", path, table["row"])
    bad = pc.or_(pc.invert(pc.is_finite(table["price"])), pc.less_equal(table["price"], 0))
    bad = pc.or_(bad, pc.or_(pc.invert(pc.is_finite(table["size"])), pc.less(table["size"], 0)))
    if pc.any(bad).as_py():
        at = int(pc.index(bad, True).as_py())
        row, price, size = (table[name][at].as_py() for name in ("row", "price", "size"))
        raise InvalidInput(
            f"trades file {path}: row {row} (0-based) has price {price} and size {size}",
            "prices must be > 0 and sizes >= 0",
        )
    return TradeColumns(
        table=table,
        times=_packed(table["timestamp"], pa.int64(), array.array("q")),
        prices=_packed(table["price"], pa.float64(), array.array("d")),
        sizes=_packed(table["size"], pa.float64(), array.array("d")),
        groups=_groups(table),
    )


def read_quotes(path: Path) -> QuoteColumns:
    """A quotes file, sorted; null bids or asks become NaN (an unusable quote)."""
    import pyarrow as pa

    table = _prepare(path, "quotes", QUOTE_COLUMNS, ("bid", "ask"))
    for name in ("bid", "ask"):
        table = table.set_column(
            table.column_names.index(name), name, table[name].fill_null(float("nan"))
        )
    return QuoteColumns(
        table=table,
        times=_packed(table["timestamp"], pa.int64(), array.array("q")),
        bids=_packed(table["bid"], pa.float64(), array.array("d")),
        asks=_packed(table["ask"], pa.float64(), array.array("d")),
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
    side: Sequence[int],
    rule: Sequence[int],
    location: Sequence[int],
    quote: Sequence[int],
) -> "pa.Table":
    """Per-trade labels as an Arrow table in time order (``row`` is the input row, 0-based)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    def labels(codes: Sequence[int], offset: int, names: list[str]) -> "pa.Array":
        indices = pc.add(pa.array(codes, pa.int8()), pa.scalar(offset, pa.int8()))
        return pa.DictionaryArray.from_arrays(indices, pa.array(names)).cast(pa.string())

    matched = pa.array(quote, pa.int64())
    valid = pc.greater_equal(matched, 0)
    at = pc.if_else(valid, matched, pa.scalar(None, pa.int64()))
    source = trades.table
    columns = {
        "row": source["row"],
        **({"symbol": source["symbol"]} if "symbol" in source.column_names else {}),
        "timestamp": source["timestamp"].cast(pa.timestamp("us", tz="UTC"), safe=False),
        "price": source["price"],
        "size": source["size"],
        "side": labels(side, 1, ["sell", "unknown", "buy"]),
        "rule": labels(rule, 0, ["none", "quote", "tick"]),
        "location": labels(location, 0, ["none", "bid", "mid", "ask"]),
        "bid": quotes.table["bid"].take(at),
        "ask": quotes.table["ask"].take(at),
        "quote_time": quotes.table["timestamp"]
        .take(at)
        .cast(pa.timestamp("us", tz="UTC"), safe=False),
    }
    for name in ("bid_size", "ask_size"):  # optional in quote files: passed through
        if name in quotes.table.column_names:
            columns[name] = quotes.table[name].take(at)
    return pa.table(columns)


def write_table(table: "pa.Table", path: Path) -> None:
    """Write labels to ``path`` (.parquet or .csv), atomically."""
    import os
    import tempfile

    kind = file_kind(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    os.close(handle)
    try:
        if kind == "parquet":
            import pyarrow.parquet as pq

            pq.write_table(table, temp, compression="zstd")
        else:
            import pyarrow.csv as csv

            csv.write_csv(_rfc3339(table), temp)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


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
class ArrowTapePair:
    """The ``TapePair`` port on a trades file and a quotes file read into Arrow tables."""

    trades: TradeColumns
    quotes: QuoteColumns

    def matching_groups(self) -> list[tuple[Group, Group]]:
        return matching_groups(self.trades, self.quotes)

    def label_records(self, labels: Classified) -> list[dict[str, object]]:
        return table_records(self._labels(labels))

    def write_labels(self, labels: Classified, path: Path) -> None:
        write_table(self._labels(labels), path)

    def _labels(self, labels: Classified) -> "pa.Table":
        return labels_table(
            self.trades, self.quotes, labels.side, labels.rule, labels.location, labels.quote
        )


@attrs.frozen
class ArrowTapeFiles:
    """The ``TapeFiles`` port on Parquet and CSV files."""

    def check_labels_path(self, path: Path) -> None:
        file_kind(path)

    def read(self, trades: Path, quotes: Path) -> ArrowTapePair:
        return ArrowTapePair(read_trades(trades), read_quotes(quotes))
