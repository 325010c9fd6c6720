"""Zipapp preamble: runs after extraction, before the CLI, on every start.

1. Delete extractions left behind by earlier builds of this zipapp. shiv extracts each
   build to ``<root>/<pyz name>_<build id>`` and never cleans up, so every rebuild would
   leave ~100 MB behind.
2. Keep bytecode beside the extracted modules. The archive is not byte-compiled when it
   is extracted (compiling every module made the first run ~1 s slower): Python writes a
   module's bytecode the first time it imports it. Under ``PYTHONDONTWRITEBYTECODE`` it
   would not, and every start would compile the CLI afresh, so then the modules this run
   imported from the extraction get their bytecode written at exit instead.

shiv's bootstrap (first run) and the zipapp's ``__main__`` (warm starts) put
``site_packages`` (and ``archive``) into this module's globals before running it.
"""

import atexit
import os
import shutil
import sys
from pathlib import Path


def _remove_stale_extractions(current_site_packages: Path) -> None:
    current = current_site_packages.parent
    # Split from the right: the pyz file name itself may contain underscores.
    name, _, _build_id = current.name.rpartition("_")
    if not name:
        return
    for sibling in current.parent.glob(f"{name}_*"):
        stale = sibling.is_dir() and sibling != current and sibling.name.rpartition("_")[0] == name
        if stale:
            shutil.rmtree(sibling, ignore_errors=True)
        lock = sibling.with_name(f".{sibling.name}_lock")
        if stale and lock.exists():
            lock.unlink(missing_ok=True)


def _write_missing_bytecode(site_packages: Path) -> None:
    """Byte-compile the modules imported from ``site_packages`` that have no bytecode yet."""
    prefix = os.path.join(os.path.abspath(site_packages), "")
    missing: list[tuple[str, str]] = []
    for module in list(sys.modules.values()):
        spec = getattr(module, "__spec__", None)
        source, cached = getattr(spec, "origin", None), getattr(spec, "cached", None)
        if not (isinstance(source, str) and isinstance(cached, str)):
            continue
        ours = source.endswith(".py") and source.startswith(prefix)
        if ours and not os.path.exists(cached):
            missing.append((source, cached))
    if not missing:
        return
    import py_compile

    # The same timestamp-checked bytecode the import system writes itself.
    mode = py_compile.PycInvalidationMode.TIMESTAMP
    for source, cached in missing:
        try:
            py_compile.compile(source, cfile=cached, doraise=True, invalidation_mode=mode)
        except py_compile.PyCompileError:
            continue  # cannot happen for a module that was just imported; no reason to stop
        except OSError:
            return  # a read-only extraction: nothing can be written, so stop trying


_site_packages = Path(globals()["site_packages"])
_remove_stale_extractions(_site_packages)
if sys.dont_write_bytecode:
    atexit.register(_write_missing_bytecode, _site_packages)
