"""``ta calendar sessions`` prints each session with its open and close in UTC."""

import json

import pytest

from tests.integration.in_process import run, run_json

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]


def test_nyse_sessions_with_their_bounds_and_the_half_day(capsys):
    code, out, err = run_json(capsys, "calendar", "sessions", "nyse", "--start", "2025-07-03",
                              "--end", "2025-07-07")  # fmt: skip
    assert code == 0, err
    # 09:30 EDT is 13:30Z; July 3rd closes at 13:00 EDT, a regular day at 16:00 EDT.
    assert json.loads(out) == [
        {"date": "2025-07-03", "open": "2025-07-03T13:30:00Z", "close": "2025-07-03T17:00:00Z"},
        {"date": "2025-07-07", "open": "2025-07-07T13:30:00Z", "close": "2025-07-07T20:00:00Z"},
    ]


def test_globex_sessions_open_the_evening_before_in_csv(capsys):
    code, out, err = run(capsys, "--format", "csv", "calendar", "sessions", "/ES", "--start",
                         "2025-01-13", "--end", "2025-01-14")  # fmt: skip
    assert code == 0, err
    # 17:00 CST the evening before is 23:00Z; the 16:00 CST close is 22:00Z.
    assert out.splitlines() == [
        "date,open,close",
        "2025-01-13,2025-01-12T23:00:00Z,2025-01-13T22:00:00Z",
        "2025-01-14,2025-01-13T23:00:00Z,2025-01-14T22:00:00Z",
    ]


def test_a_range_past_the_calendars_exits_2_with_a_hint(capsys):
    code, out, err = run_json(capsys, "calendar", "sessions", "cme", "--start", "2060-12-01",
                              "--end", "2061-01-31")  # fmt: skip
    assert code == 2
    assert out == ""
    assert "1990-01-01..2060-12-31" in err


@pytest.mark.parametrize(("alias", "name"), [("XNYS", "nyse"), ("nyse", "nyse"), ("CMES", "cme"),
                                             ("CME", "cme"), ("cmes", "cme")])  # fmt: skip
def test_exchange_codes_are_aliases_in_any_case(capsys, alias, name):
    args = ("calendar", "sessions", "--start", "2025-07-03", "--end", "2025-07-07")
    code, out, err = run_json(capsys, *args[:2], alias, *args[2:])
    assert code == 0, err
    assert json.loads(out) == json.loads(run_json(capsys, *args[:2], name, *args[2:])[1])


def test_an_unknown_calendar_is_a_short_usage_error_naming_the_calendars(capsys):
    code, _, err = run(capsys, "--format", "table", "calendar", "sessions", "nasdaq")
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("error: unknown calendar 'nasdaq'")
    assert "nyse" in lines[0]
    assert "XNYS" in lines[0]
    assert "CMES" in lines[0]
    assert lines[1].startswith("hint: ")
    assert "'ta futures roots'" in lines[1]
    assert all(len(line) <= 120 for line in lines)  # no list of every futures root
