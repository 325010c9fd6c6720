"""Records to Arrow and back, column by column (never one Python object per row).

``bars_to_arrow`` is the one way bars become Arrow: a provider's ``BarColumns`` hold typed
arrays, which Arrow wraps where they are.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from trade_analyst.adapters.export.arrow_schemas import arrow_schema, arrow_type
from trade_analyst.adapters.export.sessions_arrow import trade_dates
from trade_analyst.ports import BARS, BarColumns, DatasetSchema, InvalidInput, Table, bar_calendar

if TYPE_CHECKING:
    from array import array

    import pyarrow as pa


def table_to_arrow(table: Table) -> "pa.Table":
    """A port ``Table`` as an Arrow table of its dataset's Arrow schema."""
    import pyarrow as pa

    target = arrow_schema(table.schema)
    arrays = [
        pa.array(values, type=field.type)
        for values, field in zip(table.columns, target, strict=True)
    ]
    return pa.Table.from_arrays(arrays, schema=target)


def arrow_to_table(data: "pa.Table", schema: DatasetSchema) -> Table:
    """An Arrow table (already conformed to ``schema``) as a port ``Table``."""
    import pyarrow as pa

    columns: dict[str, list[object]] = {}
    for column in schema.columns:
        values = data[column.name]
        if column.kind == "timestamp":
            values = values.cast(pa.int64())
        columns[column.name] = values.to_pylist()
    return Table.from_columns(schema, columns)


def conform(data: "pa.Table", schema: DatasetSchema) -> "pa.Table":
    """``data`` with exactly ``schema``'s columns, order and Arrow types, or InvalidInput."""
    import pyarrow as pa

    target = arrow_schema(schema)
    names = set(data.column_names)
    if names != set(target.names):
        raise InvalidInput(
            f"{schema.kind} table columns do not match: missing "
            f"{sorted(set(target.names) - names)}, unexpected {sorted(names - set(target.names))}",
            f"{schema.kind} columns are: {', '.join(target.names)}",
        )
    try:
        conformed = data.select(target.names).cast(target)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError) as error:
        raise InvalidInput(
            f"{schema.kind} table has values of the wrong type: {error}",
            f"{schema.kind} schema: {target}",
        ) from error
    for field in target:
        if not field.nullable and conformed[field.name].null_count:
            raise InvalidInput(
                f"column {field.name!r} has nulls", f"{field.name!r} is required in every row"
            )
    return conformed


def wrap_column(values: "array[Any]", arrow_type: "pa.DataType") -> "pa.Array":
    """An Arrow array over the memory of an ``array.array`` column (no copy)."""
    import pyarrow as pa

    return pa.Array.from_buffers(arrow_type, len(values), [None, pa.py_buffer(values)])


def bars_to_arrow(
    bars: BarColumns, contract: str | None = None, *, synthetic: bool = False
) -> "pa.Table":
    """Bars as an Arrow bars table, in the dataset's types: whole volumes (a fractional one
    is ``InvalidInput``), each bar's trade date (``bar_trade_date``) and ``synthetic``."""
    import pyarrow as pa

    size = len(bars)
    stamps = wrap_column(bars.timestamps, arrow_type("timestamp"))
    try:
        # pa.array(floats, int64) would truncate 12.5 silently; a safe cast refuses it.
        volume = wrap_column(bars.volume, pa.float64()).cast(pa.int64(), safe=True)
    except pa.ArrowInvalid as error:
        raise InvalidInput(
            f"{bars.symbol} has fractional volumes", "datasets store whole volumes"
        ) from error
    columns = [
        pa.repeat(pa.scalar(bars.symbol, pa.string()), size),
        pa.repeat(pa.scalar(contract, pa.string()), size),
        stamps,
        trade_dates(stamps, bar_calendar(bars.symbol), bars.interval),
        wrap_column(bars.open, pa.float64()),
        wrap_column(bars.high, pa.float64()),
        wrap_column(bars.low, pa.float64()),
        wrap_column(bars.close, pa.float64()),
        volume,
        pa.repeat(pa.scalar(synthetic, pa.bool_()), size),
    ]
    return pa.Table.from_arrays(columns, schema=arrow_schema(BARS))


def bar_parts_table(
    parts: Sequence[tuple[str | None, BarColumns]], *, synthetic: bool = False
) -> "pa.Table":
    """One symbol's bars, one part per contract (None for a plain symbol), as one Arrow
    bars table in the parts' order; ``synthetic`` says whether they are made up (mock)."""
    import pyarrow as pa

    tables = [bars_to_arrow(bars, contract, synthetic=synthetic) for contract, bars in parts]
    return pa.concat_tables(tables) if tables else arrow_schema(BARS).empty_table()
