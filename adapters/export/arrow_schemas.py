"""The Arrow schema of each dataset schema (pyarrow is imported here, on first use)."""

from typing import TYPE_CHECKING

from trade_analyst.ports import DatasetSchema

if TYPE_CHECKING:
    import pyarrow as pa


def arrow_type(kind: str) -> "pa.DataType":
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "float64": pa.float64(),
        "int64": pa.int64(),
        # Milliseconds: what Schwab sends, and readable by every Parquet tool (ns is not).
        "timestamp": pa.timestamp("ms", tz="UTC"),
        "date": pa.date32(),
        "bool": pa.bool_(),
    }
    return types[kind]


def arrow_schema(schema: DatasetSchema) -> "pa.Schema":
    import pyarrow as pa

    return pa.schema(
        [pa.field(c.name, arrow_type(c.kind), nullable=c.nullable) for c in schema.columns]
    )
