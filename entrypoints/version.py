"""The installed distribution's version: shown by ``ta --version``, recorded in datasets.

The version is read from the ``Version:`` field of the distribution's METADATA file, in
the first ``trade_analyst-*.dist-info`` folder on ``sys.path``: the file and the order
``importlib.metadata`` use. Importing ``importlib.metadata`` itself (it parses METADATA
with the ``email`` package) costs about 15 ms, an eighth of a whole ``ta --version``, so
it is the fallback for installs without such a folder (eggs, zipped paths).
"""

import os
import sys

DISTRIBUTION = "trade-analyst"
UNKNOWN = "0+unknown"  # a source tree that was never installed
# The folder name installers write for the distribution: its name with '-' as '_'.
_DIST_INFO_PREFIX = DISTRIBUTION.replace("-", "_") + "-"


def app_version() -> str:
    metadata = _first_metadata_file(sys.path)
    found = _version_field(metadata) if metadata is not None else None
    return found if found is not None else _version_from_importlib()


def _first_metadata_file(folders: list[str]) -> str | None:
    for folder in folders:
        try:
            names = os.listdir(folder or ".")
        except OSError:  # a zip archive on the path, or a folder that is gone
            continue
        for name in names:
            if name.startswith(_DIST_INFO_PREFIX) and name.endswith(".dist-info"):
                return os.path.join(folder or ".", name, "METADATA")
    return None


def _version_field(metadata: str) -> str | None:
    """The ``Version:`` header of a METADATA file; None if it cannot be read or has none."""
    try:
        with open(metadata, encoding="utf-8") as lines:
            for line in lines:
                if not line.strip():  # the headers end at the first blank line
                    return None
                key, _, value = line.partition(":")
                if key.strip().lower() == "version":
                    return value.strip()
    except OSError:
        return None
    return None


def _version_from_importlib() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return UNKNOWN
