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


def _run(**options: object) -> tuple[int, str]:
    out = io.StringIO()
    code = run(out=out, err=out, **options)  # type: ignore[arg-type]
    return code, out.getvalue()


def test_laws_that_hold_exit_0_with_a_line_each(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    code, text = _run(laws=[non_negative], examples=3, seed=1)
    assert code == 0
    assert "ok    test_runner.non_negative" in text
    assert "3 examples a law, seed 1" in text
    assert re.search(r"^all 1 laws hold \(\d+\.\d s\)$", text, flags=re.MULTILINE)
    assert list(tmp_path.iterdir()) == []  # no .hypothesis folder left behind


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
