"""The zipapp's ``__main__``: a warm start runs the CLI straight from the extracted files.

shiv's bootstrap, which a shiv zipapp runs on every start, imports zipfile, compileall,
subprocess, hashlib and a dozen more modules and parses the archive's directory a second
time, about 20 ms before the CLI itself starts loading. Once site-packages has been
extracted none of that is needed: this module finds the extraction where shiv's bootstrap
puts it, then runs the preamble and the entry point as the bootstrap would.

The first run extracts here too, as shiv's bootstrap would (the same folders, lock file
and final rename), but on two threads sharing the entries by inflating cost: the largest
libraries are packed with LZMA, which inflates about four times slower than deflate
(zlib and lzma release the GIL). Before a first
run extracts, the extraction root is checked: where it cannot be written (a read-only
home, no ``SHIV_ROOT``) the run ends with one ``error:`` line and a ``hint:`` naming
``SHIV_ROOT`` instead of a PermissionError traceback.

Any ``SHIV_*`` variable other than ``SHIV_ROOT`` (forced extraction, another entry point,
an interpreter...) goes through shiv's bootstrap unchanged.

Standard library only: this runs before site-packages is on ``sys.path``.
"""

import json
import os
import sys
import zipimport
from typing import Any

# shiv's environment variables that the warm start honours; any other SHIV_* variable
# changes what shiv's bootstrap does, so it gets the start.
_HONOURED = frozenset({"SHIV_ROOT"})
# The CLI's exit code for "cannot write" (its OutputFailed), which an unwritable
# extraction root is: nothing of the CLI can be imported yet to name it.
EXIT_CANNOT_WRITE = 7


def extraction_root(environment: dict[str, Any]) -> str:
    """The folder holding the extractions: ``SHIV_ROOT``, else the build's root, else ~/.shiv.

    The same rules as shiv's ``cache_path``, which the first run extracts by.
    """
    root: str | None = os.environ.get("SHIV_ROOT", environment.get("root"))
    if not root:
        return os.path.expanduser("~/.shiv")
    if root.startswith("$"):
        root = os.environ.get(root[1:], root[1:])
    return os.path.expanduser(root)


def extracted_site_packages(archive: str, environment: dict[str, Any]) -> str:
    """Where shiv extracts this build's site-packages: ``<root>/<pyz name>_<build id>``."""
    name = os.path.basename(os.path.realpath(archive))
    folder = f"{name}_{environment['build_id']}"
    return os.path.join(extraction_root(environment), folder, "site-packages")


def _first_site_dir_index(path: list[str]) -> int | None:
    for index, entry in enumerate(path):
        stem = os.path.splitext(os.path.basename(entry))[0]
        if stem in ("site-packages", "dist-packages"):
            return index
    return None


def run_extracted(archive: str, site_packages: str, environment: dict[str, Any]) -> None:
    """What shiv's bootstrap does after extraction, for this build's settings."""
    import site

    # Ahead of any other site-packages, as shiv orders it; addsitedir reads .pth files.
    length = len(sys.path)
    index = _first_site_dir_index(sys.path) or length
    site.addsitedir(site_packages)
    sys.path[:] = sys.path[:index] + sys.path[length:] + sys.path[index:length]
    if environment.get("preamble"):
        preamble = os.path.join(site_packages, "bin", environment["preamble"])
        run_preamble(preamble, archive, site_packages)
    module_name, _, function_name = environment["entry_point"].partition(":")
    module = __import__(module_name, fromlist=[function_name])
    sys.exit(getattr(module, function_name)())


