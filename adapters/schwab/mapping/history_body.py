"""A ``GET /pricehistory`` body, as bytes, into candle columns with no Python object per
candle.

``json.loads`` of a long history builds one dict per candle, about 500 bytes each: half a
gigabyte for a million one-minute bars. Schwab sends the candles first, as flat objects of
numbers (``{"candles":[{"open":1.5,...,"datetime":1700000000000},...],"symbol":...}``),
so the candle list is read in blocks of a few hundred KB cut between two candles: each
block becomes one candle per line for Arrow's JSON reader (an explicit schema, other
fields ignored), whose columns are copied into arrays sized once. Only the small rest of
the body goes through ``json.loads``.

The answer is always what ``json.loads`` and ``candle_columns`` give for the same bytes:
- a block holding anything but field names and numbers (text, booleans, nulls, escapes,
  non-ASCII bytes, line breaks), or whose values are not plain (a missing field, a
  sentinel, a non-finite value, a time out of range, a negative zero), is read by
  ``json.loads`` and ``candle_columns``: that block only;
- a body of another shape (the candles not first, a block that is not whole JSON values,
  the candle key twice) is read whole by ``json.loads``, as before;
- a body that is not JSON raises ValueError as ``json.loads`` does (``SchwabHttp`` retries
  it), and a candle the parser refuses is reported only once the whole body is known to be
  JSON: a cut-off body is retried, not refused.
"""

import io
import json
import re
from array import array
from typing import TYPE_CHECKING, Any

import attrs

from trade_analyst.adapters.schwab.mapping.history import Candles, candle_columns, plain_candles
from trade_analyst.adapters.schwab.mapping.values import expect_object
from trade_analyst.ports import ProviderError

if TYPE_CHECKING:
    import pyarrow as pa

# Candles read at a time. A block's temporaries (its bytes, its lines, Arrow's columns) are
# then small enough to reuse the same memory block after block; larger blocks read barely
# faster (4 MB: 8 %) and leave more freed heap with the process (4 MB: 40 MB more at 1M
# candles).
BLOCK_BYTES = 256 << 10

_JSON_SPACE = rb"[ \t\n\r]*"
# The body's first key is the candle list: then it is the top-level one.
_HEAD = re.compile(
    _JSON_SPACE + rb"\{" + _JSON_SPACE + rb'"candles"' + _JSON_SPACE + rb":" + _JSON_SPACE + rb"\["
)
_BETWEEN_CANDLES = re.compile(rb"\}" + _JSON_SPACE + rb"," + _JSON_SPACE + rb"\{")
# The shortest candle the parser accepts (volume may be missing): a body with more "{"
# than candles of this length would fill is not all candles.
_SHORTEST_CANDLE = len(b'{"datetime":1,"open":1,"high":1,"low":1,"close":1}')
# What a block of plain candles is made of: punctuation, numbers, the field names. No
# quote can then be inside a string, so a cut between candles is never in one; and no line
# break, so each line Arrow reads is one that ``_plain_block`` made.
_PLAIN_BYTES = bytes(set(b' \t{}":,.-+eE0123456789"open"high"low"close"volume"datetime'))
# (field name, array typecode, Arrow type name), in the order of ``Candles.columns``.
_FIELDS = (
    ("datetime", "q", "int64"),
    ("open", "d", "float64"),
    ("high", "d", "float64"),
    ("low", "d", "float64"),
    ("close", "d", "float64"),
    ("volume", "d", "float64"),
)


@attrs.frozen
class HistoryBody:
    """A decoded pricehistory body: ``top`` is the body with its candle list left empty
    (what ``-vv`` logs the shape of); ``candles`` its candles as columns, or the error the
    candle parser gave."""

    top: object
    candles: Candles | ProviderError

    def columns(self) -> Candles:
        """The candles, or the parser's ProviderError raised."""
        if isinstance(self.candles, ProviderError):
            raise self.candles
        return self.candles


def read_history_body(raw: bytes, what: str, *, block_bytes: int = BLOCK_BYTES) -> HistoryBody:
    """The body's candles as ``candle_columns`` reads them; ValueError when ``raw`` is not
    JSON. ``block_bytes``: how much of the candle list is read at a time."""
    head = _HEAD.match(raw)
    body = None if head is None else _read_blocks(raw, head.end(), what, block_bytes)
    return body if body is not None else _read_whole(raw, what)


def _read_whole(raw: bytes, what: str) -> HistoryBody:
    payload = json.loads(raw)
    candles: Candles | ProviderError
    try:
        candles = candle_columns(expect_object(payload, what), what)
    except ProviderError as error:
        candles = error
    if isinstance(payload, dict):
        payload = {key: [] if key == "candles" else value for key, value in payload.items()}
    return HistoryBody(payload, candles)


