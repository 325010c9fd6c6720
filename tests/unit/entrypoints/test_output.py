"""Output rendering: JSON wire forms, CSV, tables, and the error envelope."""

import csv
import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.entrypoints.cli.output import render, report_error, resolve_format, to_json_value


class FakeStream(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self._tty = tty

    def isatty(self) -> bool:
        return self._tty


def test_auto_format_is_table_on_a_terminal_and_json_when_piped():
    assert resolve_format(None, "auto", FakeStream(tty=True)) == "table"
    assert resolve_format(None, "auto", FakeStream(tty=False)) == "json"
    assert resolve_format("csv", "auto", FakeStream(tty=True)) == "csv"
    assert resolve_format(None, "csv", FakeStream(tty=True)) == "csv"


def test_datetimes_become_rfc3339_utc_with_z():
    chicago = dt.datetime(2025, 1, 10, 17, 0, tzinfo=ZoneInfo("America/Chicago"))
    assert to_json_value(chicago) == "2025-01-10T23:00:00Z"
    assert to_json_value(dt.date(2025, 1, 10)) == "2025-01-10"


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        to_json_value(dt.datetime(2025, 1, 1, 12, 0))


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_rfc3339_round_trips_to_the_millisecond(moment):
    text = to_json_value(moment)
    assert text.endswith("Z")
    back = dt.datetime.fromisoformat(text)
    assert abs(back - moment) < dt.timedelta(milliseconds=1)


def test_json_array_and_single_object():
    records = [{"a": 1, "d": dt.date(2025, 6, 20)}]
    assert json.loads(render(records, "json")) == [{"a": 1, "d": "2025-06-20"}]
    assert json.loads(render(records, "json", single=True)) == {"a": 1, "d": "2025-06-20"}


def test_csv_has_a_header_and_one_line_per_record():
    records = [{"date": dt.date(2025, 1, 1), "name": "New Year's Day, observed"}]
    rows = list(csv.reader(io.StringIO(render(records, "csv"))))
    assert rows == [["date", "name"], ["2025-01-01", "New Year's Day, observed"]]


def test_table_shows_every_value():
    text = render([{"root": "/ES", "tick_size": 0.25, "note": None}], "table")
    assert "/ES" in text
    assert "0.25" in text
    assert "None" not in text


def test_error_lines_and_json_envelope():
    err = io.StringIO()
    report_error("unknown root 'XX'", "see 'ta futures roots'", 2, "json", err)
    lines = err.getvalue().splitlines()
    assert lines[0] == "error: unknown root 'XX'"
    assert lines[1] == "hint: see 'ta futures roots'"
    assert json.loads(lines[2]) == {
        "error": {
            "code": "E-USAGE",
            "message": "unknown root 'XX'",
            "hint": "see 'ta futures roots'",
        }
    }
