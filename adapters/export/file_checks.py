"""Checking stored dataset files one by one, for ``ta validate``.

A damaged file never stops the check: each problem becomes a ``FileFinding`` naming the
file. A file that cannot be read, or whose columns or types differ from its dataset's
schema, adds no rows; a readable one is also checked against its partition folder (every
row's symbol and UTC year) and for the provenance the sink writes with it.
"""

import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from trade_analyst.adapters.export.arrow_schemas import arrow_schema
from trade_analyst.adapters.export.formats import SIDECAR_SIZE, FormatName, file_format
from trade_analyst.adapters.export.layout import sidecar_of
from trade_analyst.domain.validation import Finding, Severity
from trade_analyst.ports import PARTITION_COLUMN, DatasetSchema, FileFinding

if TYPE_CHECKING:
    import pyarrow as pa

UNREADABLE = "file.unreadable"
COLUMNS = "file.columns"
TYPES = "file.types"
NULLS = "file.nulls"
WRONG_SYMBOL = "file.wrong_symbol"
WRONG_YEAR = "file.wrong_year"
FOLDER = "file.folder"
DUPLICATE_KEY = "file.duplicate_key"
SIDECAR_MISSING = "file.sidecar_missing"
METADATA = "file.metadata"
TEMP_LEFTOVER = "file.temp_leftover"

# Columns tagging each row with where it was read from; no dataset column starts with "__".
ORIGIN_FILE, ORIGIN_ROW = "__file", "__row"


@attrs.frozen
class Place:
    """Where a file sits in the layout: its dataset and the symbol and year of its folder."""

    dataset: str
    symbol: str
    year: int


def finding(
    file: Path | str,
    rule: str,
    message: str,
    *,
    row: int | None = None,
    field: str | None = None,
    severity: Severity = "error",
) -> FileFinding:
    return FileFinding(str(file), Finding(rule, severity, row, message, field))


def columns_of(file: Path, name: FormatName) -> "pa.Schema":
    """The columns a file holds (Parquet: with their types; text formats: as strings).

    Raises what the format's reader raises on a damaged file.
    """
    import pyarrow as pa

    if name == "parquet":
        import pyarrow.parquet as pq

        return pq.read_schema(str(file))
    with file.open(encoding="utf-8") as handle:
        first = handle.readline()
    if name == "csv":
        names = [column.strip().strip('"') for column in first.split(",")] if first else []
    else:
        row = json.loads(first) if first.strip() else {}
        if not isinstance(row, dict):
            raise ValueError("the first line is not a JSON object")
        names = list(row)
    return pa.schema([pa.field(column, pa.string()) for column in names])


def read_checked(
    file: Path, name: FormatName, schema: DatasetSchema, place: Place | None
) -> tuple["pa.Table | None", list[FileFinding]]:
    """The file's rows in ``schema``'s types (None when unusable) and what is wrong with it."""
    import pyarrow as pa

    try:
        found = columns_of(file, name)
    except (pa.ArrowException, OSError, ValueError) as error:
        return None, [finding(file, UNREADABLE, f"cannot read {name}: {error}")]
    problems = _shape_problems(file, found, schema, typed=name == "parquet")
    if problems:
        return None, problems
    try:
        data = file_format(name).read(str(file), schema)
    except (pa.ArrowException, OSError, ValueError, KeyError) as error:
        return None, [finding(file, UNREADABLE, f"cannot read as {name} of {schema.kind}: {error}")]
    problems = _null_problems(file, data)
    if problems:
        return None, problems
    if place is not None:
        problems = _place_problems(file, data, schema, place)
        problems.extend(_provenance_problems(file, name, found, schema, place.dataset))
    return data, problems


