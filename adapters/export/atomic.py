"""Crash-safe file replacement: a temp file in the target folder, fsync, rename, fsync folder.

A temp file's name says who writes it, ``.tmp-<pid>.<host>-<random>-<target name>``, so a
later run can tell what a killed writer left behind from a file another run is writing now.
"""

import hashlib
import os
import re
import socket
import time
import uuid
from collections.abc import Callable
from contextlib import suppress
from pathlib import Path
from typing import BinaryIO

from trade_analyst.adapters.export.layout import TEMP_PREFIX

# No write of one file takes this long: a temp file untouched for longer is a leftover even
# when its writer cannot be checked (another machine sharing the folder, an older name).
STALE_AFTER_SECONDS = 10 * 60
_WRITER = re.compile(re.escape(TEMP_PREFIX) + r"(\d+)\.([0-9a-f]{8})-")


def atomic_write(path: Path, write: Callable[[BinaryIO], None]) -> None:
    """Make ``path`` hold what ``write`` writes, or leave it as it was.

    The temp file sits in the same folder so ``os.replace`` is a rename within one file
    system (atomic on POSIX). Any exception, including KeyboardInterrupt, removes the temp
    file before it propagates; only a hard kill can leave a ``.tmp-`` file, which readers
    skip (dot prefix) and ``remove_stale_temp_files`` deletes later.
    """
    temp = path.with_name(
        f"{TEMP_PREFIX}{os.getpid()}.{_host_tag()}-{uuid.uuid4().hex}-{path.name}"
    )
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


def remove_stale_temp_files(directory: Path) -> list[Path]:
    """Delete the temp files killed writers left in ``directory``; what was deleted.

    A temp file is stale when the process named in it is gone (a writer on this machine) or
    when it has not changed for ``STALE_AFTER_SECONDS``. Any other one may belong to a run
    writing this folder right now, and stays. Files without our prefix are never touched.
    """
    try:
        entries = list(os.scandir(directory))
    except FileNotFoundError:
        return []
    removed: list[Path] = []
    for entry in entries:
        if entry.name.startswith(TEMP_PREFIX) and entry.is_file() and _is_stale(entry):
            # Best effort: gone already (another run was quicker) or not ours to delete.
            with suppress(OSError):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _is_stale(entry: os.DirEntry[str]) -> bool:
    try:
        age = time.time() - entry.stat().st_mtime
    except FileNotFoundError:
        return False  # gone already
    if age > STALE_AFTER_SECONDS:
        return True
    writer = _WRITER.match(entry.name)
    if writer is None or writer.group(2) != _host_tag():
        return False  # a writer we cannot check: only its age tells
    return not _process_exists(int(writer.group(1)))


def _process_exists(pid: int) -> bool:
    if pid <= 0:
        return True  # not a process id we wrote: assume alive, let age decide
    try:
        os.kill(pid, 0)  # signal 0: only checks that the process exists
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    return True


def _host_tag() -> str:
    """Eight hex digits naming this machine, to check a writer's pid only on its own host."""
    return hashlib.sha256(socket.gethostname().encode()).hexdigest()[:8]
