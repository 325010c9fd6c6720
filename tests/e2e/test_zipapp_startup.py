"""How the zipapp starts: shiv's bootstrap on the first run, the archive's own warm start
after it, bytecode kept beside the extraction, and the time zones it ships."""

import json
import subprocess

import pytest

from tests.e2e.conftest import Zipapp


@pytest.fixture
def own_root(zipapp: Zipapp, tmp_path) -> Zipapp:
    """The zipapp with an extraction root of its own: these tests watch a first run."""
    return Zipapp(zipapp.python, zipapp.env | {"SHIV_ROOT": str(tmp_path / "shiv")}, tmp_path)


def _extraction(zipapp: Zipapp):
    (site_packages,) = (zipapp.workdir / "shiv").glob("ta.pyz_*/site-packages")
    return site_packages


def test_bytecode_is_written_on_first_use_even_under_dont_write_bytecode(own_root):
    launcher = "trade_analyst/entrypoints/__pycache__/launcher.cpython-311.pyc"
    never_imported = "trade_analyst/adapters/schwab/__pycache__"
    no_bytecode = Zipapp(
        own_root.python, own_root.env | {"PYTHONDONTWRITEBYTECODE": "1"}, own_root.workdir
    )

    assert no_bytecode.run("--version").returncode == 0

    site_packages = _extraction(own_root)
    assert (site_packages / launcher).is_file()
    assert not (site_packages / never_imported).exists()  # no compiling of the whole tree


def test_a_shiv_override_goes_through_shivs_bootstrap(own_root):
    assert own_root.run("--version").returncode == 0
    marker = _extraction(own_root) / "trade_analyst" / "left-by-test"
    marker.touch()

    forced = Zipapp(own_root.python, own_root.env | {"SHIV_FORCE_EXTRACT": "1"}, own_root.workdir)
    result = forced.run("--version")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0.1.0"
    assert not marker.exists()  # extracted afresh: shiv's bootstrap ran, not the warm start


def test_time_zones_come_from_the_zipapp_without_a_system_database(zipapp, tmp_path):
    no_system_zones = zipapp.env | {"PYTHONTZPATH": str(tmp_path)}  # an empty folder
    args = ["calendar", "status", "nyse", "--at", "2025-06-20T14:00:00Z"]
    result = subprocess.run(
        zipapp.argv(*args), capture_output=True, text=True, env=no_system_zones,
        cwd=zipapp.workdir, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    status = json.loads(result.stdout)
    assert status["next_open"] == "2025-06-23T13:30:00Z"  # 09:30 New York on Monday