def damage(file: Path, name: FormatName) -> FileFinding | None:
    """Why a stored file cannot be read at all, found cheaply (None when it looks whole).

    Parquet: the footer (magic bytes and metadata) must read. Text: the size must be the
    one its sidecar recorded at write time and the first line must decode; a file whose
    sidecar recorded no size (an older writer) must at least have that first line. Whether
    the columns fit a schema is another question (``read_checked``).
    """
    import pyarrow as pa

    try:
        if name == "parquet":
            import pyarrow.parquet as pq

            pq.read_metadata(str(file))
            return None
        recorded, size = _recorded_size(file), file.stat().st_size
        if recorded is not None and size != recorded:
            return finding(file, UNREADABLE, f"holds {size} bytes, its sidecar recorded {recorded}")
        if not columns_of(file, name).names:
            return finding(file, UNREADABLE, f"an empty {name} file")
    except (pa.ArrowException, OSError, ValueError) as error:
        return finding(file, UNREADABLE, f"cannot read {name}: {error}")
    return None


def _recorded_size(file: Path) -> int | None:
    """The data size the sidecar recorded at write time; None when there is none to trust."""
    try:
        metadata = json.loads(sidecar_of(file).read_text(encoding="utf-8"))
        return int(metadata[SIDECAR_SIZE])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _shape_problems(
    file: Path, found: "pa.Schema", schema: DatasetSchema, *, typed: bool
) -> list[FileFinding]:
    target = arrow_schema(schema)
    # A column added in a later schema version may be missing: the provenance check below
    # tells whether the file's version predates it.
    missing = [c.name for c in schema.columns if c.since == 1 and c.name not in found.names]
    unexpected = [column for column in found.names if column not in target.names]
    if missing or unexpected:
        return [
            finding(
                file,
                COLUMNS,
                f"columns differ from the {schema.kind} schema: missing {missing}, "
                f"unexpected {unexpected}",
                field=(missing or unexpected)[0],
            )
        ]
    if not typed:  # text formats carry no types: a bad value shows when the file is read
        return []
    return [
        finding(file, TYPES, f"column {f.name!r} is {stored}, not {f.type}", field=f.name)
        for f in target
        if f.name in found.names and (stored := found.field(f.name).type) != f.type
    ]


def _null_problems(file: Path, data: "pa.Table") -> list[FileFinding]:
    import pyarrow.compute as pc

    return [
        finding(
            file,
            NULLS,
            f"column {field.name!r} is required but {data[field.name].null_count} rows lack it",
            row=_first(pc.is_null(data[field.name])),
            field=field.name,
        )
        for field in data.schema
        if not field.nullable and data[field.name].null_count
    ]


def _place_problems(
    file: Path, data: "pa.Table", schema: DatasetSchema, place: Place
) -> list[FileFinding]:
    import pyarrow.compute as pc

    symbols = data[PARTITION_COLUMN]
    years = pc.year(data[schema.time_column])  # the finding points at the time column
    return [
        *_misplaced(file, symbols, place.symbol, (WRONG_SYMBOL, PARTITION_COLUMN), ""),
        *_misplaced(file, years, place.year, (WRONG_YEAR, schema.time_column), "year "),
    ]


def _misplaced(
    file: Path, values: "pa.ChunkedArray", folder: object, rule: tuple[str, str], what: str
) -> list[FileFinding]:
    """One finding (``rule``: its id and field) when some ``values`` differ from the
    ``folder`` value they are filed under: how many rows, which values, the first row."""
    import pyarrow.compute as pc

    wrong = pc.not_equal(values, folder)
    if not pc.any(wrong).as_py():
        return []
    others = sorted(set(pc.filter(values, wrong).to_pylist()))
    message = (
        f"{pc.sum(wrong).as_py()} rows of {what}{', '.join(map(str, others))} in the folder "
        f"of {folder}"
    )
    rule_id, field = rule
    return [finding(file, rule_id, message, row=_first(wrong), field=field)]


