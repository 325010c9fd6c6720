"""How the zipapp starts: the archive's own extraction on the first run (shiv's bootstrap
when a SHIV_* variable asks for it), its warm start after it, bytecode kept beside the
extraction, and the time zones it ships."""

import json
import subprocess
import zipfile

import pytest

from tests.e2e.conftest import PYZ, Zipapp


@pytest.fixture
def own_root(zipapp: Zipapp, tmp_path) -> Zipapp:
    """The zipapp with an extraction root of its own: these tests watch a first run."""
    return Zipapp(zipapp.python, zipapp.env | {"SHIV_ROOT": str(tmp_path / "shiv")}, tmp_path)


def _extraction(zipapp: Zipapp):
    (site_packages,) = (zipapp.workdir / "shiv").glob("ta.pyz_*/site-packages")
    return site_packages


def test_a_first_run_extracts_every_file_as_packed(own_root):
    assert own_root.run("--version").returncode == 0

    site_packages = _extraction(own_root)
    with zipfile.ZipFile(PYZ) as archive:
        packed = {
            entry.filename.removeprefix("site-packages/"): entry
            for entry in archive.infolist()
            if entry.filename.startswith("site-packages/")
        }
        extracted = {
            path.relative_to(site_packages).as_posix()
            for path in site_packages.rglob("*")
            if path.is_file() and "__pycache__" not in path.parts
        }
        assert extracted == set(packed)
        for name in ("pyarrow/libarrow.so.2600", "trade_analyst/entrypoints/launcher.py"):
            assert (site_packages / name).read_bytes() == archive.read(packed[name])
            mode = (site_packages / name).stat().st_mode & 0o777
            assert mode == (packed[name].external_attr >> 16) & 0o777
    leftovers = [p.name for p in site_packages.parent.parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_concurrent_first_runs_extract_once_and_both_run(own_root):
    starts = [
        subprocess.Popen(
            own_root.argv("--version"),
            env=own_root.env,
            cwd=own_root.workdir,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [start.communicate(timeout=120) for start in starts]

    assert [start.returncode for start in starts] == [0, 0], outputs
    assert [out.strip() for out, _ in outputs] == ["0.1.0", "0.1.0"]
    root = own_root.workdir / "shiv"
    assert [p.name for p in root.iterdir() if not p.name.startswith(".")] == [
        _extraction(own_root).parent.name
    ]


def test_a_half_extraction_left_by_a_killed_first_run_is_replaced(own_root):
    assert own_root.run("--version").returncode == 0
    folder = _extraction(own_root).parent
    partial = folder.with_name(folder.name + ".tmp")
    folder.rename(partial)  # as a first run killed before its final rename leaves it
    (partial / "site-packages" / "pyarrow" / "libarrow.so.2600").write_bytes(b"cut short")

    result = own_root.run("--version")

    assert result.returncode == 0, result.stderr
    assert not partial.exists()
    library = _extraction(own_root) / "pyarrow" / "libarrow.so.2600"
    assert library.stat().st_size > 1_000_000


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
