"""Finding, reading and checking what ``ta validate PATH`` points at: a file, a dataset, or
an out root.

A path inside our layout names its dataset (``<out>/<dataset>/symbol_key=.../year=.../file``,
or ``symbol=...`` folders where an earlier version wrote it);
a loose file is recognised by its columns. Each file is read on its own (see
``file_checks``), so a damaged file becomes a finding naming it, and keys stored twice are
reported before the newest row per key is kept. Every table comes back as a port ``Table``.
"""

from pathlib import Path

import attrs

from trade_analyst.adapters.export.arrow_schemas import arrow_schema
from trade_analyst.adapters.export.convert import arrow_to_table
from trade_analyst.adapters.export.file_checks import (
    FOLDER,
    TEMP_LEFTOVER,
    UNREADABLE,
    Place,
    columns_of,
    duplicate_keys,
    finding,
    origins,
    read_checked,
    with_origins,
)
from trade_analyst.adapters.export.formats import FormatName
from trade_analyst.adapters.export.layout import TEMP_PREFIX, is_symbol_folder, symbol_of
from trade_analyst.ports import (
    BARS,
    OPTION_CHAINS,
    QUOTES,
    DatasetContent,
    DatasetSchema,
    FileFinding,
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
    """Every dataset under ``path`` (newest row per key, and its files' problems)."""
    if not path.exists():
        raise InvalidInput(f"no such file or folder: {path}", "give a dataset file or folder")
    if path.is_file():
        return [_read_file(path)]
    inside = _dataset_above(path)
    if inside is not None:  # a symbol or year= folder: that part of its dataset
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
    return path.is_dir() and any(is_symbol_folder(c.name) for c in path.iterdir())


def _dataset_above(path: Path) -> Path | None:
    """The dataset folder holding ``path`` when it is a symbol or year= folder."""
    for folder in (path, path.parent):
        if is_symbol_folder(folder.name):
            return folder.parent
    return None


def _read_dataset(directory: Path, part: Path) -> DatasetContent:
    import pyarrow as pa

    from trade_analyst.adapters.export.dedupe import latest_by_key

    schema = _schema_of(directory.name)
    problems: list[FileFinding] = []
    parts: list[tuple[str, pa.Table]] = []
    seen_files = False
    for year_dir in _year_dirs(directory, part):
        place = _place_of(directory.name, year_dir)
        files, leftovers = _files_in(year_dir)
        problems.extend(
            finding(temp, TEMP_LEFTOVER, "a temp file a killed writer left", severity="warning")
            for temp in leftovers
        )
        if files and place is None:
            problems.append(
                finding(year_dir, FOLDER, "not a symbol_key=<escaped symbol>/year=<YYYY> folder")
            )
        for file in files:
            seen_files = True
            data, found = read_checked(file, EXTENSIONS[file.suffix], schema, place)
            problems.extend(found)
            if data is not None:
                parts.append((str(file), data))
    if not seen_files:
        raise InvalidInput(f"{part} holds no data files", "write the dataset first")
    problems.extend(duplicate_keys(parts, schema.key))
    if not parts:
        empty = arrow_to_table(arrow_schema(schema).empty_table(), schema)
        return DatasetContent(directory.name, str(part), empty, tuple(problems))
    # Where each row came from rides along through the merge, so findings can name it.
    data = latest_by_key(with_origins(parts), schema.key)
    names = [name for name, _ in parts]
    traced = tuple((names[index], row) for index, row in origins(data))
    return DatasetContent(
        directory.name, str(part), arrow_to_table(data, schema), tuple(problems), traced
    )


def _year_dirs(directory: Path, part: Path) -> list[Path]:
    """The year= folders of ``part``: the whole dataset, one symbol folder, or one year."""
    if part.name.startswith("year="):
        return [part]
    symbol_dirs = (
        [part]
        if part != directory
        else sorted(child for child in directory.iterdir() if is_symbol_folder(child.name))
    )
    return [
        year_dir
        for symbol_dir in symbol_dirs
        if symbol_dir.is_dir()
        for year_dir in sorted(symbol_dir.glob("year=*"))
        if year_dir.is_dir()
    ]


def _place_of(dataset: str, year_dir: Path) -> Place | None:
    symbol = symbol_of(year_dir.parent.name)
    year = year_dir.name.removeprefix("year=")
    if symbol is None or not (len(year) == 4 and year.isdigit()):
        return None
    return Place(dataset, symbol, int(year))


def _files_in(year_dir: Path) -> tuple[list[Path], list[Path]]:
    """Data files oldest first (the order the sink merges them in), and temp leftovers."""
    entries = [entry for entry in year_dir.iterdir() if entry.is_file()]
    files = [
        entry
        for entry in entries
        if entry.suffix in EXTENSIONS and not entry.name.startswith((".", "_"))
    ]
    files.sort(key=lambda entry: (entry.stat().st_mtime_ns, entry.name))
    leftovers = sorted(entry for entry in entries if entry.name.startswith(TEMP_PREFIX))
    return files, leftovers


def _read_file(file: Path) -> DatasetContent:
    name = EXTENSIONS.get(file.suffix)
    if name is None:
        raise InvalidInput(
            f"unsupported file type {file.suffix or '(none)'}: {file}",
            "give a .parquet, .csv or .jsonl file",
        )
    in_layout = file.parent.name.startswith("year=") and is_symbol_folder(file.parent.parent.name)
    place = None
    if in_layout:
        dataset = file.parents[2].name
        schema = _schema_of(dataset)
        place = _place_of(dataset, file.parent)
    else:
        import pyarrow as pa

        try:
            columns = set(columns_of(file, name).names)
        except (pa.ArrowException, OSError, ValueError) as error:
            problem = finding(file, UNREADABLE, f"cannot read {name}: {error}")
            return DatasetContent("unknown", str(file), None, (problem,))
        schema = _schema_by_columns(columns)
        dataset = schema.kind
    data, problems = read_checked(file, name, schema, place)
    if data is None:
        data = arrow_schema(schema).empty_table()
    traced = tuple((str(file), row) for row in range(data.num_rows))
    return DatasetContent(dataset, str(file), arrow_to_table(data, schema), tuple(problems), traced)


def _schema_of(dataset: str) -> DatasetSchema:
    try:
        return schema_for(dataset)
    except InvalidInput:
        raise InvalidInput(
            f"{dataset!r} is not a dataset this tool writes",
            "datasets are quotes, option_chains and bars_<interval> (e.g. bars_1d)",
        ) from None


def _schema_by_columns(columns: set[str]) -> DatasetSchema:
    """The schema a loose file's columns cover best: a file lacking a column is still
    checked as what it was meant to be (and the missing column reported)."""
    covered = {
        schema: len(columns & set(schema.names)) / len(schema.names)
        for schema in (BARS, QUOTES, OPTION_CHAINS)
    }
    best = max(covered, key=lambda schema: covered[schema])
    if covered[best] < 0.5:
        raise InvalidInput(
            "the file's columns match no dataset schema",
            f"bars files have the columns {', '.join(BARS.names)}",
        )
    return best
