"""Where dataset files live: ``<out>/<dataset>/symbol_key=<escaped>/year=<YYYY>/<hash>.<ext>``.

Symbols are percent-encoded byte-wise (UTF-8): every byte outside ``[A-Za-z0-9_-]`` becomes
``%XX``. So no ``/``, ``\\``, NUL, ``.`` or ``..`` survives, and the ``symbol_key=`` prefix
keeps the segment non-empty. The real symbol is the ``symbol`` column inside every file;
the folder key has another name because Hive readers (pandas, pyarrow, polars, DuckDB) add
each folder key as a column, and a ``symbol`` key (a dictionary column) clashes with the
file's ``symbol`` (a string column): pandas refuses to open such a folder. Files hold no
``year`` column, so the ``year=`` key adds one without a clash.

Datasets written before carry ``symbol=<escaped>`` folders: they still read, and the next
write to such a dataset moves them into ``symbol_key=`` folders (see ``migration``).
"""

import os
import re
from pathlib import Path

_SAFE = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
_ESCAPED = re.compile(r"(?:%[0-9A-F]{2}|[A-Za-z0-9_-])*")
# Readers (pyarrow.dataset, Spark) skip names starting with "." or "_": temp files and
# sidecars use them so a half-written file is never read as data.
TEMP_PREFIX = ".tmp-"
SIDECAR_PREFIX = "_"
SYMBOL_KEY = "symbol_key"
# The folder key of datasets written before SYMBOL_KEY: read, and migrated by the next write.
LEGACY_SYMBOL_KEY = "symbol"


def escape_symbol(symbol: str) -> str:
    """``/ESZ25`` → ``%2FESZ25``; reversible by ``unescape_symbol`` for any text."""
    # surrogatepass: even lone surrogates (valid in a Python str) must round-trip.
    raw = symbol.encode("utf-8", "surrogatepass")
    return "".join(chr(byte) if byte in _SAFE else f"%{byte:02X}" for byte in raw)


def unescape_symbol(escaped: str) -> str:
    """The symbol an ``escape_symbol`` output came from; ValueError for any other text."""
    if not _ESCAPED.fullmatch(escaped):
        raise ValueError(f"{escaped!r} is not an escaped symbol")
    raw = bytearray()
    position = 0
    while position < len(escaped):
        if escaped[position] == "%":
            raw.append(int(escaped[position + 1 : position + 3], 16))
            position += 3
        else:
            raw.append(ord(escaped[position]))
            position += 1
    return raw.decode("utf-8", "surrogatepass")


def partition_dir(out: Path, dataset: str, symbol: str, year: int) -> Path:
    """The folder of one (symbol, year) partition; refuses anything that would leave ``out``."""
    return _partition_dir(out, dataset, SYMBOL_KEY, symbol, year)


def legacy_partition_dir(out: Path, dataset: str, symbol: str, year: int) -> Path:
    """Where the partition lived in datasets written with ``symbol=`` folders."""
    return _partition_dir(out, dataset, LEGACY_SYMBOL_KEY, symbol, year)


def _partition_dir(out: Path, dataset: str, key: str, symbol: str, year: int) -> Path:
    directory = out / dataset / f"{key}={escape_symbol(symbol)}" / f"year={year:04d}"
    # Escaping already guarantees this; the check keeps a future bug from writing elsewhere.
    # Absolute paths: relative to ".", commonpath(".", "bars_1d/...") is "" and would refuse.
    root = os.path.abspath(out)
    if os.path.commonpath([root, os.path.abspath(directory)]) != root:
        raise ValueError(f"partition {directory} is outside {out}")
    return directory


def is_symbol_folder(directory_name: str) -> bool:
    """A ``symbol_key=...`` folder, or a ``symbol=...`` one of the earlier layout."""
    return directory_name.startswith((f"{SYMBOL_KEY}=", f"{LEGACY_SYMBOL_KEY}="))


def symbol_of(directory_name: str) -> str | None:
    """The symbol of a ``symbol_key=...`` (or ``symbol=...``) folder name, None otherwise."""
    if not is_symbol_folder(directory_name):
        return None
    try:
        return unescape_symbol(directory_name.split("=", 1)[1])
    except ValueError:
        return None


def data_files(directory: Path, extension: str) -> list[Path]:
    """Data files of one format in a partition, oldest first (the merge order)."""
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return []
    files = [
        entry
        for entry in entries
        if entry.is_file()
        and entry.name.endswith(f".{extension}")
        and not entry.name.startswith((TEMP_PREFIX, SIDECAR_PREFIX, "."))
    ]
    files.sort(key=lambda entry: (entry.stat().st_mtime_ns, entry.name))
    return [Path(entry.path) for entry in files]


def sidecar_of(path: Path) -> Path:
    return path.with_name(f"{SIDECAR_PREFIX}{path.name}.json")
