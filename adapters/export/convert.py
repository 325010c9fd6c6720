"""Records to Arrow and back, column by column (never one Python object per row).

``bar_series_to_table`` is the one way bars become Arrow: a provider's ``BarSeries`` is
already column-wise, so each column becomes one Arrow array.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from trade_analyst.adapters.export.arrow_schemas import arrow_schema, arrow_type
from trade_analyst.adapters.export.sessions_arrow import trade_dates
from trade_analyst.domain.models import BarSeries
from trade_analyst.ports import BARS, DatasetSchema, InvalidInput, Table, bar_calendar

if TYPE_CHECKING:
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


def _whole_volumes(volumes: "pa.Array") -> "pa.Array":
    # pa.array(floats, int64) would truncate 12.5 silently; a safe cast refuses it instead.
    import pyarrow as pa

    return volumes.cast(pa.int64(), safe=True)


def bar_series_to_table(
    series: BarSeries,
    contract: str | None = None,
    *,
    exact: bool = False,
    synthetic: bool = False,
) -> "pa.Table":
    """A domain ``BarSeries`` as an Arrow bars table, in the dataset's types: timestamps
    floored to milliseconds, whole volumes (a fractional one is ``InvalidInput``), each
    bar's trade date (``bar_trade_date``) and ``synthetic``.

    ``exact`` keeps what the series holds instead (microsecond timestamps, float volumes,
    no trade date or synthetic), for checks that must see the bars as the domain does.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    size = len(series)
    micros = pa.array(series.timestamps, pa.timestamp("us", tz="UTC"))
    volume = pa.array(series.volume, pa.float64())
    if not exact:
        micros = pc.floor_temporal(micros, unit="millisecond").cast(arrow_type("timestamp"))
        try:
            volume = _whole_volumes(volume)
        except pa.ArrowInvalid as error:
            raise InvalidInput(
                f"{series.symbol} has fractional volumes", "datasets store whole volumes"
            ) from error
    columns = {
        "symbol": pa.repeat(pa.scalar(series.symbol, pa.string()), size),
        "contract": pa.repeat(pa.scalar(contract, pa.string()), size),
        "timestamp": micros,
        "open": pa.array(series.open, pa.float64()),
        "high": pa.array(series.high, pa.float64()),
        "low": pa.array(series.low, pa.float64()),
        "close": pa.array(series.close, pa.float64()),
        "volume": volume,
    }
    if exact:
        return pa.table(columns)
    columns["trade_date"] = trade_dates(micros, bar_calendar(series.symbol), series.interval)
    columns["synthetic"] = pa.repeat(pa.scalar(synthetic, pa.bool_()), size)
    return pa.Table.from_pydict(columns, schema=arrow_schema(BARS))


def bar_parts_table(
    parts: Sequence[tuple[str | None, BarSeries]], *, synthetic: bool = False
) -> "pa.Table":
    """One symbol's bars, one part per contract (None for a plain symbol), as one Arrow
    bars table in the parts' order; ``synthetic`` says whether they are made up (mock)."""
    import pyarrow as pa

    tables = [
        bar_series_to_table(series, contract, synthetic=synthetic) for contract, series in parts
    ]
    return pa.concat_tables(tables) if tables else arrow_schema(BARS).empty_table()
