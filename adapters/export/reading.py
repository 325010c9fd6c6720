"""Finding and reading what ``ta validate PATH`` points at: a file, a dataset, or an out root.

A path inside our layout names its dataset (``<out>/<dataset>/symbol=.../year=.../file``);
a loose file is recognised by its columns. Every table comes back as a port ``Table``.
"""

from pathlib import Path

import attrs

from trade_analyst.adapters.export.convert import arrow_to_table, conform
from trade_analyst.adapters.export.formats import FormatName, file_format
from trade_analyst.ports import (
    BARS,
    OPTION_CHAINS,
    QUOTES,
    DatasetContent,
    DatasetSchema,
    InvalidInput,
    schema_for,
)

EXTENSIONS: dict[str, FormatName] = {".parquet": "parquet", ".csv": "csv", ".jsonl": "jsonl"}


@attrs.frozen
class FileDatasetReader:
    """The ``DatasetReader`` port on the files a ``FileSink`` writes (and loose files)."""

    def read_path(self, path: Path) -> list[DatasetContent]:
        return read_path(path)


def read_path(path: Path) -> list[DatasetContent]:
    """Every dataset table under ``path`` (newest row per key), or InvalidInput."""
    if not path.exists():
        raise InvalidInput(f"no such file or folder: {path}", "give a dataset file or folder")
    if path.is_file():
        return [_read_file(path)]
    inside = _dataset_above(path)
    if inside is not None:  # a symbol= or year= folder: that part of its dataset
        return [_read_dataset(inside, path)]
    found = [_read_dataset(d, d) for d in _dataset_dirs(path)]
    if not found:
        raise InvalidInput(
            f"{path} holds no dataset files",
            "point at a file (.parquet, .csv, .jsonl), a dataset folder (e.g. data/bars_1d) "
            "or an output folder (e.g. data)",
        )
    return found


def _dataset_dirs(path: Path) -> list[Path]:
    if _is_dataset_dir(path):
        return [path]
    # Datasets of other kinds (indicators_<interval>) are derived data: not checked here.
    return sorted(
        child for child in path.iterdir() if _is_dataset_dir(child) and _known(child.name)
    )


def _known(dataset: str) -> bool:
    try:
        schema_for(dataset)
    except InvalidInput:
        return False
    return True


def _is_dataset_dir(path: Path) -> bool:
    return path.is_dir() and any(c.name.startswith("symbol=") for c in path.iterdir())


def _dataset_above(path: Path) -> Path | None:
    """The dataset folder holding ``path`` when it is a symbol= or year= folder."""
    for folder in (path, path.parent):
        if folder.name.startswith("symbol="):
            return folder.parent
    return None


def _read_dataset(directory: Path, part: Path) -> DatasetContent:
    import pyarrow as pa

    from trade_analyst.adapters.export.dedupe import latest_by_key

    schema = _schema_of(directory.name)
    parts = []
    depth = len(part.relative_to(directory).parts)
    pattern = "/".join(["symbol=*", "year=*", "*"][depth:])
    for file in sorted(part.glob(pattern)):
        name = EXTENSIONS.get(file.suffix)
        if name is not None and not file.name.startswith("."):
            parts.append(file_format(name).read(str(file), schema))
    data = latest_by_key(pa.concat_tables(parts), schema.key) if parts else None
    if data is None:
        raise InvalidInput(f"{part} holds no data files", "write the dataset first")
    return DatasetContent(directory.name, str(part), arrow_to_table(data, schema))


def _read_file(file: Path) -> DatasetContent:
    name = EXTENSIONS.get(file.suffix)
    if name is None:
        raise InvalidInput(
            f"unsupported file type {file.suffix or '(none)'}: {file}",
            "give a .parquet, .csv or .jsonl file",
        )
    in_layout = file.parent.name.startswith("year=") and file.parent.parent.name.startswith(
        "symbol="
    )
    dataset = file.parents[2].name if in_layout else None
    schema = _schema_of(dataset) if dataset else _schema_by_columns(_columns(file, name))
    data = file_format(name).read(str(file), schema)
    return DatasetContent(
        dataset or schema.kind, str(file), arrow_to_table(conform(data, schema), schema)
    )


def _schema_of(dataset: str) -> DatasetSchema:
    try:
        return schema_for(dataset)
    except InvalidInput:
        raise InvalidInput(
            f"{dataset!r} is not a dataset this tool writes",
            "datasets are quotes, option_chains and bars_<interval> (e.g. bars_1d)",
        ) from None


def _columns(file: Path, name: str) -> set[str]:
    if name == "parquet":
        import pyarrow.parquet as pq

        return set(pq.read_schema(str(file)).names)
    with file.open(encoding="utf-8") as handle:
        first = handle.readline()
    if name == "csv":
        return {column.strip().strip('"') for column in first.split(",")}
    import json

    row: object = json.loads(first) if first.strip() else {}
    return set(row) if isinstance(row, dict) else set()


def _schema_by_columns(columns: set[str]) -> DatasetSchema:
    for schema in (BARS, QUOTES, OPTION_CHAINS):
        if set(schema.names) <= columns:
            return schema
    raise InvalidInput(
        "the file's columns match no dataset schema",
        f"bars files have the columns {', '.join(BARS.names)}",
    )
