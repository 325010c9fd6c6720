"""``--interval`` in any case (``1D`` as other tools write it) wherever bars are asked for."""

import json

import pytest

from tests.integration.in_process import run_json

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

RANGE = ("--start", "2026-10-01", "--end", "2026-10-09")


@pytest.mark.parametrize(
    "command",
    [
        ("history", "AAPL", *RANGE),
        ("indicators", "AAPL", "--add", "sma:3", *RANGE),
    ],
)
def test_an_upper_case_interval_gives_the_same_bars(capsys, command):
    lower = run_json(capsys, *command, "--interval", "1d")
    upper = run_json(capsys, *command, "--interval", "1D")
    assert upper[0] == lower[0] == 0
    assert json.loads(upper[1]) == json.loads(lower[1])
    assert {row["timestamp"][:10] for row in json.loads(upper[1])} >= {"2026-10-01", "2026-10-09"}


def test_chart_takes_an_upper_case_interval(capsys):
    code, out, err = run_json(
        capsys, "chart", "AAPL", *RANGE, "--interval", "1D", "--out", "c.html"
    )
    assert code == 0, err
    assert json.loads(out)["interval"] == "1d"


def test_1M_is_refused_as_ambiguous_with_a_hint(capsys):
    code, out, err = run_json(capsys, "history", "AAPL", *RANGE, "--interval", "1M")
    assert code == 2
    assert out == ""
    assert "error: ambiguous interval '1M'" in err
    assert "hint: write 1m for one-minute bars or 1mo for monthly bars" in err
