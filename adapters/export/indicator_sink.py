"""Datasets of bars with indicator columns: ``<out>/indicators_<interval>/...``.

The bars schema has no room for the columns ``--add`` asks for, and which columns exist
depends on the run, so the schema is built per run (the bars columns, then one nullable
float per indicator column) and everything else is the ``FileSink``'s: Hive layout,
content-hashed files, idempotent keyed merges, provenance metadata. A partition already
holding other indicator columns is refused with a clear error rather than merged into
rows that would half lack their values.
"""

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from adapters.export.arrow_schemas import arrow_schema
from adapters.export.convert import conform, table_to_arrow
from adapters.export.dedupe import latest_by_key
from adapters.export.layout import data_files, partition_dir
from adapters.export.sink import FileSink, _Outcome, _partitions, _refuse_empty_symbols
from ports import (
    BARS,
    Column,
    DatasetSchema,
    DatasetWriteFailed,
    InvalidInput,
    Provenance,
    Table,
    WriteReport,
)

__all__ = ["IndicatorSink", "indicators_dataset", "indicators_schema"]


def indicators_dataset(interval: str) -> str:
    """``indicators_1d``: bars of ``interval`` with indicator columns."""
    return f"indicators_{interval}"


def indicators_schema(columns: Sequence[str]) -> DatasetSchema:
    """The bars columns followed by one nullable float64 per indicator column."""
    clash = [name for name in columns if name in BARS.names]
    if clash:
        raise InvalidInput(f"indicator columns {clash} clash with bar columns", "rename them")
    return DatasetSchema(
        kind="indicators",
        version=1,
        columns=(*BARS.columns, *(Column(name, "float64", nullable=True) for name in columns)),
        key=BARS.key,
        time_column=BARS.time_column,
    )


@attrs.frozen
class IndicatorSink(FileSink):
    """A ``FileSink`` for one run's indicator schema (``schema``)."""

    schema: DatasetSchema = attrs.field(kw_only=True)

    def write(self, dataset: str, table: Table, provenance: Provenance) -> WriteReport:
        if table.schema != self.schema:
            raise InvalidInput(
                f"a {table.schema.kind} table does not match this sink's columns",
                f"columns are: {', '.join(self.schema.names)}",
            )
        return self.write_arrow(dataset, table_to_arrow(table), provenance)

    def write_arrow(self, dataset: str, data: Any, provenance: Provenance) -> WriteReport:
        schema = self.schema
        conformed = conform(data, schema)
        _refuse_empty_symbols(conformed)
        metadata = self._metadata(dataset, schema, provenance)
        metadata["indicator_columns"] = json.dumps(list(schema.names[len(BARS.names) :]))
        parts = _partitions(conformed, schema)
        for symbol, year, _ in parts:  # check every partition before writing any
            self._check_columns(partition_dir(self.out, dataset, symbol, year))
        outcomes: list[_Outcome] = []
        for symbol, year, rows in parts:
            try:
                outcome = self._write_partition(dataset, schema, symbol, year, rows, metadata)
            except DatasetWriteFailed as error:
                error.completed = self._relative(p for o in outcomes for p in o.written)
                raise
            outcomes.append(outcome)
        return WriteReport(
            dataset=dataset,
            rows_received=conformed.num_rows,
            rows_added=sum(o.added for o in outcomes),
            rows_skipped=sum(o.skipped for o in outcomes),
            files_written=self._relative(p for o in outcomes for p in o.written),
            files_removed=self._relative(p for o in outcomes for p in o.removed),
        )

    def read_arrow(self, dataset: str, symbols: Sequence[str] | None = None) -> Any:
        """Every stored row (of ``symbols``) in this sink's columns, one per key."""
        import pyarrow as pa

        from adapters.export.layout import symbol_of

        wanted = None if symbols is None else set(symbols)
        parts = []
        root = self.out / dataset
        for symbol_dir in sorted(root.iterdir()) if root.is_dir() else []:
            symbol = symbol_of(symbol_dir.name)
            if not symbol_dir.is_dir() or symbol is None:
                continue
            if wanted is not None and symbol not in wanted:
                continue
            for year_dir in sorted(symbol_dir.iterdir()):
                files = data_files(year_dir, self._format.extension)
                if year_dir.name.startswith("year=") and files:
                    parts.append(self._read_files(files, self.schema))
        if not parts:
            return arrow_schema(self.schema).empty_table()
        return latest_by_key(pa.concat_tables(parts), self.schema.key)

    def _check_columns(self, directory: Path) -> None:
        for path in data_files(directory, self._format.extension) if directory.is_dir() else []:
            stored = _stored_columns(path, self._format.extension)
            if stored is not None and stored != list(self.schema.names):
                extra = stored[len(BARS.names) :]
                raise InvalidInput(
                    f"{path.parent} already holds indicator columns {extra}; this run "
                    f"writes {list(self.schema.names[len(BARS.names) :])}",
                    "use the same --add as before, another --out folder, or remove that "
                    "dataset folder first",
                )


def _stored_columns(path: Path, extension: str) -> list[str] | None:
    """Column names of a stored file (None when it cannot tell: an empty text file)."""
    if extension == "parquet":
        import pyarrow.parquet as pq

        return list(pq.read_schema(path).names)
    with path.open(encoding="utf-8") as file:
        first = file.readline().strip()
    if not first:
        return None
    if extension == "csv":
        return [name.strip('"') for name in first.split(",")]
    return list(json.loads(first))
