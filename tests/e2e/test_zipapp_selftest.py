"""``ta selftest`` from the zipapp: the laws run on the server's interpreter, in seconds."""

import time

from tests.e2e.conftest import Zipapp


def test_selftest_holds_from_a_first_run_in_under_10_seconds(zipapp: Zipapp, tmp_path) -> None:
    cold = Zipapp(zipapp.python, zipapp.env | {"SHIV_ROOT": str(tmp_path / "shiv")}, tmp_path)
    started = time.monotonic()
    done = cold.run("selftest", "--seed", "1")
    elapsed = time.monotonic() - started
    assert done.returncode == 0, done.stdout + done.stderr
    assert "profile quick, 10 examples a law, seed 1" in done.stdout
    assert done.stdout.splitlines()[-1].startswith("all ")
    assert elapsed < 10, f"ta selftest took {elapsed:.1f} s"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["shiv"]  # no .hypothesis
