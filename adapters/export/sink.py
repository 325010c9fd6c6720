"""``FileSink``: datasets as Hive-partitioned Parquet, CSV or JSON-lines files.

Each (symbol, UTC year) partition holds one file named by a hash of its rows. A write to a
partition (1) dedupes the new rows by key, (2) if the partition holds exactly those rows
already, stops: nothing is rewritten; (3) otherwise reads the partition's files, unions
them with the new rows (the newest write wins per key), writes the result as one new file
atomically, and only then removes the files it read. It first deletes the temp files a
killed writer left in the partition (never those of a run still writing there).

Crash semantics: at every instant the files in a partition hold every row ever committed
to it. A crash after the new file is in place but before the old ones are removed leaves
them side by side (duplicate keys, never lost rows); the next write to that partition
merges them, the file written last winning. Readers never see temp files (dot prefix).
Layout: a write first moves the dataset's partitions still in ``symbol=`` folders (written
by earlier versions) into ``symbol_key=`` folders; a partition found in both is merged
from both folders' files by its next write, and its earlier folder removed.
Damage: every write to a partition first checks its files cheaply (``file_checks.damage``:
the Parquet footer; the size a text file's sidecar recorded). A damaged file whose name is
the hash of the fresh rows, or of the fresh rows merged with the partition's sound files,
held nothing the write is not about to store, so the write replaces it (``files_repaired``).
Any other damaged file may hold rows no one can recover from this run: the whole write is
refused before anything is written (``DatasetDamaged``), naming every such file; dropping
its rows silently would break the first rule. A file that passes the cheap check but cannot
be read in full is never merged into either (``DatasetUnreadable``). A merged file's metadata
names the write that produced it (provider, request, created_at of the newest write).
Concurrent writers to one partition may likewise leave duplicates but never lose rows,
because a writer only removes files it read and merged.
"""

import datetime as dt
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

import attrs

from trade_analyst.adapters.export.arrow_schemas import arrow_schema
from trade_analyst.adapters.export.atomic import (
    atomic_write,
    remove_files,
    remove_stale_temp_files,
)
from trade_analyst.adapters.export.convert import (
    arrow_to_table,
    bar_parts_table,
    conform,
    table_to_arrow,
)
from trade_analyst.adapters.export.dedupe import content_name, latest_by_key
from trade_analyst.adapters.export.file_checks import damage
from trade_analyst.adapters.export.formats import (
    SIDECAR_SIZE,
    FileFormat,
    FormatName,
    file_format,
)
from trade_analyst.adapters.export.layout import (
    data_files,
    legacy_partition_dir,
    partition_dir,
    sidecar_of,
    symbol_of,
)
from trade_analyst.adapters.export.migration import move_earlier_layout, remove_empty_partition
from trade_analyst.ports import (
    BARS,
    PARTITION_COLUMN,
    BarParts,
    Clock,
    DatasetDamaged,
    DatasetSchema,
    DatasetUnreadable,
    DatasetWriteFailed,
    InvalidInput,
    Provenance,
    Table,
    WriteReport,
    schema_for,
)

if TYPE_CHECKING:
    import pyarrow as pa


