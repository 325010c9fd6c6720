"""The bulk session check accepts exactly the bars its ``SessionRule`` accepts.

A bar it does not accept is asked of the rule itself, so accepting a bar the rule rejects
(or cannot tell about) would hide a finding; not accepting one it accepts would only be
slow. Both are checked on times crowded around opens, closes, halts, DST changes, holidays
and the calendars' range ends.
"""

import datetime as dt
from collections.abc import Callable

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from trade_analyst.adapters.export import validate_bar_columns
from trade_analyst.adapters.export.sessions_arrow import open_rows, trade_dates
from trade_analyst.domain.calendars import Calendar, get_calendar
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import root_calendar
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.validation import SessionRule, bar_trade_date, validate_bars
from trade_analyst.ports import BarColumns

CALENDARS: dict[str, Callable[[], Calendar]] = {
    "nyse": lambda: get_calendar("nyse"),
    "/ES": lambda: root_calendar("/ES"),
    "/CL": lambda: root_calendar("/CL"),
}
# Days with something to get wrong: DST changes, holidays, early closes, range ends.
DAYS = [
    dt.date(2024, 3, 8), dt.date(2024, 3, 10), dt.date(2024, 3, 11), dt.date(2024, 11, 3),
    dt.date(2024, 11, 28), dt.date(2024, 11, 29), dt.date(2024, 12, 24), dt.date(2024, 12, 25),
    dt.date(2025, 1, 9), dt.date(2025, 7, 3), dt.date(2025, 7, 4), dt.date(2001, 9, 11),
    dt.date(1990, 1, 1), dt.date(1990, 1, 2), dt.date(1989, 12, 31), dt.date(2060, 12, 31),
    dt.date(2061, 1, 1),
]  # fmt: skip
times = st.builds(
    lambda day, minutes, zone_hours: (
        dt.datetime.combine(day, dt.time(0), tzinfo=dt.UTC)
        + dt.timedelta(minutes=minutes, hours=zone_hours)
    ),
    st.sampled_from(DAYS),
    st.one_of(st.integers(0, 24 * 60 - 1), st.sampled_from([0, 570, 600, 780, 960, 1020])),
    st.sampled_from([0, 4, 5, 6, -1]),
)
rules = st.builds(
    lambda name, kind, zone: SessionRule(
        CALENDARS[name](), kind, zone if kind == "daily" else None
    ),
    st.sampled_from(sorted(CALENDARS)),
    st.sampled_from(["open", "extended", "daily"]),
    st.sampled_from([None, "America/Chicago", "America/New_York", "UTC"]),
)


def _accepts(rule: SessionRule, ts: dt.datetime) -> bool:
    try:
        return rule(ts)
    except ValueError:
        return False


@settings(max_examples=300, deadline=None)
@given(st.lists(times, max_size=20), rules)
def test_accepts_exactly_what_the_rule_accepts(
    stamps: list[dt.datetime], rule: SessionRule
) -> None:
    column = pa.array(stamps, pa.timestamp("us", tz="UTC"))
    assert open_rows(column, rule).tolist() == [_accepts(rule, ts) for ts in stamps]


@settings(max_examples=50, deadline=None)
@given(st.lists(times, min_size=1, max_size=12), rules)
def test_session_findings_are_the_domains(stamps: list[dt.datetime], rule: SessionRule) -> None:
    size = len(stamps)
    series = BarSeries("X", "1m", sorted(stamps), [2.0] * size, [3.0] * size, [1.0] * size,
                       [2.0] * size, [5.0] * size)  # fmt: skip
    bars = BarColumns.from_series(series)  # bars travel with millisecond times
    expected = validate_bars(bars.to_series(), is_open_at=rule)
    assert validate_bar_columns(bars, is_open_at=rule) == expected


def _trade_date(calendar: Calendar, interval: str, ts: dt.datetime) -> dt.date | None:
    try:
        return bar_trade_date(calendar, interval, ts)
    except DomainError:  # a date outside the calendar's range
        return None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(times, max_size=20),
    st.sampled_from(sorted(CALENDARS)),
    st.sampled_from(["1d", "1w", "1mo", "1h"]),
)
def test_trade_dates_are_the_domains(stamps: list[dt.datetime], name: str, interval: str) -> None:
    calendar = CALENDARS[name]()
    column = pa.array(stamps, pa.timestamp("us", tz="UTC"))
    expected = [_trade_date(calendar, interval, ts) for ts in stamps]
    assert trade_dates(column, calendar, interval).to_pylist() == expected
