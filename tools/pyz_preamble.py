"""shiv preamble: delete extractions left behind by earlier builds of this zipapp.

shiv extracts each build to ``<root>/<pyz name>_<build id>`` and never cleans up, so
every rebuild would leave ~200 MB behind. shiv injects ``archive``, ``env`` and
``site_packages`` into this module's globals before running it.
"""

import shutil
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


_remove_stale_extractions(Path(globals()["site_packages"]))
