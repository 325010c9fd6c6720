"""The built wheel installed as users install it: beside a host app, and without extras.

Each test makes a fresh venv and installs the wheel from this checkout with pip, the way a
user would; dependencies come from the package index (pip's cache makes repeats quick).
"""

import json
import os
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[3]
# What the [all] extra brings; none of it may arrive with the base install.
EXTRA_IMPORTS = (
    "pyarrow", "numpy", "httpx", "cryptography", "cyclopts", "rich", "uvicorn", "anyio",
)  # fmt: skip

HOST_MODULES = {
    # A DDD-style host app: the package names most likely to collide with ours.
    "domain/__init__.py": "",
    "domain/calendars.py": "HOST = 'host domain.calendars'\n",
    "ports/__init__.py": "AuthRequired = 'host ports.AuthRequired'\n",
    "adapters/__init__.py": "",
    "adapters/db.py": "HOST = 'host adapters.db'\n",
}
HOST_PYPROJECT = """\
[build-system]
requires = ["setuptools>=70"]
build-backend = "setuptools.build_meta"

[project]
name = "host-app"
version = "1.0"

[tool.setuptools]
packages = ["domain", "ports", "adapters"]
"""

# Our domain and the host's, side by side in one interpreter.
BOTH_IMPORT = """
import datetime as dt
import json
import domain.calendars, ports, adapters.db
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import front_month
from trade_analyst.ports import AuthRequired
print(json.dumps({
    "host": [domain.calendars.HOST, ports.AuthRequired, adapters.db.HOST],
    "ours": [
        get_calendar("nyse").is_session(dt.date(2025, 1, 9)),
        str(front_month("ES", dt.date(2025, 6, 12), "auto")),
        AuthRequired.__module__,
    ],
}))
"""
# The Python API on the base install: importing is fine, connecting says what to install.
API_WITHOUT_EXTRA = """
import trade_analyst
try:
    trade_analyst.connect(provider="mock")
except ImportError as error:
    print(error)
"""
# The Python API with the [all] extra, on the mock provider.
API_WITH_EXTRA = """
import trade_analyst
with trade_analyst.connect(provider="mock") as client:
    quotes = client.quotes(["AAPL", "/ES"])
print(type(quotes).__module__.split(".")[0], quotes.column("symbol").to_pylist())
"""
OURS_IMPORT = """
import datetime as dt
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import front_month
print(get_calendar("nyse").next_session(dt.date(2025, 7, 3)))
print(front_month("ES", dt.date(2025, 6, 12), "auto"))
"""


