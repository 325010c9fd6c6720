"""``domain.validation.validate_bars`` on Arrow columns: the rows that break a rule are found
with pyarrow.compute, and only those rows are described, by the domain's own per-row rules.

So the findings (rule ids, severities, rows, fields, messages, order) are the domain's,
while Python work grows with the number of findings, not of rows. A ``SessionRule`` is
computed in bulk (``sessions_arrow``); any other session predicate is asked once per bar.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

from trade_analyst.adapters.export.arrow_schemas import arrow_type
from trade_analyst.adapters.export.sessions_arrow import open_rows
from trade_analyst.domain.validation import (
    SENTINELS,
    Finding,
    SessionRule,
    order_finding,
    price_findings,
    session_finding,
    volume_findings,
)

if TYPE_CHECKING:
    import datetime as dt

    import pyarrow as pa

    from trade_analyst.ports import BarColumns

_PRICE_FIELDS = ("open", "high", "low", "close")
_VALUE_FIELDS = (*_PRICE_FIELDS, "volume")
# Where each rule's findings stand within a row, as validate_bars emits them.
_RANK_VALUES, _RANK_ORDER, _RANK_SESSION = 0, 1, 2
Found = list[tuple[int, int, Finding]]


def validate_bars_table(
    bars: "pa.Table",
    *,
    symbol: str = "",
    allow_negative: bool = False,
    is_open_at: "Callable[[dt.datetime], bool] | None" = None,
) -> list[Finding]:
    """Findings for one symbol's bars table (the bars columns; volume int or float) in row
    order, as ``validate_bars`` gives for the same bars; never raises on bad data."""
    if bars.num_rows == 0:
        return [Finding("bars.empty", "warning", None, f"no bars for {symbol}")]
    found: Found = []
    _check_values(bars, allow_negative, found)
    _check_order(bars, found)
    if is_open_at is not None:
        _check_sessions(bars, is_open_at, found)
    found.sort(key=lambda item: (item[0], item[1]))  # stable: a row's findings keep order
    return [finding for _row, _rank, finding in found]


def _column(bars: "pa.Table", name: str) -> "pa.Array":
    import pyarrow as pa

    return bars[name].combine_chunks().cast(pa.float64())


def _rows(mask: "pa.BooleanArray") -> list[int]:
    import pyarrow.compute as pc

    result: list[int] = pc.indices_nonzero(mask).to_pylist()
    return result


def _check_values(bars: "pa.Table", allow_negative: bool, found: Found) -> None:
    """Prices, OHLC order and volume: the domain's clean-row test in bulk, then its rules
    on each row that fails it."""
    import pyarrow as pa
    import pyarrow.compute as pc

    open_, high, low, close = (_column(bars, field) for field in _PRICE_FIELDS)
    volume = _column(bars, "volume")
    finite = pc.is_finite(pc.add(pc.add(open_, high), pc.add(low, close)))
    if allow_negative:
        sentinels = pa.array(sorted(SENTINELS), pa.float64())
        usable = pc.invert(
            pc.or_(
                pc.or_(pc.is_in(open_, value_set=sentinels), pc.is_in(high, value_set=sentinels)),
                pc.or_(pc.is_in(low, value_set=sentinels), pc.is_in(close, value_set=sentinels)),
            )
        )
    else:
        lowest = pc.min_element_wise(
            pc.min_element_wise(open_, high), pc.min_element_wise(low, close)
        )
        usable = pc.greater(lowest, 0.0)
    ordered = pc.and_(
        pc.and_(pc.less_equal(low, open_), pc.less_equal(open_, high)),
        pc.and_(pc.less_equal(low, close), pc.less_equal(close, high)),
    )
    clean_prices = pc.and_(pc.and_(finite, usable), ordered)
    clean_volume = pc.and_(pc.is_finite(volume), pc.greater_equal(volume, 0.0))
    for row in _rows(pc.invert(clean_prices)):
        prices = (open_[row].as_py(), high[row].as_py(), low[row].as_py(), close[row].as_py())
        for finding in price_findings(row, prices, allow_negative):
            found.append((row, _RANK_VALUES, finding))
    for row in _rows(pc.invert(clean_volume)):
        for finding in volume_findings(row, volume[row].as_py()):
            found.append((row, _RANK_VALUES, finding))


def _check_order(bars: "pa.Table", found: Found) -> None:
    """Not monotonic, duplicate timestamps (different values) and duplicate rows."""
    import pyarrow as pa
    import pyarrow.compute as pc

    times = bars["timestamp"].combine_chunks().cast(pa.int64())
    size = len(times)
    if size < 2:
        return
    backwards = pc.less_equal(times.slice(1), times.slice(0, size - 1))
    if not pc.any(backwards).as_py():
        return  # strictly increasing: the common case costs one comparison
    first = _first_rows(times)
    repeat = pc.not_equal(first, pa.array(range(size), pa.int64()))
    later = pa.concat_arrays([pa.array([False]), backwards])
    same = pa.repeat(pa.scalar(True), size)
    for field in _VALUE_FIELDS:
        values = _column(bars, field)
        same = pc.and_(same, pc.equal(values, values.take(first)))
    stamps = bars["timestamp"].combine_chunks()
    for row in _rows(pc.or_(repeat, later)):
        finding = order_finding(
            row,
            stamps[row].as_py(),
            stamps[row - 1].as_py(),
            first[row].as_py(),
            bool(same[row].as_py()),
        )
        if finding is not None:
            found.append((row, _RANK_ORDER, finding))


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


def _check_sessions(
    bars: "pa.Table", is_open_at: "Callable[[dt.datetime], bool]", found: Found
) -> None:
    """A ``SessionRule`` is computed for the whole column, and asked itself only about the
    bars the bulk check did not accept; any other predicate is asked about every bar."""
    import numpy as np

    stamps = bars["timestamp"].combine_chunks()
    if isinstance(is_open_at, SessionRule):
        rows: list[int] = np.flatnonzero(~open_rows(stamps, is_open_at)).tolist()
    else:
        rows = list(range(len(stamps)))
    for row in rows:
        finding = session_finding(row, stamps[row].as_py(), is_open_at)
        if finding is not None:
            found.append((row, _RANK_SESSION, finding))


def validate_bar_columns(
    bars: "BarColumns",
    *,
    is_open_at: "Callable[[dt.datetime], bool] | None" = None,
    allow_negative: bool = False,
) -> list[Finding]:
    """``validate_bars``' findings for ``bars``, computed on Arrow arrays over its columns."""
    import pyarrow as pa

    from trade_analyst.adapters.export.convert import wrap_column

    table = pa.table(
        {
            "timestamp": wrap_column(bars.timestamps, arrow_type("timestamp")),
            **{name: wrap_column(getattr(bars, name), pa.float64()) for name in _VALUE_FIELDS},
        }
    )
    return validate_bars_table(
        table, symbol=bars.symbol, allow_negative=allow_negative, is_open_at=is_open_at
    )
