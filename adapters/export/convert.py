"""Records to Arrow and back, column by column (never one Python object per row).

``candles_to_table`` is the bulk path: a Schwab ``pricehistory`` body is parsed once with
``json.loads`` and each field becomes one list and then one Arrow array.
"""

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from trade_analyst.adapters.export.arrow_schemas import arrow_schema, arrow_type
from trade_analyst.domain.models import BarSeries
from trade_analyst.ports import BARS, DatasetSchema, InvalidInput, ProviderError, Table

if TYPE_CHECKING:
    import pyarrow as pa

_CANDLE_FIELDS = ("datetime", "open", "high", "low", "close", "volume")


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


def candles_to_table(
    payload: bytes | str | Mapping[str, object], symbol: str, contract: str | None = None
) -> "pa.Table":
    """A Schwab-shaped candles body (``{"candles": [...], "symbol": ..., "empty": ...}``) as
    an Arrow bars table. Malformed bodies raise ``ProviderError`` naming the first bad candle.
    """
    import pyarrow as pa

    body = json.loads(payload) if isinstance(payload, bytes | str) else payload
    candles = body.get("candles") if isinstance(body, Mapping) else None
    if not isinstance(candles, list):
        raise ProviderError("price history body has no 'candles' list", "the provider changed")
    try:
        lists = {field: [c[field] for c in candles] for field in _CANDLE_FIELDS}
    except (KeyError, TypeError) as error:
        raise ProviderError(_first_bad_candle(candles), "the provider changed") from error
    size = len(candles)
    try:
        columns = {
            "symbol": pa.repeat(pa.scalar(symbol, pa.string()), size),
            "contract": pa.repeat(pa.scalar(contract, pa.string()), size),
            # int64 first: epoch ms are exact there; then a zero-copy view as timestamps.
            "timestamp": pa.array(lists["datetime"], pa.int64()).view(arrow_type("timestamp")),
            "open": pa.array(lists["open"], pa.float64()),
            "high": pa.array(lists["high"], pa.float64()),
            "low": pa.array(lists["low"], pa.float64()),
            "close": pa.array(lists["close"], pa.float64()),
            "volume": _whole_volumes(pa.array(lists["volume"], pa.float64())),
        }
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError) as error:
        raise ProviderError(f"price history candles hold bad values: {error}") from error
    return pa.Table.from_pydict(columns, schema=arrow_schema(BARS))


def _whole_volumes(volumes: "pa.Array") -> "pa.Array":
    # pa.array(floats, int64) would truncate 12.5 silently; a safe cast refuses it instead.
    import pyarrow as pa

    return volumes.cast(pa.int64(), safe=True)


def _first_bad_candle(candles: list[object]) -> str:
    for row, candle in enumerate(candles):
        if not isinstance(candle, Mapping):
            return f"candle {row} is not an object"
        missing = [field for field in _CANDLE_FIELDS if field not in candle]
        if missing:
            return f"candle {row} lacks {', '.join(missing)}"
    return "candles are malformed"


def bar_series_to_table(
    series: BarSeries, contract: str | None = None, *, exact: bool = False
) -> "pa.Table":
    """A domain ``BarSeries`` as an Arrow bars table, in the dataset's types: timestamps
    floored to milliseconds, whole volumes (a fractional one is ``InvalidInput``).

    ``exact`` keeps what the series holds instead (microsecond timestamps, float volumes),
    for checks that must see the bars as the domain does.
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
    return pa.Table.from_pydict(columns, schema=arrow_schema(BARS))


def bar_parts_table(parts: Sequence[tuple[str | None, BarSeries]]) -> "pa.Table":
    """One symbol's bars, one part per contract (None for a plain symbol), as one Arrow
    bars table in the parts' order."""
    import pyarrow as pa

    tables = [bar_series_to_table(series, contract) for contract, series in parts]
    return pa.concat_tables(tables) if tables else arrow_schema(BARS).empty_table()