def _provenance_problems(
    file: Path, name: FormatName, found: "pa.Schema", schema: DatasetSchema, dataset: str
) -> list[FileFinding]:
    """The sink's provenance: Parquet metadata, or the sidecar next to a text file."""
    if file_format(name).sidecar:
        sidecar = sidecar_of(file)
        if not sidecar.is_file():
            return [finding(file, SIDECAR_MISSING, f"no provenance sidecar {sidecar.name}")]
        try:
            metadata = json.loads(sidecar.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            return [finding(sidecar, METADATA, f"the sidecar is not JSON: {error}")]
        if not isinstance(metadata, dict):
            return [finding(sidecar, METADATA, "the sidecar is not a JSON object")]
    else:
        raw = found.metadata or {}
        metadata = {k.decode(errors="replace"): v.decode(errors="replace") for k, v in raw.items()}
    versions = [str(version) for version in range(1, schema.version + 1)]
    stated = {k: metadata.get(k) for k in ("dataset", "schema_version")}
    if stated["dataset"] != dataset or str(stated["schema_version"]) not in versions:
        expected = {"dataset": dataset, "schema_version": " or ".join(versions)}
        return [finding(file, METADATA, f"provenance says {stated}, expected {expected}")]
    return _added_column_problems(file, found, schema, int(str(stated["schema_version"])))


def _added_column_problems(
    file: Path, found: "pa.Schema", schema: DatasetSchema, version: int
) -> list[FileFinding]:
    """Columns the file's schema version has but the file lacks (older files may lack the
    columns added after their version)."""
    missing = [c.name for c in schema.columns if c.since <= version and c.name not in found.names]
    if not missing:
        return []
    return [
        finding(
            file,
            COLUMNS,
            f"columns differ from the {schema.kind} schema version {version}: missing {missing}",
            field=missing[0],
        )
    ]


def with_origins(parts: list[tuple[str, "pa.Table"]]) -> "pa.Table":
    """The parts' rows in one table, each tagged with the index of its part in ``parts``
    (``ORIGIN_FILE``) and its row there (``ORIGIN_ROW``)."""
    import pyarrow as pa

    return pa.concat_tables(
        [
            table.append_column(
                ORIGIN_FILE, pa.repeat(pa.scalar(index, pa.int32()), len(table))
            ).append_column(ORIGIN_ROW, pa.array(range(table.num_rows), pa.int64()))
            for index, (_, table) in enumerate(parts)
        ]
    )


def origins(tagged: "pa.Table") -> list[tuple[int, int]]:
    """(part index, row in part) of each row of a ``with_origins`` table."""
    return list(zip(tagged[ORIGIN_FILE].to_pylist(), tagged[ORIGIN_ROW].to_pylist(), strict=True))


def duplicate_keys(parts: list[tuple[str, "pa.Table"]], key: tuple[str, ...]) -> list[FileFinding]:
    """One finding per file holding a key that is stored more than once (in it or elsewhere).

    The sink keeps one row per key; two stored rows with one key are what a crash between
    writing a merged file and removing the files it replaced leaves behind.
    """
    import pyarrow.compute as pc

    if not parts:
        return []
    tagged = with_origins(parts).select([*key, ORIGIN_FILE, ORIGIN_ROW])
    counts = tagged.group_by(list(key)).aggregate([(ORIGIN_ROW, "count")])
    repeated = counts.filter(pc.greater(counts[f"{ORIGIN_ROW}_count"], 1)).select(list(key))
    if repeated.num_rows == 0:
        return []
    rows = tagged.join(repeated, keys=list(key), join_type="inner")
    by_file: dict[int, list[int]] = defaultdict(list)
    for index, row in origins(rows):
        by_file[index].append(row)
    files = [parts[index][0] for index in sorted(by_file)]
    return [
        finding(
            parts[index][0],
            DUPLICATE_KEY,
            f"{len(by_file[index])} rows have a key ({', '.join(key)}) stored more than once; "
            f"files holding such keys: {', '.join(files)}",
            row=min(by_file[index]),
        )
        for index in sorted(by_file)
    ]


def _first(mask: "pa.ChunkedArray | pa.Array") -> int | None:
    import pyarrow as pa
    import pyarrow.compute as pc

    if isinstance(mask, pa.ChunkedArray):
        mask = mask.combine_chunks()
    indices = pc.indices_nonzero(mask).to_pylist()
    return int(indices[0]) if indices else None