def _read_blocks(raw: bytes, first: int, what: str, block_bytes: int) -> HistoryBody | None:
    """The body read block by block from the candle list's first byte ``first``; None when
    it is not of the shape this reads (then it is read whole)."""
    close = raw.find(b"]", first)
    if close < 0:
        return None
    # One "{" per candle when the candles are flat objects, as Schwab's are.
    expected = min(raw.count(b"{", first, close), (close - first) // _SHORTEST_CANDLE + 1)
    joined = _Filling(expected)
    refused: ProviderError | None = None
    for start, stop in _blocks(raw, first, close, block_bytes):
        block = raw[start:stop]
        candles = _plain_block(block)
        if candles is None:
            try:
                parsed = json.loads(b"[" + block + b"]")
            except ValueError:
                return None  # a cut inside a value: the first "]" was not the list's end
            if refused is None:
                try:
                    candles = candle_columns({"candles": parsed}, what)
                except ProviderError as error:
                    refused = error  # reported once the rest is known to be JSON
        if refused is None and candles is not None:
            joined.add(candles)
    # Every block was whole values, so ``close`` ends the list: the rest is the body's.
    objects: list[list[tuple[str, Any]]] = []

    def pairs_kept(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        objects.append(pairs)
        return dict(pairs)

    top = json.loads(raw[:first] + raw[close:], object_pairs_hook=pairs_kept)
    # The top-level object closes last; json.loads keeps the last of a repeated key.
    if sum(key == "candles" for key, _ in objects[-1]) != 1:
        return None
    return HistoryBody(top, refused if refused is not None else joined.candles())


class _Filling:
    """Candle columns filled block by block into arrays made once at the expected size:
    arrays grown block by block are reallocated (and copied) as they grow, and the heap
    they leave behind stays with the process."""

    def __init__(self, expected: int) -> None:
        self._columns = Candles(
            array("q", [0]) * expected, *(array("d", [0.0]) * expected for _ in range(5))
        )
        self._rows = 0

    def add(self, candles: Candles) -> None:
        stop = self._rows + len(candles.times)
        for column, part in zip(self._columns.columns(), candles.columns(), strict=True):
            column[self._rows : stop] = part  # in place; more rows than expected grow it
        self._rows = stop

    def candles(self) -> Candles:
        for column in self._columns.columns():
            del column[self._rows :]
        return self._columns


def _blocks(raw: bytes, first: int, close: int, size: int) -> "list[tuple[int, int]]":
    """``raw[first:close]`` cut into spans of about ``size`` bytes between two candles."""
    spans = []
    start = first
    while start < close:
        found = _BETWEEN_CANDLES.search(raw, start + size, close) if start + size < close else None
        if found is None:
            spans.append((start, close))
            break
        spans.append((start, found.start() + 1))
        start = found.end() - 1
    return spans


def _plain_block(block: bytes) -> Candles | None:
    """The block's candles through Arrow's JSON reader when they are plain (see the module
    docstring), else None."""
    import numpy as np
    import pyarrow as pa

    # A JSON null reads as a missing value, which the exact parser judges; and Arrow's
    # reader crashes (pyarrow 26) on a body that starts with one.
    if not block.startswith(b"{") or block.translate(None, _PLAIN_BYTES) or b"null" in block:
        return None
    lines, separators = _BETWEEN_CANDLES.subn(b"}\n{", block)
    try:
        table = _read_lines(lines)
    except pa.ArrowException:  # a repeated field, a boolean, a float time...
        return None
    # Arrow also reads candles with no comma between them ("}{"): json.loads does not.
    if table.num_rows != separators + 1:
        return None
    columns: list[array[Any]] = []
    for name, typecode, _ in _FIELDS:
        read = table.column(name)
        if read.null_count:
            return None
        values = read.to_numpy()
        if typecode == "d" and (np.signbit(values) & (values == 0)).any():
            return None  # JSON's -0 is the int 0 to json.loads, -0.0 to Arrow
        column = array(typecode)
        column.frombytes(memoryview(values).cast("B"))
        columns.append(column)
    times, *values_ = columns
    return plain_candles(times, values_)


def _read_lines(lines: bytes) -> "pa.Table":
    import pyarrow as pa
    import pyarrow.json as pa_json

    schema = pa.schema([(name, getattr(pa, kind)()) for name, _, kind in _FIELDS])
    return pa_json.read_json(
        io.BytesIO(lines),
        read_options=pa_json.ReadOptions(use_threads=False),
        parse_options=pa_json.ParseOptions(
            explicit_schema=schema, unexpected_field_behavior="ignore"
        ),
    )
