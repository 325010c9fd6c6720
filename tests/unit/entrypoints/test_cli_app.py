"""The CLI's wiring: lazy commands resolve, --help stays light, config reaches commands."""

import json
import subprocess
import sys

import pytest

from trade_analyst.entrypoints.cli import app, main

HEAVY = ("httpx", "pyarrow", "cryptography", "uvicorn", "anyio", "pandas")


@pytest.mark.parametrize(
    "name",
    [
        "futures",
        "calendar",
        "auth",
        "quotes",
        "history",
        "chain",
        "hours",
        "movers",
        "instruments",
        "validate",
        "health",
    ],
)
def test_every_lazy_command_group_resolves(name):
    assert app[name].name[0] == name


@pytest.mark.parametrize(
    "argv",
    [["--help"], ["futures", "--help"], ["futures", "front", "/ES", "--on", "2025-06-11"]],
)
def test_no_heavy_library_is_imported(argv):
    code = (
        "import json, sys\n"
        "from entrypoints.cli import main\n"
        f"main({argv!r})\n"
        f"heavy = sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))\n"
        "sys.stderr.write('HEAVY=' + json.dumps(heavy))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    heavy = json.loads(result.stderr.rsplit("HEAVY=", 1)[1])
    assert heavy == []


def test_roll_policy_from_the_environment_reaches_the_command(monkeypatch, capsys, tmp_path):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("TA_FUTURES_ROLL_POLICY", "expiry")
    # 2025-06-12 is ESM25's roll date under "auto"; under "expiry" June stays front.
    assert main(["--format", "json", "futures", "front", "/ES", "--on", "2025-06-12"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert (record["policy"], record["contract"]) == ("expiry", "/ESM25")


def test_bad_config_is_a_usage_error(monkeypatch, capsys, tmp_path):
    (tmp_path / "config.toml").write_text('[general]\nformat = "xml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["futures", "roots"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert "general.format" in captured.err
