"""The Arrow schema of each dataset schema (pyarrow is imported here, on first use)."""

from typing import Any

from trade_analyst.ports import DatasetSchema


def arrow_type(kind: str) -> Any:
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


def arrow_schema(schema: DatasetSchema) -> Any:
    import pyarrow as pa

    return pa.schema(
        [pa.field(c.name, arrow_type(c.kind), nullable=c.nullable) for c in schema.columns]
    )
