"""The zipapp on a bare interpreter: help, version, and the domain commands end to end.

Expected values come from the exchanges' published calendars and contract rules, never
from this code's own output.
"""

import json

import pytest


def test_help_lists_the_command_groups(run_pyz):
    result = run_pyz("--help")
    assert result.returncode == 0, result.stderr
    assert "futures" in result.stdout
    assert "calendar" in result.stdout
    assert "--format" in result.stdout


def test_version_is_the_package_version(run_pyz):
    result = run_pyz("--version")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0.1.0"


def test_expiry_of_an_equity_index_contract(run_pyz):
    result = run_pyz("--format", "json", "futures", "expiry", "/ESZ25", "ESZ2025")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == 2
    for record in records:
        assert record["contract"] == "/ESZ25"
        assert record["root"] == "ES"
        assert (record["month"], record["year"]) == (12, 2025)
        assert record["last_trade_date"] == "2025-12-19"  # third Friday
        assert record["last_trade_time"] == "2025-12-19T14:30:00Z"  # 09:30 ET
        assert record["first_notice_date"] is None  # cash settled
        assert record["roll_date"] == "2025-12-11"  # 8 calendar days before


def test_front_month_rolls_on_the_roll_date(run_pyz):
    before = json.loads(run_pyz("futures", "front", "/ES", "--on", "2025-06-11").stdout)
    on_roll = json.loads(run_pyz("futures", "front", "/ES", "--on", "2025-06-12").stdout)
    assert before["contract"] == "/ESM25"
    assert before["policy"] == "auto"
    assert on_roll["contract"] == "/ESU25"
    assert on_roll["on"] == "2025-06-12"


def test_front_month_under_expiry_policy(run_pyz):
    result = run_pyz("futures", "front", "/ES", "--on", "2025-06-20", "--roll", "expiry")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["contract"] == "/ESM25"
    assert record["last_trade_date"] == "2025-06-20"
    assert record["policy"] == "expiry"


def test_nyse_holidays_2025(run_pyz):
    result = run_pyz("calendar", "holidays", "nyse", "--start", "2025-01-01", "--end", "2025-12-31")
    assert result.returncode == 0, result.stderr
    dates = [record["date"] for record in json.loads(result.stdout)]
    assert dates == [
        "2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26",
        "2025-06-19", "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25",
    ]  # fmt: skip


def test_nyse_early_closes_2025_at_one_pm_new_york(run_pyz):
    result = run_pyz(
        "calendar", "early-closes", "nyse", "--start", "2025-01-01", "--end", "2025-12-31"
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"date": "2025-07-03", "close": "2025-07-03T17:00:00Z"},
        {"date": "2025-11-28", "close": "2025-11-28T18:00:00Z"},
        {"date": "2025-12-24", "close": "2025-12-24T18:00:00Z"},
    ]


def test_nyse_sessions_around_independence_day(run_pyz):
    result = run_pyz("calendar", "sessions", "nyse", "--start", "2025-07-03", "--end", "2025-07-07")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [
        {"date": "2025-07-03", "open": "2025-07-03T13:30:00Z", "close": "2025-07-03T17:00:00Z"},
        {"date": "2025-07-07", "open": "2025-07-07T13:30:00Z", "close": "2025-07-07T20:00:00Z"},
    ]


def test_nyse_status_mid_session(run_pyz):
    result = run_pyz("calendar", "status", "nyse", "--at", "2025-06-20T14:00:00Z")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "calendar": "nyse",
        "at": "2025-06-20T14:00:00Z",
        "is_open": True,
        "trade_date": "2025-06-20",
        "next_open": "2025-06-23T13:30:00Z",
        "next_close": "2025-06-20T20:00:00Z",
    }


def test_csv_output(run_pyz):
    result = run_pyz("--format", "csv", "futures", "expiry", "/CLZ21")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.strip().splitlines()
    assert header.split(",")[:2] == ["contract", "root"]
    assert row.startswith("/CLZ21,CL,12,2021,2021-11-19,")  # CL expires in the prior month


@pytest.mark.parametrize(
    "args",
    [
        ("futures", "front", "/XX"),
        ("futures", "expiry", "/ESA25"),
        ("futures", "info", "NOPE"),
        ("calendar", "holidays", "nyse", "--start", "2025-02-01", "--end", "2025-01-01"),
        ("calendar", "holidays", "mars"),
        ("futures", "front", "/ES", "--on", "2025-13-01"),
        ("futures", "front", "/ES", "--roll", "sideways"),
    ],
)
def test_bad_input_exits_2_with_error_and_hint(run_pyz, args):
    result = run_pyz("--format", "table", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert [line.split(":", 1)[0] for line in lines] == ["error", "hint"], result.stderr


def test_json_errors_carry_an_envelope_on_stderr(run_pyz):
    result = run_pyz("--format", "json", "futures", "front", "/XX")
    assert result.returncode == 2
    assert result.stdout == ""
    envelope = json.loads(result.stderr.splitlines()[-1])
    assert envelope["error"]["code"] == "E-USAGE"
    assert "/XX" in envelope["error"]["message"] or "XX" in envelope["error"]["message"]
    assert envelope["error"]["hint"]


def test_extractions_of_older_builds_are_removed(run_pyz, shiv_root):
    assert run_pyz("--version").returncode == 0
    (current,) = [p for p in shiv_root.iterdir() if p.name.startswith("ta.pyz_")]
    stale = shiv_root / "ta.pyz_0123456789abcdef"
    (stale / "site-packages").mkdir(parents=True)
    (shiv_root / ".ta.pyz_0123456789abcdef_lock").touch()
    unrelated = shiv_root / "other_tool.pyz_0123456789abcdef"
    unrelated.mkdir()

    assert run_pyz("--version").returncode == 0

    assert not stale.exists()
    assert not (shiv_root / ".ta.pyz_0123456789abcdef_lock").exists()
    assert current.exists()
    assert unrelated.exists()
