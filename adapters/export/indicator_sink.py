"""Datasets of bars with indicator columns: ``<out>/indicators_<interval>/...``.

The bars schema has no room for the columns ``--add`` asks for, so the sink is given the
run's schema (``indicators_schema``: the bars columns, then one nullable float per indicator
column) and everything else is the ``FileSink``'s: Hive layout, content-hashed files,
idempotent keyed merges, provenance metadata. A partition already holding other indicator
columns is refused with a clear error rather than merged into rows that would half lack
their values.
"""

import json
from pathlib import Path

import attrs

from trade_analyst.adapters.export.sink import FileSink
from trade_analyst.ports import BARS, DatasetSchema, InvalidInput

__all__ = ["IndicatorSink"]


@attrs.frozen
class IndicatorSink(FileSink):
    """A ``FileSink`` for one run's indicator schema (``schema``)."""

    schema: DatasetSchema = attrs.field(kw_only=True)

    def _schema(self, dataset: str) -> DatasetSchema:
        return self.schema

    def _extra_metadata(self, schema: DatasetSchema) -> dict[str, str]:
        return {"indicator_columns": json.dumps(list(schema.names[len(BARS.names) :]))}

    def _check_partition(self, files: list[Path]) -> None:
        for path in files:
            stored = _stored_columns(path, self._format.extension)
            # A file of the first schema lacks the columns added since; it reads with nulls.
            first_schema = [c.name for c in self.schema.columns if c.since == 1]
            if stored is not None and stored not in (list(self.schema.names), first_schema):
                extra = [name for name in stored if name not in BARS.names]
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
