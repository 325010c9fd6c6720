"""Crash-safe file replacement: a temp file in the target folder, fsync, rename, fsync folder."""

import os
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from trade_analyst.adapters.export.layout import TEMP_PREFIX


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Make ``path`` hold what ``write`` writes, or leave it as it was.

    The temp file sits in the same folder so ``os.replace`` is a rename within one file
    system (atomic on POSIX). Any exception, including KeyboardInterrupt, removes the temp
    file before it propagates; only a hard kill can leave a ``.tmp-`` file, which readers
    skip (dot prefix).
    """
    temp = path.with_name(f"{TEMP_PREFIX}{uuid.uuid4().hex}-{path.name}")
    try:
        with open(temp, "xb") as file:
            write(file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temp, path)
    except BaseException:
        with suppress(OSError):
            temp.unlink()
        raise
    sync_dir(path.parent)


def sync_dir(directory: Path) -> None:
    """Persist renames and unlinks in ``directory`` (the entry, not just the file data)."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def remove_files(paths: list[Path]) -> None:
    """Delete files already superseded by a durable one; a missing file is already gone."""
    for path in paths:
        with suppress(FileNotFoundError):
            path.unlink()
    if paths:
        sync_dir(paths[0].parent)
