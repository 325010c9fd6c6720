"""``domain.validation``'s bar rules, computed on Arrow columns with pyarrow.compute.

Same rule ids, severities, rows and fields as ``domain.validation.validate_bars`` (without
the session rule, which needs a calendar per row), in the same order, so a million-bar
download is checked without a Python object per bar. Python work is proportional to the
number of findings, not of rows.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from trade_analyst.domain.validation import SENTINELS, Finding, Severity

if TYPE_CHECKING:
    import pyarrow as pa

_PRICE_FIELDS = ("open", "high", "low", "close")
# Position of each check within a row, as domain.validation emits them.
_RANK_OHLC, _RANK_VOLUME, _RANK_ORDER = 4, 5, 6


def validate_bars_table(
    bars: "pa.Table", *, symbol: str = "", allow_negative: bool = False
) -> list[Finding]:
    """Findings for one symbol's bars table in row order; never raises on bad data."""
    if bars.num_rows == 0:
        return [Finding("bars.empty", "warning", None, f"no bars for {symbol}")]
    found: list[tuple[int, int, Finding]] = []
    usable = _check_prices(bars, allow_negative, found)
    _check_ohlc(bars, usable, found)
    _check_volume(bars, found)
    _check_order(bars, found)
    found.sort(key=lambda item: (item[0], item[1]))
    return [finding for _row, _rank, finding in found]


def _column(bars: "pa.Table", name: str) -> "pa.Array":
    return bars[name].combine_chunks()


def _rows(mask: "pa.BooleanArray") -> list[int]:
    import pyarrow.compute as pc

    result: list[int] = pc.indices_nonzero(mask).to_pylist()
    return result


def _emit(
    found: list[tuple[int, int, Finding]],
    mask: "pa.BooleanArray",
    rank: int,
    rule: str,
    severity: Severity,
    message: Callable[[int], str],
    field: str | None,
) -> None:
    for row in _rows(mask):
        found.append((row, rank, Finding(rule, severity, row, message(row), field)))


def _check_prices(
    bars: "pa.Table", allow_negative: bool, found: list[tuple[int, int, Finding]]
) -> "pa.BooleanArray":
    """Sentinel, non-finite, negative and zero prices; returns where all four are usable."""
    import pyarrow as pa
    import pyarrow.compute as pc

    sentinels = pa.array(sorted(SENTINELS), pa.float64())
    all_usable = None
    for rank, field in enumerate(_PRICE_FIELDS):
        values = _column(bars, field)
        sentinel = pc.is_in(values, value_set=sentinels)
        non_finite = pc.invert(pc.is_finite(values))
        usable = pc.and_(pc.invert(sentinel), pc.invert(non_finite))
        all_usable = usable if all_usable is None else pc.and_(all_usable, usable)

        def show(row: int, values: "pa.Array" = values, field: str = field) -> str:
            return f"{field} is {values[row].as_py()!r}"

        _emit(found, sentinel, rank, "bars.sentinel", "warning", show, field)
        _emit(found, non_finite, rank, "bars.non_finite", "error", show, field)
        if not allow_negative:
            negative = pc.and_(usable, pc.less(values, 0.0))
            zero = pc.equal(values, 0.0)
            _emit(found, negative, rank, "bars.negative_price", "error", show, field)
            _emit(found, zero, rank, "bars.zero_price", "error", show, field)
    return all_usable


def _check_ohlc(
    bars: "pa.Table", usable: "pa.BooleanArray", found: list[tuple[int, int, Finding]]
) -> None:
    import pyarrow.compute as pc

    open_, high, low, close = (_column(bars, field) for field in _PRICE_FIELDS)
    consistent = pc.and_(
        pc.and_(pc.less_equal(low, open_), pc.less_equal(open_, high)),
        pc.and_(pc.less_equal(low, close), pc.less_equal(close, high)),
    )
    broken = pc.and_(usable, pc.invert(consistent))

    def show(row: int) -> str:
        o, h, lo, c = (column[row].as_py() for column in (open_, high, low, close))
        return f"need low <= open, close <= high; got open={o:g} high={h:g} low={lo:g} close={c:g}"

    _emit(found, broken, _RANK_OHLC, "bars.ohlc_consistency", "error", show, None)


def _check_volume(bars: "pa.Table", found: list[tuple[int, int, Finding]]) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc

    volume = _column(bars, "volume")
    sentinel = pc.is_in(volume, value_set=pa.array(sorted(int(s) for s in SENTINELS)))
    negative = pc.and_(pc.less(volume, 0), pc.invert(sentinel))

    def show(row: int) -> str:
        return f"volume is {volume[row].as_py()}"

    _emit(found, sentinel, _RANK_VOLUME, "bars.sentinel", "warning", show, "volume")
    _emit(found, negative, _RANK_VOLUME, "bars.negative_volume", "error", show, "volume")


def _check_order(bars: "pa.Table", found: list[tuple[int, int, Finding]]) -> None:
    """Not monotonic, duplicate timestamps (different values) and duplicate rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    times = _column(bars, "timestamp").cast(pa.int64())
    size = len(times)
    if size < 2:
        return
    backwards = pc.less_equal(times.slice(1), times.slice(0, size - 1))
    if not pc.any(backwards).as_py():
        return  # strictly increasing: the common case costs one comparison
    first = _first_rows(times)
    rows = pa.array(range(size), pa.int64())
    repeat = pc.not_equal(first, rows)
    later = pa.concat_arrays([pa.array([False]), backwards])
    not_monotonic = pc.and_(pc.invert(repeat), later)
    same = None
    for field in (*_PRICE_FIELDS, "volume"):
        values = _column(bars, field)
        equal = pc.equal(values, values.take(first))
        same = equal if same is None else pc.and_(same, equal)
    exact = pc.and_(repeat, same)
    differs = pc.and_(repeat, pc.invert(same))

    def when(row: int) -> str:
        return str(bars["timestamp"][row].as_py().isoformat())

    def earlier(row: int) -> int:
        return int(first[row].as_py())

    _emit(
        found,
        not_monotonic,
        _RANK_ORDER,
        "bars.not_monotonic",
        "error",
        lambda r: f"timestamp {when(r)} is before the previous bar's {when(r - 1)}",
        "timestamp",
    )
    _emit(
        found,
        exact,
        _RANK_ORDER,
        "bars.duplicate_row",
        "warning",
        lambda r: f"repeats row {earlier(r)} exactly ({when(r)})",
        None,
    )
    _emit(
        found,
        differs,
        _RANK_ORDER,
        "bars.duplicate_timestamp",
        "error",
        lambda r: f"timestamp {when(r)} already used by row {earlier(r)} with different values",
        "timestamp",
    )


def _first_rows(times: "pa.Array") -> "pa.Array":
    """For each row, the first row with the same timestamp (a stable sort groups them)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    order = pc.sort_indices(times)  # stable: within a timestamp, rows stay in input order
    ordered = times.take(order)
    size = len(times)
    starts = pa.concat_arrays(
        [
            pa.array([True]),
            pc.not_equal(ordered.slice(1), ordered.slice(0, size - 1)),
        ]
    )
    group = pc.subtract(pc.cumulative_sum(starts.cast(pa.int64())), 1)
    first_in_order = order.filter(starts).take(group)
    # Scatter back to input positions: position order[i] gets first_in_order[i].
    inverse = pc.sort_indices(order)
    return first_in_order.take(inverse)
