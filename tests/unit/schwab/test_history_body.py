"""Pricehistory bodies read from their bytes: always what ``json.loads`` and the candle
parser give, on every body (plain, unusual, of another shape, or not JSON at all)."""

import json
import tracemalloc

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from trade_analyst.adapters.schwab.mapping import history_body
from trade_analyst.adapters.schwab.mapping.history import candle_columns
from trade_analyst.adapters.schwab.mapping.history_body import read_history_body
from trade_analyst.adapters.schwab.mapping.values import expect_object
from trade_analyst.ports import ProviderError

WHAT = "the price history of X"
PRICES = ("open", "high", "low", "close")

plain_candle = st.builds(
    lambda stamp, prices, volume: {
        **dict(zip(PRICES, prices, strict=True)),
        "volume": volume,
        "datetime": stamp,
    },
    st.integers(1, 4 * 10**12),
    st.lists(
        st.one_of(st.floats(0.01, 1e6), st.integers(1, 10**6), st.sampled_from([0, -0.0])),
        min_size=4,
        max_size=4,
    ),
    st.one_of(st.integers(0, 10**12), st.floats(0, 1e12)),
)
odd_value = st.one_of(
    st.sampled_from([-999, -999.0, True, False, None, "12.5", "NaN", "a]b", "}, {", "é", "\\"]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(-(2**70), 2**70),
    st.just({"open": 1}),
    st.just([1, {"x": 2}]),
)
odd_candle = st.one_of(
    st.fixed_dictionaries(
        {},
        optional={name: odd_value for name in (*PRICES, "volume", "datetime", "extra", "opens")},
    ),
    plain_candle.flatmap(
        lambda candle: st.sampled_from(sorted(candle)).flatmap(
            lambda name: odd_value.map(lambda value: {**candle, name: value})
        )
    ),
    st.sampled_from([5, "text", [], None]),
)
candle_lists = st.lists(
    st.one_of(plain_candle, plain_candle, plain_candle, odd_candle), max_size=12
)
one_line = st.sampled_from([(",", ":"), (", ", ": "), (" ,\t", " :\t")])
separators = st.one_of(one_line, st.just((" ,\n ", " :\t")))


@st.composite
def bodies(draw: st.DrawFn) -> bytes:
    """A body as Schwab may send it (or not): candles first or not, other top-level fields,
    any spacing, sometimes the candle key twice, sometimes damaged."""
    items, between = draw(separators)
    candles = draw(candle_lists)
    fields = [("candles", json.dumps(candles, separators=(items, between)))]
    rest = [("symbol", '"X"'), ("empty", json.dumps(not candles)), ("previousClose", "1.5")]
    fields += draw(st.lists(st.sampled_from(rest), unique=True))
    if draw(st.integers(0, 3)) == 0:
        fields.append(("candles", draw(st.sampled_from(["[]", '[{"open":1}]', '"none"']))))
    if draw(st.integers(0, 3)) == 0:
        fields = draw(st.permutations(fields))
    text = "{" + items.join(f'"{key}"{between}{value}' for key, value in fields) + "}"
    raw = draw(st.sampled_from(["", " ", "\n"])).encode() + text.encode()
    if draw(st.integers(0, 3)) == 0:  # damaged: cut short, or a byte changed
        spot = draw(st.integers(0, len(raw)))
        byte = draw(
            st.sampled_from([b"", b",", b"}", b"{", b"]", b'"', b"\\", b"\xff", b" ", b"-"])
        )
        raw = raw[:spot] + byte + raw[spot + draw(st.integers(0, 2)) :]
    return raw


def _exactly(value: object) -> object:
    """A value compared bit for bit (-0.0 is not 0.0)."""
    return value.hex() if isinstance(value, float) else value


def _read_as_before(raw: bytes) -> object:
    """``json.loads`` and the candle parser, as Schwab's adapter read every body before."""
    try:
        payload = json.loads(raw)
    except ValueError:
        return "not JSON"
    try:
        rows = candle_columns(expect_object(payload, WHAT), WHAT).rows()
    except ProviderError as error:
        return str(error)
    keys = list(payload)
    return keys, [tuple(map(_exactly, row)) for row in rows]


def _read_from_bytes(raw: bytes, block_bytes: int) -> object:
    try:
        body = read_history_body(raw, WHAT, block_bytes=block_bytes)
    except ValueError:
        return "not JSON"
    try:
        rows = body.columns().rows()
    except ProviderError as error:
        return str(error)
    assert isinstance(body.top, dict)
    assert body.top.get("candles", []) == []
    return list(body.top), [tuple(map(_exactly, row)) for row in rows]


@given(bodies(), st.sampled_from([1, 40, 200, history_body.BLOCK_BYTES]))
@example(
    b'{"candles":[{"open":1,"high":2,"low":1,"close":2,"volume":3,"datetime":5}'
    b'{"open":1,"high":2,"low":1,"close":2,"volume":3,"datetime":6}]}',
    1,
)
@example(b'{"candles":[{"open":-0,"high":2,"low":1,"close":2,"volume":3,"datetime":5}]}', 1)
def test_bytes_read_in_blocks_as_json_loads_and_the_parser_read_them(
    raw: bytes, block_bytes: int
) -> None:
    assert _read_from_bytes(raw, block_bytes) == _read_as_before(raw)


@given(st.lists(plain_candle, min_size=1, max_size=30), one_line)
def test_plain_candles_take_the_columnar_path(
    candles: list[object], spacing: tuple[str, str]
) -> None:
    # The block reader must not hand ordinary candles (on one line) to json.loads.
    text = json.dumps(candles, separators=spacing).encode()
    block = text[1:-1].strip()
    read = history_body._plain_block(block)
    if any(
        isinstance(v, float) and v == 0 and str(v).startswith("-")
        for c in candles
        for v in c.values()  # type: ignore[attr-defined]
    ):
        return  # a negative zero is left to json.loads
    assert read is not None
    assert read.rows() == candle_columns({"candles": candles}, WHAT).rows()


edits = st.lists(
    st.tuples(st.integers(0, 10**4), st.sampled_from(b'{}":,.-+eE0 '), st.integers(0, 2)),
    max_size=3,
)


@given(st.lists(plain_candle, min_size=1, max_size=5), one_line, edits)
def test_a_block_arrow_reads_is_json_and_reads_as_json_loads_reads_it(
    candles: list[object], spacing: tuple[str, str], changes: list[tuple[int, int, int]]
) -> None:
    # Blocks of the bytes plain candles are made of, damaged: whatever Arrow's reader
    # accepts must be JSON and give what json.loads and the parser give.
    block = json.dumps(candles, separators=spacing).encode()[1:-1]
    for spot, byte, dropped in changes:
        at = spot % (len(block) + 1)
        block = block[:at] + bytes([byte]) + block[at + dropped :]
    read = history_body._plain_block(block)
    if read is None:
        return
    parsed = json.loads(b"[" + block + b"]")
    expected = candle_columns({"candles": parsed}, WHAT).rows()
    assert [tuple(map(_exactly, row)) for row in read.rows()] == [
        tuple(map(_exactly, row)) for row in expected
    ]


def test_the_top_level_fields_are_read_and_a_refused_candle_is_reported() -> None:
    raw = (
        b'{"candles":[{"open":1.5,"high":2,"low":1,"close":2,"volume":10,"datetime":60000},'
        b'{"open":-999,"high":2,"low":1,"close":2,"volume":10,"datetime":120000}],'
        b'"symbol":"X","empty":false}'
    )
    body = read_history_body(raw, WHAT, block_bytes=1)
    assert body.top == {"candles": [], "symbol": "X", "empty": False}
    with pytest.raises(ProviderError, match="incomplete candle"):
        body.columns()


def test_a_cut_off_body_is_not_json_even_after_a_refused_candle() -> None:
    raw = b'{"candles":[{"open":null,"datetime":1},{"open":1.5,"high":2,"lo'
    with pytest.raises(json.JSONDecodeError):
        read_history_body(raw, WHAT, block_bytes=1)


def test_a_long_history_takes_its_columns_and_a_few_blocks_of_memory() -> None:
    # json.loads would hold a dict per candle (about ten times the columns here); the block
    # reader holds the columns and the temporaries of a few blocks, however long the body.
    candles = [
        {"open": 1.5 + i % 7, "high": 9.0, "low": 1.0, "close": 2.0, "volume": i, "datetime": i + 1}
        for i in range(20_000)
    ]
    raw = json.dumps({"candles": candles, "symbol": "X"}, separators=(",", ":")).encode()
    del candles
    read_history_body(raw[:200].rpartition(b",{")[0] + b"]}", WHAT)  # imports off the count
    tracemalloc.start()
    try:
        body = read_history_body(raw, WHAT)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    columns = body.columns().columns()
    assert len(columns[0]) == 20_000
    held = sum(len(column) * column.itemsize for column in columns)
    assert peak - held < 8 * history_body.BLOCK_BYTES