@attrs.frozen
class _Outcome:
    received: int
    added: int = 0
    skipped: int = 0
    written: tuple[Path, ...] = ()
    removed: tuple[Path, ...] = ()
    repaired: tuple[Path, ...] = ()


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@attrs.frozen
class FileSink:
    """A ``DatasetSink`` writing ``<out>/<dataset>/symbol_key=<escaped>/year=<YYYY>/<hash>.<ext>``.

    ``clock`` stamps ``created_at`` (the host clock when None). ``write_arrow`` takes an
    Arrow table directly, for bulk paths that never build Python rows.
    """

    out: Path = attrs.field(converter=Path)
    format: FormatName = "parquet"
    clock: Clock | None = None

    @property
    def _format(self) -> FileFormat:
        return file_format(self.format)

    def write(self, dataset: str, table: Table, provenance: Provenance) -> WriteReport:
        schema = self._schema(dataset)
        if table.schema != schema:
            raise InvalidInput(
                f"a {table.schema.kind} table cannot go to dataset {dataset!r}",
                f"{dataset} takes {schema.kind} tables: {', '.join(schema.names)}",
            )
        return self.write_arrow(dataset, table_to_arrow(table), provenance)

    def write_bars(self, dataset: str, parts: BarParts, provenance: Provenance) -> WriteReport:
        """Bars straight from their columns to Arrow (no Python row or value per bar)."""
        schema = self._schema(dataset)
        if schema != BARS:
            raise InvalidInput(
                f"bars cannot go to dataset {dataset!r}",
                f"{dataset} takes {schema.kind} tables: {', '.join(schema.names)}",
            )
        table = bar_parts_table(parts, synthetic=provenance.synthetic)
        return self.write_arrow(dataset, table, provenance)

    def write_arrow(self, dataset: str, data: "pa.Table", provenance: Provenance) -> WriteReport:
        """Write an Arrow table of ``dataset``'s columns (any column order, castable types)."""
        schema = self._schema(dataset)
        conformed = conform(data, schema)
        _refuse_empty_symbols(conformed)
        self._move_earlier_layout(dataset)
        metadata = self._metadata(dataset, schema, provenance) | self._extra_metadata(schema)
        parts = _partitions(conformed, schema)
        # Every partition is checked before any is written.
        damaged = [self._damaged(dataset, symbol, year) for symbol, year, _ in parts]
        self._refuse_unrepairable(dataset, schema, parts, damaged)
        outcomes: list[_Outcome] = []
        for (symbol, year, rows), broken in zip(parts, damaged, strict=True):
            try:
                outcome = self._write_partition(
                    dataset, schema, symbol, year, rows, metadata, broken
                )
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
            files_repaired=self._relative(p for o in outcomes for p in o.repaired),
        )

    def _damaged(self, dataset: str, symbol: str, year: int) -> list[Path]:
        """The partition's damaged files, after the hook checked its sound ones."""
        files = self._partition_files(dataset, symbol, year)
        damaged = [path for path in files if damage(path, self.format) is not None]
        self._check_partition([path for path in files if path not in damaged])
        return damaged

    def _refuse_unrepairable(
        self,
        dataset: str,
        schema: DatasetSchema,
        parts: list[tuple[str, int, "pa.Table"]],
        damaged: list[list[Path]],
    ) -> None:
        unrepairable: list[Path] = []
        for (symbol, year, rows), broken in zip(parts, damaged, strict=True):
            if not broken:
                continue
            files = self._partition_files(dataset, symbol, year)
            sound = [p for p in files if p not in broken]
            fresh = latest_by_key(rows, _file_key(schema))
            merged, _ = self._merged(sound, schema, fresh)
            covered = {self._file_name(fresh, schema), self._file_name(merged, schema)}
            unrepairable.extend(path for path in broken if path.name not in covered)
        if unrepairable:
            paths = tuple(str(path) for path in sorted(unrepairable))
            raise DatasetDamaged(
                f"damaged files this run's data cannot rebuild: {', '.join(paths)}",
                paths=paths,
            )

    def _move_earlier_layout(self, dataset: str) -> None:
        try:
            move_earlier_layout(self.out, dataset)
        except OSError as error:
            path = error.filename2 or error.filename or self.out / dataset
            raise DatasetWriteFailed(
                f"cannot move {path} into the current layout: {error.strerror or error}",
                path=str(path),
            ) from error

    def _partition_files(self, dataset: str, symbol: str, year: int) -> list[Path]:
        """The partition's data files in merge order: those still in its folder of the
        earlier ``symbol=`` layout first (older), then those in its folder."""
        folders = (
            legacy_partition_dir(self.out, dataset, symbol, year),
            partition_dir(self.out, dataset, symbol, year),
        )
        # Not a folder (a file in the way): the write itself reports that, naming the path.
        return [
            path
            for folder in folders
            if folder.is_dir()
            for path in data_files(folder, self._format.extension)
        ]

    # Hooks for sinks whose schema is decided per run (see indicator_sink.py).
    def _schema(self, dataset: str) -> DatasetSchema:
        return schema_for(dataset)

    def _extra_metadata(self, schema: DatasetSchema) -> dict[str, str]:
        return {}

    def _check_partition(self, files: list[Path]) -> None:
        """Refuse a write, given a partition's sound files, before anything is written
        (nothing to refuse here)."""

    def read(self, dataset: str, symbols: Sequence[str] | None = None) -> Table:
        schema = self._schema(dataset)
        return arrow_to_table(self.read_arrow(dataset, symbols), schema)

    def read_arrow(self, dataset: str, symbols: Sequence[str] | None = None) -> "pa.Table":
        """All rows of ``dataset`` (or of ``symbols``) as Arrow, one per key, sorted by key."""
        import pyarrow as pa

        schema = self._schema(dataset)
        wanted = None if symbols is None else set(symbols)
        parts = []
        root = self.out / dataset
        for symbol_dir in sorted(root.iterdir()) if root.is_dir() else []:
            symbol = symbol_of(symbol_dir.name)
            if not symbol_dir.is_dir() or symbol is None:
                continue  # not ours: a stray file or folder someone put there
            if wanted is not None and symbol not in wanted:
                continue
            for year_dir in sorted(symbol_dir.iterdir()):
                if not year_dir.name.startswith("year="):
                    continue
                files = data_files(year_dir, self._format.extension)
                if files:
                    parts.append(self._read_files(files, schema))
        if not parts:
            return arrow_schema(schema).empty_table()
        return latest_by_key(pa.concat_tables(parts), schema.key)

    def _write_partition(
        self,
        dataset: str,
        schema: DatasetSchema,
        symbol: str,
        year: int,
        rows: "pa.Table",
        metadata: dict[str, str],
        damaged: list[Path],
    ) -> _Outcome:
        directory = partition_dir(self.out, dataset, symbol, year)
        legacy = legacy_partition_dir(self.out, dataset, symbol, year)
        try:
            for folder in (legacy, directory):
                remove_stale_temp_files(folder)  # what an earlier run's kill -9 left behind
            existing = self._partition_files(dataset, symbol, year)
            outcome = self._merge_into(directory, existing, schema, rows, metadata, damaged)
            remove_empty_partition(legacy)  # its rows now live in the new folder
            return outcome
        except OSError as error:
            path = error.filename2 or error.filename or directory
            raise DatasetWriteFailed(
                f"cannot write {path}: {error.strerror or error}", path=str(path)
            ) from error

    def _merge_into(
        self,
        directory: Path,
        existing: list[Path],
        schema: DatasetSchema,
        rows: "pa.Table",
        metadata: dict[str, str],
        damaged: list[Path],
    ) -> _Outcome:
        """Merge ``rows`` with the partition's ``existing`` files into one file in
        ``directory`` (files of the partition's earlier-layout folder move there too)."""
        fresh = latest_by_key(rows, _file_key(schema))
        name = self._file_name(fresh, schema)
        if not damaged and existing == [directory / name]:
            return _Outcome(rows.num_rows, skipped=rows.num_rows)  # a re-run: nothing to do
        sound = [path for path in existing if path not in damaged]
        merged, before = self._merged(sound, schema, fresh)
        target = directory / (name if merged is fresh else self._file_name(merged, schema))
        if not damaged and existing == [target]:
            return _Outcome(rows.num_rows, skipped=rows.num_rows)
        directory.mkdir(parents=True, exist_ok=True)
        if target not in sound:
            self._write_file(target, merged, metadata)  # replaces a damaged file of that name
        # Only now that the merged file is durable may the files it replaces go.
        superseded = [path for path in existing if path != target]
        self._remove(superseded)
        written = () if target in sound else (target,)
        removed = tuple(superseded) + ((target,) if target in damaged else ())
        return _Outcome(
            rows.num_rows, merged.num_rows - before, 0, written, removed, tuple(damaged)
        )

    def _merged(
        self, sound: list[Path], schema: DatasetSchema, fresh: "pa.Table"
    ) -> tuple["pa.Table", int]:
        """The ``fresh`` rows (one per key) merged into the ``sound`` files' rows, the fresh
        row winning per key (``fresh`` itself when there are none), and how many rows those
        files held."""
        import pyarrow as pa

        if not sound:
            return fresh, 0
        key = _file_key(schema)
        stored = latest_by_key(self._read_files(sound, schema), key)
        return latest_by_key(pa.concat_tables([stored, fresh]), key), stored.num_rows

    def _file_name(self, rows: "pa.Table", schema: DatasetSchema) -> str:
        """A file holding exactly ``rows`` (one per key, sorted) is named by their hash."""
        salt = f"{self._format.extension}:{schema.kind}:{schema.version}"
        return f"{content_name(rows, salt)}.{self._format.extension}"

    def _write_file(self, target: Path, table: "pa.Table", metadata: dict[str, str]) -> None:
        try:
            if self._format.sidecar:
                # Sidecar first: a data file is never without its provenance. It records
                # the data's size, so a later write can tell a file that was cut short.
                data = io.BytesIO()
                self._format.write(table, metadata, data)
                recorded = metadata | {SIDECAR_SIZE: str(data.getbuffer().nbytes)}
                body = json.dumps(recorded, indent=2, sort_keys=True).encode()
                atomic_write(sidecar_of(target), lambda file: _write_bytes(file, body))
                atomic_write(target, lambda file: _write_bytes(file, data.getvalue()))
            else:
                atomic_write(target, lambda file: self._format.write(table, metadata, file))
        except OSError as error:
            # The OS names the temp file; the user needs the file we were making.
            raise DatasetWriteFailed(
                f"cannot write {target}: {error.strerror or error}", path=str(target)
            ) from error

    def _remove(self, paths: list[Path]) -> None:
        remove_files(paths)
        if self._format.sidecar:
            remove_files([sidecar_of(path) for path in paths])

    def _read_files(self, files: list[Path], schema: DatasetSchema) -> "pa.Table":
        import pyarrow as pa

        tables = []
        for path in files:
            try:
                tables.append(self._format.read(str(path), schema))
            except (pa.ArrowException, ValueError) as error:
                raise DatasetUnreadable(
                    f"cannot read {path} as {self.format} of {schema.kind}: {error}",
                    path=str(path),
                ) from error
        return pa.concat_tables(tables)

    def _metadata(
        self, dataset: str, schema: DatasetSchema, provenance: Provenance
    ) -> dict[str, str]:
        now = self.clock.now() if self.clock is not None else _utc_now()
        return {
            "schema_version": str(schema.version),
            "dataset": dataset,
            "key": json.dumps(list(schema.key)),
            "provider": provenance.provider,
            "synthetic": "true" if provenance.synthetic else "false",
            "request": provenance.request,
            "app_version": provenance.app_version,
            "created_at": now.astimezone(dt.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
        }

    def _relative(self, paths: Iterable[Path]) -> tuple[str, ...]:
        return tuple(sorted(Path(os.path.relpath(p, self.out)).as_posix() for p in paths))


def _write_bytes(file: BinaryIO, body: bytes) -> None:
    file.write(body)


def _file_key(schema: DatasetSchema) -> tuple[str, ...]:
    """The key within one partition's files (all rows there share the symbol)."""
    return tuple(name for name in schema.key if name != PARTITION_COLUMN)


def _refuse_empty_symbols(table: "pa.Table") -> None:
    import pyarrow.compute as pc

    if table.num_rows and pc.any(pc.equal(table[PARTITION_COLUMN], "")).as_py():
        raise InvalidInput("a row has an empty symbol", "every row needs a symbol")


def _partitions(table: "pa.Table", schema: DatasetSchema) -> list[tuple[str, int, "pa.Table"]]:
    """(symbol, UTC year, rows) for every partition the table touches, in that order."""
    import pyarrow.compute as pc

    parts: list[tuple[str, int, pa.Table]] = []
    symbols = pc.unique(table[PARTITION_COLUMN]).to_pylist()
    for symbol in sorted(symbols):
        rows = table if len(symbols) == 1 else table.filter(pc.equal(table["symbol"], symbol))
        years = pc.year(rows[schema.time_column]).combine_chunks()
        parts.extend((symbol, year, part) for year, part in _split_years(rows, years))
    return parts


def _split_years(rows: "pa.Table", years: "pa.Array") -> list[tuple[int, "pa.Table"]]:
    import pyarrow.compute as pc

    runs = pc.run_end_encode(years)
    values = runs.values.to_pylist()
    if len(values) == len(set(values)):
        # Each year is one contiguous run (time-ordered input): zero-copy slices.
        ends = runs.run_ends.to_pylist()
        starts = [0, *ends[:-1]]
        return [
            (year, rows.slice(start, end - start))
            for year, start, end in zip(values, starts, ends, strict=True)
        ]
    return [(year, rows.filter(pc.equal(years, year))) for year in sorted(set(values))]