def _run(*argv: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    # Only what the venv installed may be imported: never the working tree on PYTHONPATH.
    env = {name: value for name, value in os.environ.items() if name != "PYTHONPATH"}
    return subprocess.run(
        [str(a) for a in argv],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        cwd=cwd,
        env=env,
    )


def _ok(*argv: str | Path, cwd: Path | None = None) -> str:
    done = _run(*argv, cwd=cwd)
    assert done.returncode == 0, f"{argv}: {done.stdout}\n{done.stderr}"
    return done.stdout


def _clean_copy(destination: Path) -> Path:
    """The files git tracks, symlinks kept: what a fresh clone builds (no stale build/)."""
    listed = _ok("git", "-C", ROOT, "ls-files", "-z").split("\0")
    for name in filter(None, listed):
        source, target = ROOT / name, destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if source.is_symlink():
            target.symlink_to(source.readlink())
        elif source.exists():  # a file deleted in the working tree but not yet in git
            shutil.copy2(source, target)
    return destination


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = _clean_copy(tmp_path_factory.mktemp("source"))
    out = tmp_path_factory.mktemp("wheel")
    _ok(sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", out, source)
    (built,) = out.glob("trade_analyst-*.whl")
    return built


def _fresh_venv(where: Path) -> Path:
    venv.create(where, with_pip=True)
    return where / "bin"


def _host_app(where: Path) -> Path:
    for name, text in HOST_MODULES.items():
        (where / name).parent.mkdir(parents=True, exist_ok=True)
        (where / name).write_text(text)
    (where / "pyproject.toml").write_text(HOST_PYPROJECT)
    return where


def test_the_wheel_holds_one_top_level_package_with_its_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"trade_analyst"}
    for needed in (
        "trade_analyst/__init__.py",
        "trade_analyst/py.typed",
        "trade_analyst/domain/calendars/__init__.py",
        "trade_analyst/ports/__init__.py",
        "trade_analyst/adapters/schwab/__init__.py",
        "trade_analyst/entrypoints/cli/app.py",
        "trade_analyst/entrypoints/schemas/levels.v1.json",
        "trade_analyst/testing/strategies/__init__.py",
        "trade_analyst/testing/__main__.py",
        # ta chart inlines the charting library; its licence and notice travel with it.
        "trade_analyst/entrypoints/charts/vendor/lightweight-charts.standalone.production.js",
        "trade_analyst/entrypoints/charts/vendor/lightweight-charts.LICENSE",
        "trade_analyst/entrypoints/charts/vendor/lightweight-charts.NOTICE",
    ):
        assert needed in names


def test_beside_a_host_app_with_its_own_domain_both_import_and_ours_survives_its_removal(
    wheel: Path, tmp_path: Path
) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    host = _host_app(tmp_path / "host")
    _ok(bin_dir / "pip", "install", "--quiet", f"trade-analyst[all] @ {wheel.as_uri()}")
    _ok(bin_dir / "pip", "install", "--quiet", host)
    _ok(bin_dir / "pip", "check")

    seen = json.loads(_ok(bin_dir / "python", "-c", BOTH_IMPORT, cwd=tmp_path))
    assert seen["host"] == ["host domain.calendars", "host ports.AuthRequired", "host adapters.db"]
    assert seen["ours"] == [False, "/ESU25", "trade_analyst.ports.errors"]

    _ok(bin_dir / "pip", "uninstall", "--yes", "--quiet", "host-app")
    assert _ok(bin_dir / "python", "-c", OURS_IMPORT, cwd=tmp_path).split() == [
        "2025-07-07",
        "/ESU25",
    ]
    ta = (bin_dir / "ta", "--format", "json", "--provider", "mock")
    quotes = json.loads(_ok(*ta, "quotes", "AAPL", cwd=tmp_path))
    assert [record["symbol"] for record in quotes] == ["AAPL"]
    assert _ok(bin_dir / "python", "-c", API_WITH_EXTRA, cwd=tmp_path).split(maxsplit=1) == [
        "pyarrow",
        "['AAPL', '/ES']\n",
    ]


def test_the_base_install_is_the_domain_with_attrs_and_tzdata_only(
    wheel: Path, tmp_path: Path
) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    _ok(bin_dir / "pip", "install", "--quiet", wheel)
    installed = {
        row["name"].lower() for row in json.loads(_ok(bin_dir / "pip", "list", "--format", "json"))
    }
    assert installed - {"pip", "setuptools"} == {"trade-analyst", "attrs", "tzdata"}

    probe = f"import importlib.util as u; print([m for m in {EXTRA_IMPORTS!r} if u.find_spec(m)])"
    assert _ok(bin_dir / "python", "-c", probe, cwd=tmp_path).strip() == "[]"
    assert _ok(bin_dir / "python", "-c", OURS_IMPORT, cwd=tmp_path).split() == [
        "2025-07-07",
        "/ESU25",
    ]

    # The ta script is installed, and says what is missing instead of a traceback.
    done = _run(bin_dir / "ta", "futures", "front", "/ES", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stdout == ""
    error, hint = done.stderr.splitlines()
    assert error.startswith("error: the ta command needs the [all] extra")
    assert "pyarrow" in error
    assert hint == "hint: pip install 'trade-analyst[all]'"

    # The Python API imports, and connecting names what is missing and how to install it.
    said = _ok(bin_dir / "python", "-c", API_WITHOUT_EXTRA, cwd=tmp_path)
    assert said.startswith("trade_analyst.connect needs the [all] extra; not installed: ")
    assert "pyarrow" in said
    assert said.strip().endswith("pip install 'trade-analyst[all]'")


def _readme_host_test() -> str:
    """The host app's property test the README shows (the first Python block of its
    property-based testing section): the documentation is what runs."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Property-based testing with trade-analyst", 1)[1].split("\n## ")[0]
    return section.split("```python\n", 1)[1].split("```", 1)[0]


def test_with_the_testing_extra_a_host_apps_property_test_uses_our_strategies(
    wheel: Path, tmp_path: Path
) -> None:
    bin_dir = _fresh_venv(tmp_path / "venv")
    _ok(bin_dir / "pip", "install", "--quiet", f"trade-analyst[testing] @ {wheel.as_uri()}")
    _ok(bin_dir / "pip", "install", "--quiet", "pytest")
    installed = {
        row["name"].lower() for row in json.loads(_ok(bin_dir / "pip", "list", "--format", "json"))
    }
    assert "hypothesis" in installed
    assert not installed & {"pyarrow", "numpy", "httpx", "cyclopts"}  # [testing] is not [all]

    (tmp_path / "test_host.py").write_text(_readme_host_test())
    report = _ok(bin_dir / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=tmp_path)
    assert "3 passed" in report

    laws = _ok(bin_dir / "python", "-m", "trade_analyst.testing", "--seed", "1", cwd=tmp_path)
    assert laws.splitlines()[-1].startswith("all ")


def test_make_installs_into_a_fresh_venv_without_setuptools_warnings(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    # What `make run` does first in a fresh clone: a venv and the strict editable install.
    # Its output must be the job's alone: no setuptools deprecation or editable notice.
    source = _clean_copy(tmp_path_factory.mktemp("clone"))
    done = _run("make", "--no-print-directory", ".venv/.installed",
                f"PYTHON={sys.executable}", cwd=source)  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    # pip's own notes about this machine's package index settings are not ours.
    ours = [line for line in output.splitlines() if not line.startswith("WARNING: Location")]
    # (Case matters: the echoed command line sets PYTHONWARNINGS.)
    noisy = [line for line in ours if re.search(r"Warning|[Dd]eprecat|!!", line)]
    assert noisy == [], "\n".join(ours)
