"""A dataset sink in dictionaries, with the same keys, partitions and reports as the files."""

import hashlib
from collections.abc import Sequence

import attrs

from trade_analyst.ports import (
    BARS,
    PARTITION_COLUMN,
    BarParts,
    InvalidInput,
    Provenance,
    Table,
    WriteReport,
    bars_table,
    from_epoch_ms,
    schema_for,
)

Row = tuple[object, ...]
Key = tuple[object, ...]
Partition = tuple[str, int]


@attrs.frozen
class _Stored:
    rows: dict[Key, Row]
    name: str
    provenance: Provenance


def _content_name(rows: dict[Key, Row]) -> str:
    text = repr(sorted(rows.items(), key=lambda item: repr(item[0])))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


@attrs.define
class InMemorySink:
    """Keeps each partition (symbol, UTC year) as a dict from key to row.

    A partition's "file" is named by a hash of its rows, so reports list the same kind of
    changes a file sink does: one name written per changed partition, the old one removed.
    """

    _datasets: dict[str, dict[Partition, _Stored]] = attrs.field(factory=dict, init=False)

    def write_bars(self, dataset: str, parts: BarParts, provenance: Provenance) -> WriteReport:
        tables = [
            bars_table(series, contract, synthetic=provenance.synthetic)
            for contract, series in parts
        ]
        combined = {name: [v for t in tables for v in t.column(name)] for name in BARS.names}
        return self.write(dataset, Table.from_columns(BARS, combined), provenance)

    def write(self, dataset: str, table: Table, provenance: Provenance) -> WriteReport:
        schema = schema_for(dataset)
        if table.schema != schema:
            raise InvalidInput(
                f"a {table.schema.kind} table cannot go to dataset {dataset!r}",
                f"{dataset} takes {schema.kind} tables",
            )
        incoming, received = self._by_partition(table)
        stored = self._datasets.setdefault(dataset, {})
        added = skipped = 0
        written: list[str] = []
        removed: list[str] = []
        for partition, rows in sorted(incoming.items()):
            before = stored.get(partition)
            merged = dict(before.rows) if before else {}
            merged.update(rows)  # the newest write wins for a key it shares
            # Compare by content name, not ==: NaN != NaN would make every re-run a change.
            name = _content_name(merged)
            if before is not None and name == before.name:
                skipped += received[partition]  # rows given, repeats within the write included
                continue
            added += len(merged) - (len(before.rows) if before else 0)
            stored[partition] = _Stored(merged, name, provenance)
            written.append(self._path(dataset, partition, name))
            if before is not None:
                removed.append(self._path(dataset, partition, before.name))
        return WriteReport(
            dataset=dataset,
            rows_received=len(table),
            rows_added=added,
            rows_skipped=skipped,
            files_written=tuple(sorted(written)),
            files_removed=tuple(sorted(removed)),
        )

    def read(self, dataset: str, symbols: Sequence[str] | None = None) -> Table:
        schema = schema_for(dataset)
        wanted = None if symbols is None else set(symbols)
        rows: dict[Key, Row] = {}
        for (symbol, _year), part in self._datasets.get(dataset, {}).items():
            if wanted is None or symbol in wanted:
                rows.update(part.rows)
        ordered = [rows[key] for key in sorted(rows)]
        columns = {name: [row[i] for row in ordered] for i, name in enumerate(schema.names)}
        return Table.from_columns(schema, columns)

    def provenance(self, dataset: str, symbol: str, year: int) -> Provenance:
        """The provenance of the write that last changed one partition."""
        return self._datasets[dataset][(symbol, year)].provenance

    @staticmethod
    def _by_partition(
        table: Table,
    ) -> tuple[dict[Partition, dict[Key, Row]], dict[Partition, int]]:
        schema = table.schema
        key_at = [schema.names.index(name) for name in schema.key]
        symbol_at = schema.names.index(PARTITION_COLUMN)
        time_at = schema.names.index(schema.time_column)
        partitions: dict[Partition, dict[Key, Row]] = {}
        received: dict[Partition, int] = {}
        for row in zip(*table.columns, strict=True):
            symbol = row[symbol_at]
            if not symbol:
                raise InvalidInput("a row has an empty symbol", "every row needs a symbol")
            year = from_epoch_ms(row[time_at]).year
            key = tuple(row[i] for i in key_at)
            # Later rows of one write replace earlier ones with the same key.
            partition = (str(symbol), year)
            partitions.setdefault(partition, {})[key] = row
            received[partition] = received.get(partition, 0) + 1
        return partitions, received

    @staticmethod
    def _path(dataset: str, partition: Partition, name: str) -> str:
        symbol, year = partition
        return f"{dataset}/symbol_key={symbol}/year={year}/{name}"
