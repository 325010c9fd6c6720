"""The zipapp's __main__ finds the extraction exactly where shiv's bootstrap puts it.

Its warm start only works if both agree on the folder; shiv's ``cache_path`` is the
oracle, for every way the extraction root can be chosen.
"""

import importlib.util
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
from shiv.bootstrap import cache_path

MAIN = Path(__file__).resolve().parents[2] / "tools" / "pyz_main.py"
BUILD_ID = "0123456789abcdef" * 4
# The unprivileged user of Debian and most Linux systems.
NOBODY = 65534


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


def _exit_code_and_stderr_as_an_ordinary_user(check: Callable[[], None]) -> tuple[int, str]:
    """Runs ``check`` in a forked child, as "nobody" when the tests run as root (root writes
    anywhere, and CI runs as root); its exit code and what it wrote on stderr."""
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover (the child)
        code = 0
        try:
            os.dup2(write_end, 2)
            if os.geteuid() == 0:
                os.setgid(NOBODY)
                os.setuid(NOBODY)
            sys.stderr = os.fdopen(2, "w", closefd=False)
            check()
        except SystemExit as stopped:
            code = stopped.code if isinstance(stopped.code, int) else 1
        except BaseException:
            code = 99
        finally:
            sys.stderr.flush()
            os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end) as stderr:
        said = stderr.read()
    _, status = os.waitpid(child, 0)
    return os.waitstatus_to_exitcode(status), said


def test_an_unwritable_extraction_root_is_one_error_and_a_hint_about_shiv_root() -> None:
    refuse = _pyz_main().refuse_unwritable_root
    with tempfile.TemporaryDirectory(dir="/tmp") as scratch:
        Path(scratch).chmod(0o755)  # the ordinary user can reach the home inside
        home = Path(scratch) / "home"
        home.mkdir(mode=0o555)  # a read-only home: ~/.shiv cannot be made
        root = str(home / ".shiv")
        code, said = _exit_code_and_stderr_as_an_ordinary_user(lambda: refuse(root))
    assert code == 7, said
    lines = said.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"error: cannot unpack the zipapp into {root}: ")
    assert lines[1].startswith("hint: set SHIV_ROOT to a folder you can write")


def test_a_root_under_a_file_is_refused_the_same_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Unwritable even for root (CI runs as root, which a read-only home does not stop).
    blocker = tmp_path / "home"
    blocker.write_text("")
    root = str(blocker / ".shiv")
    with pytest.raises(SystemExit) as stopped:
        _pyz_main().refuse_unwritable_root(root)
    assert stopped.value.code == 7
    error, hint = capsys.readouterr().err.splitlines()
    assert error == f"error: cannot unpack the zipapp into {root}: Not a directory"
    assert hint.startswith("hint: set SHIV_ROOT to a folder you can write, e.g. SHIV_ROOT=")


def test_a_writable_root_is_created_and_passes(tmp_path: Path) -> None:
    root = tmp_path / "home" / ".shiv"
    assert _pyz_main().unwritable_root(str(root)) is None
    assert root.is_dir()


def test_a_zipapp_started_on_a_home_it_cannot_unpack_into_stops_before_shiv(
    tmp_path: Path,
) -> None:
    # A minimal archive with the real __main__ and an environment.json: started as the
    # zipapp is (python ARCHIVE), on a home where ~/.shiv cannot be made and without
    # SHIV_ROOT, it must stop with its two lines before shiv's bootstrap (absent here).
    import json
    import subprocess
    import sys
    import zipfile

    archive = tmp_path / "ta.pyz"
    with zipfile.ZipFile(archive, "w") as pyz:
        pyz.writestr("__main__.py", MAIN.read_text())
        pyz.writestr("environment.json", json.dumps({"build_id": BUILD_ID, "root": None}))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    env = {"PATH": os.environ["PATH"], "HOME": str(blocker / "home")}
    done = subprocess.run(
        [sys.executable, str(archive), "--version"],
        capture_output=True, text=True, env=env, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 7, done.stderr
    error, hint = done.stderr.splitlines()
    assert error == f"error: cannot unpack the zipapp into {blocker}/home/.shiv: Not a directory"
    assert hint.startswith("hint: set SHIV_ROOT to a folder you can write")


def test_the_preamble_runs_with_shivs_globals_and_keeps_its_bytecode(tmp_path: Path) -> None:
    site_packages = tmp_path / "site-packages"
    (site_packages / "bin").mkdir(parents=True)
    preamble = site_packages / "bin" / "preamble.py"
    seen = tmp_path / "seen.txt"
    preamble.write_text(
        "from pathlib import Path\n"
        f"Path({str(seen)!r}).write_text(\n"
        "    f'{__name__} {archive} {type(site_packages).__name__} {site_packages}'\n"
        ")\n"
    )

    _pyz_main().run_preamble(str(preamble), "/somewhere/ta.pyz", str(site_packages))

    assert seen.read_text() == f"__main__ /somewhere/ta.pyz PosixPath {site_packages}"
    if not sys.dont_write_bytecode:  # a warm start loads it compiled, like any module
        assert list((site_packages / "bin" / "__pycache__").glob("preamble.*.pyc"))
