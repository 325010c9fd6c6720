"""Moving a dataset written with ``symbol=<escaped>`` folders into ``symbol_key=`` folders.

pandas cannot open a dataset folder holding ``symbol=`` folders (see ``layout``), so a
write to a dataset first moves its earlier-layout partitions: each ``year=`` folder is
renamed into place in one atomic step, its files untouched, so no row is ever missing or
rewritten. A partition present in both layouts (a crash mid-move, or two versions writing)
is left for the sink, which merges both folders' files when it writes that partition.
"""

import os
from pathlib import Path

from trade_analyst.adapters.export.atomic import remove_stale_temp_files
from trade_analyst.adapters.export.layout import (
    LEGACY_SYMBOL_KEY,
    legacy_partition_dir,
    partition_dir,
    symbol_of,
)


def move_earlier_layout(out: Path, dataset: str) -> list[Path]:
    """Move ``dataset``'s partitions out of ``symbol=`` folders; the folders moved."""
    root = out / dataset
    moved: list[Path] = []
    for symbol_dir in sorted(root.glob(f"{LEGACY_SYMBOL_KEY}=*")):
        symbol = symbol_of(symbol_dir.name)
        if symbol is None or not symbol_dir.is_dir():
            continue  # not ours: left as it is
        for year_dir in sorted(symbol_dir.glob("year=*")):
            year = year_dir.name.removeprefix("year=")
            if not (year_dir.is_dir() and len(year) == 4 and year.isdigit()):
                continue
            if legacy_partition_dir(out, dataset, symbol, int(year)) != year_dir:
                continue  # a folder name escape_symbol would not write: not ours
            target = partition_dir(out, dataset, symbol, int(year))
            if target.exists():
                continue  # in both layouts: the next write to it merges the two
            remove_stale_temp_files(year_dir)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.rename(year_dir, target)  # atomic: the files are in one place or the other
            moved.append(target)
        _remove_if_empty(symbol_dir)
    return moved


def remove_empty_partition(year_dir: Path) -> None:
    """Remove an earlier-layout partition folder, and its symbol folder, once empty."""
    if _remove_if_empty(year_dir):
        _remove_if_empty(year_dir.parent)


def _remove_if_empty(folder: Path) -> bool:
    try:
        folder.rmdir()
    except OSError:  # absent, or still holding something: keep it
        return False
    return True
