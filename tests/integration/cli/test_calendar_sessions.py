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
