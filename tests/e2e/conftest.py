"""Run the built zipapp the way a server would: a bare interpreter, no venv, no repo."""

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from tests.pinned_now import TA_NOW

ROOT = Path(__file__).resolve().parents[2]
PYZ = ROOT / "dist" / "ta.pyz"


def _base_python() -> str:
    """The interpreter the venv was made from: the zipapp must not rely on the venv."""
    return str(
        Path(sys.base_prefix) / "bin" / f"python{sys.version_info.major}.{sys.version_info.minor}"
    )


@pytest.fixture(scope="session")
def shiv_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the zipapp extracts itself during the e2e run (never the user's ~/.shiv)."""
    return tmp_path_factory.mktemp("shiv")


@attrs.frozen
class Zipapp:
    """How to start the built zipapp: a bare interpreter, a clean environment, a scratch cwd."""

    python: str
    env: dict[str, str]
    workdir: Path

    def argv(self, *args: str) -> list[str]:
        return [self.python, str(PYZ), *args]

    def run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.argv(*args),
            capture_output=True,
            text=True,
            env=self.env,
            cwd=self.workdir,
            timeout=timeout,
            check=False,
        )


@pytest.fixture(scope="session")
def zipapp(tmp_path_factory: pytest.TempPathFactory, shiv_root: Path) -> Zipapp:
    if not PYZ.is_file():
        pytest.fail(f"{PYZ} is missing: run 'make zipapp' before the e2e tests")
    workdir = tmp_path_factory.mktemp("cwd")  # no config.toml here: built-in defaults
    home = tmp_path_factory.mktemp("home")
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(home),
        "SHIV_ROOT": str(shiv_root),
        "LANG": "C.UTF-8",
        "TA_NOW": TA_NOW,  # a pinned clock: no result depends on the day the tests run
    }
    python = _base_python()
    assert shutil.which(python) or Path(python).exists()
    return Zipapp(python, env, workdir)


@pytest.fixture(scope="session")
def run_pyz(zipapp: Zipapp) -> Callable[..., subprocess.CompletedProcess[str]]:
    return zipapp.run


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/e2e/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.e2e)
