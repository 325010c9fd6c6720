"""Options several commands share (cli/parameters.py) behave the same in each command."""

import datetime as dt
import json
import os

import pytest

from trade_analyst.entrypoints.cli import main

pytestmark = pytest.mark.integration


@pytest.fixture(autouse=True)
def isolated(monkeypatch, tmp_path):
    """An empty folder, no config file, no TA_* variables, and the clock pinned in 2025."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in list(os.environ):
        if name.startswith("TA_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("TA_NOW", "2025-08-20T15:00:00Z")


def records(capsys, *args):
    assert main(["--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("command", ["sessions", "holidays", "early-closes"])
def test_calendar_ranges_default_to_the_current_year(capsys, command):
    rows = records(capsys, "calendar", command, "nyse")
    years = {dt.date.fromisoformat(row["date"]).year for row in rows}
    assert years == {2025}


def test_calendar_range_from_start_and_end(capsys):
    rows = records(capsys, "calendar", "sessions", "nyse", "--start", "2025-07-03",
                   "--end", "2025-07-08")  # fmt: skip
    # July 4th is a holiday and the 5th and 6th a weekend.
    assert [row["date"] for row in rows] == ["2025-07-03", "2025-07-07", "2025-07-08"]


def test_calendar_and_roll_schedule_reject_a_start_after_the_end(capsys):
    for args in (["calendar", "holidays", "cme"], ["futures", "rolls", "/ES"]):
        assert main([*args, "--start", "2025-03-01", "--end", "2025-02-01"]) == 2
        assert "--start 2025-03-01 is after --end 2025-02-01" in capsys.readouterr().err


def test_roll_schedule_defaults_to_the_current_year(capsys):
    rows = records(capsys, "futures", "rolls", "/ES")
    # /ES rolls once a quarter.
    assert [dt.date.fromisoformat(row["date"]).year for row in rows] == [2025] * 4


@pytest.mark.parametrize("command", [["history"], ["indicators", "--add", "sma:2"]])
def test_bar_commands_take_the_roll_policy_from_config(capsys, monkeypatch, command):
    # Under "auto" /ES rolls from June to September on 2025-06-12; under "expiry" June
    # stays the front until its last trade date (2025-06-20).
    window = ["/ES", "--start", "2025-06-16", "--end", "2025-06-17"]
    contracts = {row["contract"] for row in records(capsys, *command, *window)}
    assert contracts == {"/ESU25"}
    monkeypatch.setenv("TA_FUTURES_ROLL_POLICY", "expiry")
    contracts = {row["contract"] for row in records(capsys, *command, *window)}
    assert contracts == {"/ESM25"}
    explicit = {row["contract"] for row in records(capsys, *command, *window, "--roll", "auto")}
    assert explicit == {"/ESU25"}
