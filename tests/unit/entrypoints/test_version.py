"""``ta --version`` reads the version importlib.metadata would find, without importing it."""

import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import pytest

from trade_analyst.entrypoints.version import app_version


def _install(folder: Path, metadata: str) -> None:
    dist_info = folder / "trade_analyst-9.8.7.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text(metadata, encoding="utf-8")


def test_the_installed_version_is_the_one_importlib_metadata_reads() -> None:
    assert app_version() == version("trade-analyst")


def test_the_first_distribution_on_the_path_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _install(tmp_path / "site", "Metadata-Version: 2.1\nName: trade-analyst\nVersion: 9.8.7\n")
    (tmp_path / "empty").mkdir()
    monkeypatch.setattr(
        sys, "path", [str(tmp_path / "empty"), str(tmp_path / "missing"), str(tmp_path / "site")]
    )

    assert app_version() == "9.8.7"
    assert version("trade-analyst") == "9.8.7"  # the oracle agrees on the same path


def test_without_an_install_the_version_is_unknown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "path", [str(tmp_path)])

    assert app_version() == "0+unknown"


def test_ta_version_does_not_import_importlib_metadata() -> None:
    code = (
        "import sys\n"
        "sys.argv = ['ta', '--version']\n"
        "from trade_analyst.entrypoints.launcher import main\n"
        "assert main() == 0\n"
        "print('importlib.metadata' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == [version("trade-analyst"), "False"]
