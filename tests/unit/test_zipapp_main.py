"""The zipapp's __main__ finds the extraction exactly where shiv's bootstrap puts it.

Its warm start only works if both agree on the folder; shiv's ``cache_path`` is the
oracle, for every way the extraction root can be chosen.
"""

import importlib.util
import os
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from shiv.bootstrap import cache_path

MAIN = Path(__file__).resolve().parents[2] / "tools" / "pyz_main.py"
BUILD_ID = "0123456789abcdef" * 4


def _pyz_main() -> ModuleType:
    spec = importlib.util.spec_from_file_location("pyz_main", MAIN)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)  # defines functions only: main() runs as __main__
    return module


def _shiv_site_packages(archive: Path, build_root: str | None) -> str:
    root = os.environ.get("SHIV_ROOT", build_root)  # shiv's Environment.root
    extraction = cache_path(SimpleNamespace(filename=str(archive)), root, BUILD_ID)
    return str(extraction / "site-packages")


@pytest.mark.parametrize(
    ("shiv_root", "build_root"),
    [
        (None, None),  # ~/.shiv
        ("{tmp}/roots", None),  # SHIV_ROOT, as the Makefile and the tests set it
        ("~/elsewhere", None),
        (None, "{tmp}/built-in"),  # a root chosen at build time
        ("{tmp}/roots", "{tmp}/built-in"),  # SHIV_ROOT wins
        (None, "$TA_TEST_ROOT"),  # a build root naming a variable
    ],
)
def test_extraction_folder_is_the_one_shiv_extracts_to(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shiv_root: str | None, build_root: str | None
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TA_TEST_ROOT", str(tmp_path / "from-variable"))
    monkeypatch.delenv("SHIV_ROOT", raising=False)
    if shiv_root is not None:
        monkeypatch.setenv("SHIV_ROOT", shiv_root.format(tmp=tmp_path))
    root = build_root.format(tmp=tmp_path) if build_root else None
    (tmp_path / "bin").mkdir()
    archive = tmp_path / "bin" / "ta.pyz"
    archive.touch()
    link = tmp_path / "ta-link.pyz"
    link.symlink_to(archive)  # shiv names the folder after the file a link points to

    for started_as in (archive, link):
        environment = {"build_id": BUILD_ID, "root": root}
        ours = _pyz_main().extracted_site_packages(str(started_as), environment)
        assert ours == _shiv_site_packages(started_as, root)