def run_preamble(path: str, archive: str, site_packages: str) -> None:
    """Run the preamble with the globals shiv's bootstrap gives it (``runpy.run_path``).

    Through the import system's loader rather than ``run_path``, which imports pkgutil and
    compiles the source on every start (~1 ms together): the loader reads and writes the
    bytecode in ``bin/__pycache__`` as for any module (none is written under
    ``PYTHONDONTWRITEBYTECODE``, so there only the pkgutil import is saved).
    """
    import importlib.util
    from pathlib import Path

    spec = importlib.util.spec_from_file_location("__main__", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load the zipapp's preamble {path}")
    preamble = importlib.util.module_from_spec(spec)
    preamble.__dict__.update(archive=archive, site_packages=Path(site_packages))
    spec.loader.exec_module(preamble)


def unwritable_root(root: str) -> str | None:
    """Why extraction cannot write under ``root`` (creating it if missing), or None."""
    try:
        os.makedirs(root, exist_ok=True)
    except OSError as exc:
        return exc.strerror or str(exc)
    if not os.access(root, os.W_OK | os.X_OK):
        return "Permission denied"
    return None


def refuse_unwritable_root(root: str) -> None:
    """Exit with an ``error:`` and a ``hint:`` line when extraction cannot write ``root``."""
    reason = unwritable_root(root)
    if reason is None:
        return
    sys.stderr.write(
        f"error: cannot unpack the zipapp into {root}: {reason}\n"
        "hint: set SHIV_ROOT to a folder you can write, e.g. "
        "SHIV_ROOT=/tmp/ta-shiv (it is unpacked there once, then reused)\n"
    )
    sys.exit(EXIT_CANNOT_WRITE)


# How much longer an LZMA entry takes to inflate than a deflated one of the same size
# (measured on the archive's libraries), to share the work fairly between two threads.
LZMA_COST = 4


def extract(archive: str, site_packages: str) -> None:
    """Unpack the archive's ``site-packages/`` entries so that ``site_packages`` exists.

    shiv's way: under an exclusive lock on ``.<folder>_lock`` beside the build's folder,
    into ``<folder>.tmp``, then one rename, so a run that is killed leaves no half
    extraction in use and concurrent first runs extract once. The work is shared between
    two threads.
    """
    import fcntl
    import shutil
    import threading
    import zipfile

    folder = os.path.dirname(site_packages)
    partial = f"{folder}.tmp"
    lock = os.open(os.path.join(os.path.dirname(folder), f".{os.path.basename(folder)}_lock"),
                   os.O_WRONLY | os.O_CREAT | os.O_TRUNC)  # fmt: skip
    fcntl.flock(lock, fcntl.LOCK_EX)  # held until this process exits
    if os.path.isdir(site_packages):  # another first run finished while we waited
        return
    shutil.rmtree(partial, ignore_errors=True)
    with zipfile.ZipFile(archive) as zip_file:
        entries = [
            entry
            for entry in zip_file.infolist()
            if entry.filename.startswith("site-packages/") and not entry.is_dir()
        ]
        # Every folder first, so that the threads never create the same one.
        for folder_name in {os.path.dirname(entry.filename) for entry in entries}:
            os.makedirs(os.path.join(partial, folder_name), exist_ok=True)
        mine, theirs = _shares(entries, zipfile.ZIP_LZMA)
        failures: list[BaseException] = []
        worker = threading.Thread(
            target=_extract_entries, args=(zip_file, theirs, partial, failures)
        )
        worker.start()
        _extract_entries(zip_file, mine, partial, failures)
        worker.join()
    if failures:
        raise failures[0]
    os.rename(partial, folder)


def _shares(entries: list[Any], lzma: int) -> tuple[list[Any], list[Any]]:
    """Two lists of ``entries`` of about equal inflating time: each entry, largest cost
    first, goes to the list with less work so far."""

    def cost(entry: Any) -> int:
        return int(entry.file_size * (LZMA_COST if entry.compress_type == lzma else 1))

    shares: tuple[list[Any], list[Any]] = ([], [])
    work = [0, 0]
    for entry in sorted(entries, key=cost, reverse=True):
        lighter = 0 if work[0] <= work[1] else 1
        shares[lighter].append(entry)
        work[lighter] += cost(entry)
    return shares


def _extract_entries(
    zip_file: Any, entries: list[Any], target: str, failures: list[BaseException]
) -> None:
    """Write ``entries`` under ``target`` with the permissions they were packed with.

    Each entry is read whole: one call inflates it, and zlib and lzma let the other
    thread run meanwhile (zipfile's own extract inflates 64 KB at a time).
    """
    try:
        for entry in entries:
            path = os.path.join(target, entry.filename)
            with open(path, "wb") as file:
                file.write(zip_file.read(entry))
            os.chmod(path, entry.external_attr >> 16)
    except BaseException as exc:  # re-raised by the thread that started the extraction
        failures.append(exc)


def main() -> None:
    archive = sys.argv[0]
    loader = __spec__.loader if __spec__ is not None else None
    if isinstance(loader, zipimport.zipimporter):  # the archive's directory is parsed already
        environment: dict[str, Any] = json.loads(loader.get_data("environment.json"))
        site_packages = extracted_site_packages(archive, environment)
        overridden = any(name.startswith("SHIV_") and name not in _HONOURED for name in os.environ)
        if not overridden:
            if not os.path.isdir(site_packages):
                refuse_unwritable_root(extraction_root(environment))
                extract(archive, site_packages)
            run_extracted(archive, site_packages, environment)
            return
    import _bootstrap  # type: ignore[import-not-found]  # shiv's, at the archive's root

    _bootstrap.bootstrap()


if __name__ == "__main__":
    main()
