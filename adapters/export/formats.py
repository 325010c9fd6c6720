"""The three file formats: how each writes a conformed Arrow table and reads it back.

Parquet keeps the provenance in the file's key-value metadata. CSV and JSON lines have no
place for it, so a sidecar ``_<file>.json`` next to the data holds the same keys (readers
skip ``_`` names). Times in CSV and JSON lines are RFC 3339 UTC with ``Z``.

Non-finite floats are kept, not nulled: CSV writes ``nan``/``inf``, JSON lines the
``NaN``/``Infinity`` tokens that Python, pyarrow, DuckDB and pandas read (strict JSON has
no such values; dropping them would change the data and break idempotent re-runs).
"""

import json
from typing import TYPE_CHECKING, BinaryIO, Literal, Protocol

import attrs

from trade_analyst.adapters.export.arrow_schemas import arrow_schema
from trade_analyst.ports import DatasetSchema

if TYPE_CHECKING:
    import pyarrow as pa

FormatName = Literal["parquet", "csv", "jsonl"]
_RFC3339 = "%Y-%m-%dT%H:%M:%SZ"  # %S carries the milliseconds for a ms timestamp
# The sidecar key holding the data file's size in bytes: text has no footer to show that a
# file was cut short, so a write records the size and a later write compares it.
SIDECAR_SIZE = "data_bytes"


class FileFormat(Protocol):
    @property
    def extension(self) -> str: ...

    @property
    def sidecar(self) -> bool:
        """Whether provenance goes to a ``_<file>.json`` sidecar (no room in the file)."""
        ...

    def write(self, table: "pa.Table", metadata: dict[str, str], file: BinaryIO) -> None: ...

    def read(self, path: str, schema: DatasetSchema) -> "pa.Table": ...


@attrs.frozen
class ParquetFormat:
    extension: str = "parquet"
    sidecar: bool = False
    compression: str = "zstd"

    def write(self, table: "pa.Table", metadata: dict[str, str], file: BinaryIO) -> None:
        import pyarrow.parquet as pq

        pq.write_table(
            table.replace_schema_metadata(metadata),
            file,
            compression=self.compression,
            use_dictionary=_repeating_columns(table),
        )

    def read(self, path: str, schema: DatasetSchema) -> "pa.Table":
        import pyarrow.parquet as pq

        return pq.read_table(path, schema=arrow_schema(schema)).replace_schema_metadata(None)


def _repeating_columns(table: "pa.Table") -> list[str]:
    """The columns worth dictionary-encoding: text, dates and flags repeat from row to row;
    prices, sizes and times rarely do, and a dictionary of them costs time and space."""
    import pyarrow as pa

    numeric = (pa.types.is_floating, pa.types.is_integer, pa.types.is_timestamp)
    return [field.name for field in table.schema if not any(is_(field.type) for is_ in numeric)]


def _text_times(table: "pa.Table") -> "pa.Table":
    """Timestamp columns as RFC 3339 text (Arrow's CSV writer would put a space, not T)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for index, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            text = pc.strftime(table[index], format=_RFC3339)
            table = table.set_column(index, pa.field(field.name, pa.string()), text)
    return table


def _with_added_columns(table: "pa.Table", schema: DatasetSchema) -> "pa.Table":
    """``table`` with null columns for those ``schema`` added after the file's version
    (files written before a column existed stay readable)."""
    import pyarrow as pa

    target = arrow_schema(schema)
    for column in schema.columns:
        if column.since > 1 and column.name not in table.column_names:
            kind = target.field(column.name).type
            table = table.append_column(column.name, pa.nulls(table.num_rows, kind))
    return table


@attrs.frozen
class CsvFormat:
    extension: str = "csv"
    sidecar: bool = True

    def write(self, table: "pa.Table", metadata: dict[str, str], file: BinaryIO) -> None:
        import pyarrow.csv as csv

        csv.write_csv(_text_times(table), file)

    def read(self, path: str, schema: DatasetSchema) -> "pa.Table":
        import pyarrow.csv as csv

        target = arrow_schema(schema)
        options = csv.ConvertOptions(
            column_types=target,
            # The writer quotes every string and leaves nulls bare, so "" stays a string,
            # an empty field is null, and "nan" stays NaN.
            null_values=[""],
            strings_can_be_null=True,
            quoted_strings_can_be_null=False,
        )
        table = _with_added_columns(csv.read_csv(path, convert_options=options), schema)
        return table.select(target.names).cast(target)


@attrs.frozen
class JsonLinesFormat:
    extension: str = "jsonl"
    sidecar: bool = True

    def write(self, table: "pa.Table", metadata: dict[str, str], file: BinaryIO) -> None:
        import pyarrow as pa

        text = _text_times(table)
        for index, field in enumerate(text.schema):
            if pa.types.is_date(field.type):
                text = text.set_column(index, field.name, text[index].cast(pa.string()))
        for batch in text.to_batches(max_chunksize=10_000):
            lines = [
                json.dumps(row, ensure_ascii=False, separators=(",", ":"))
                for row in batch.to_pylist()
            ]
            file.write(("\n".join(lines) + "\n").encode())

    def read(self, path: str, schema: DatasetSchema) -> "pa.Table":
        import pyarrow as pa
        import pyarrow.json as pj

        target = arrow_schema(schema)
        # pyarrow.json parses timestamps but not dates: read dates as text, then cast.
        as_read = pa.schema(
            [pa.field(f.name, pa.string()) if pa.types.is_date(f.type) else f for f in target]
        )
        options = pj.ParseOptions(explicit_schema=as_read, unexpected_field_behavior="error")
        table = _with_added_columns(pj.read_json(path, parse_options=options), schema)
        return table.select(target.names).cast(target)


def file_format(name: FormatName) -> FileFormat:
    formats: dict[str, FileFormat] = {
        "parquet": ParquetFormat(),
        "csv": CsvFormat(),
        "jsonl": JsonLinesFormat(),
    }
    return formats[name]
