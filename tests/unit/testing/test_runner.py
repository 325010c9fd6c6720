"""The laws runner: a summary, exit 0 when all hold, 6 with the falsifying example."""

import io
import re
from pathlib import Path

import pytest
from hypothesis import strategies as st

from trade_analyst.testing.laws import all_laws
from trade_analyst.testing.laws.law import law
from trade_analyst.testing.runner import main, run


@law(st.integers(0, 1000))
def below_five(n: int) -> None:
    assert n < 5, f"{n} is not below 5"


@law(st.integers(0, 10))
def non_negative(n: int) -> None:
    assert n >= 0


@pytest.fixture(autouse=True)
def cache_home(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Hypothesis' caches go to the user's cache folder: here, the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _run(**options: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run(out=out, err=out, **options)  # type: ignore[arg-type]
    return code, out.getvalue()


def test_laws_that_hold_exit_0_with_a_line_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache_home: Path
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    code, text = _run(laws=[non_negative], examples=3, seed=1)
    assert code == 0
    assert "ok    test_runner.non_negative" in text
    assert "3 examples a law, seed 1" in text
    assert re.search(r"^all 1 laws hold \(\d+\.\d s\)$", text, flags=re.MULTILINE)
    assert list(work.iterdir()) == []  # no .hypothesis folder where it ran
    assert (cache_home / "trade-analyst" / "hypothesis").is_dir()


def test_without_a_usable_cache_folder_the_caches_are_temporary(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(not_a_folder / "cache"))  # cannot be made
    monkeypatch.chdir(tmp_path)
    assert _run(laws=[non_negative], examples=2, seed=1)[0] == 0
    assert [path.name for path in tmp_path.iterdir()] == ["file"]


def test_a_failing_law_exits_6_with_its_shrunk_falsifying_example() -> None:
    code, text = _run(laws=[non_negative, below_five], seed=7, profile="quick")
    assert code == 6
    assert "ok    test_runner.non_negative" in text
    assert "FAIL  test_runner.below_five" in text
    assert "below_five(" in text
    assert "n=5" in text
    assert "5 is not below 5" in text
    assert "1 of 2 laws failed" in text
    assert "replay with --seed 7 --profile quick" in text


def test_the_same_seed_draws_the_same_examples() -> None:
    drawn: list[int] = []

    @law(st.integers())
    def records(n: int) -> None:
        drawn.append(n)

    runs = []
    for _ in range(2):
        drawn.clear()
        assert _run(laws=[records], seed=42, examples=5)[0] == 0
        runs.append(list(drawn))
    assert runs[0] == runs[1]
    assert len(runs[0]) >= 5


def test_every_law_of_the_package_is_run_by_default() -> None:
    code, text = _run(examples=1, seed=3)
    assert code == 0
    names = [f"{found.area}.{found.name}" for found in all_laws()]
    assert re.findall(r"^ok    (\S+)$", text, flags=re.MULTILINE) == names
    assert {found.area for found in all_laws()} == {
        "time_zones", "symbols", "calendars", "futures", "bars", "pricing",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--profile", "nightly"], "unknown profile 'nightly'"),
        (["--examples", "0"], "--examples must be at least 1"),
        (["--examples", "many"], "invalid literal"),
        (["--seed"], "--seed needs a value"),
        (["--fast"], "unknown argument '--fast'"),
    ],
)
def test_bad_arguments_exit_2(argv: list[str], message: str) -> None:
    out, err = io.StringIO(), io.StringIO()
    assert main(argv, out=out, err=err) == 2
    assert message in err.getvalue()
