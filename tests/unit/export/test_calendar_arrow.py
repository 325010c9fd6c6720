"""Calendar columns become Arrow arrays holding the same sessions and instants."""

from array import array
from datetime import UTC, date, datetime

import pyarrow as pa
import pytest

from trade_analyst.adapters.export import (
    epoch_days_array,
    epoch_seconds_array,
    session_bounds_table,
)
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import root_calendar

START, END = date(2024, 11, 25), date(2025, 1, 10)
CALENDARS = [get_calendar("nyse"), root_calendar("CL")]


@pytest.mark.parametrize("cal", CALENDARS, ids=lambda cal: cal.name)
def test_session_bounds_table_holds_the_per_date_answers(cal) -> None:
    table = session_bounds_table(cal.session_bounds_between(START, END))
    assert table.schema == pa.schema(
        [
            ("date", pa.date32()),
            ("open", pa.timestamp("s", tz="UTC")),
            ("close", pa.timestamp("s", tz="UTC")),
        ]
    )
    sessions = cal.sessions(START, END)
    assert table["date"].to_pylist() == sessions
    assert list(zip(table["open"].to_pylist(), table["close"].to_pylist(), strict=True)) == [
        cal.session_bounds(d) for d in sessions
    ]


def test_days_array_of_a_slice_starts_at_the_slice() -> None:
    days = get_calendar("cme").sessions_between(date(2025, 1, 2), date(2025, 1, 3))
    assert epoch_days_array(days).to_pylist() == [date(2025, 1, 2), date(2025, 1, 3)]


def test_seconds_array_reads_int64_epoch_seconds() -> None:
    view = memoryview(array("q", [0, 1_751_547_600]))
    assert epoch_seconds_array(view).to_pylist() == [
        datetime(1970, 1, 1, tzinfo=UTC),
        datetime(2025, 7, 3, 13, tzinfo=UTC),
    ]


def test_a_column_of_the_wrong_width_is_refused() -> None:
    opens = get_calendar("nyse").session_bounds_between(START, END).opens
    with pytest.raises(ValueError, match="4-byte integers"):
        epoch_days_array(opens)
    with pytest.raises(ValueError, match="8-byte integers"):
        epoch_seconds_array(memoryview(array("d", [1.5])))
