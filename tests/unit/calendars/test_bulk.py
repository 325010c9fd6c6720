"""Bulk queries: the columns of a range say what the per-date API says, for every calendar."""

import functools
from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.calendars import (
    FIRST_DATE,
    LAST_DATE,
    TradingCalendar,
    date_of_epoch_day,
    epoch_day,
    epoch_second,
    get_calendar,
    instant_of_epoch_second,
)
from trade_analyst.domain.calendars.tables import DayTable, build_group_year, build_nyse_year
from trade_analyst.domain.calendars.templates import NYSE_TEMPLATE, TEMPLATES
from trade_analyst.domain.errors import DateOutOfRange, DomainError
from trade_analyst.domain.futures import all_roots, contract_spec, root_calendar

CALENDARS: list[TradingCalendar] = [
    get_calendar("nyse"),
    get_calendar("cme"),
    *(root_calendar(root) for root in all_roots()),
]
# One calendar per session template (and the two named ones), for the full-range checks.
ONE_PER_TEMPLATE: list[TradingCalendar] = [
    get_calendar("nyse"),
    get_calendar("cme"),
    *{contract_spec(root).session_template: root_calendar(root) for root in all_roots()}.values(),
]

calendars = st.sampled_from(CALENDARS)
dates = st.dates(min_value=FIRST_DATE, max_value=LAST_DATE)


def _per_date(cal: TradingCalendar, start: date, end: date) -> list[tuple[int, int, int]]:
    """(epoch day, open, close) of each session, from the per-date API."""
    rows = []
    for d in cal.sessions(start, end):
        opens, closes = cal.session_bounds(d)
        rows.append((epoch_day(d), epoch_second(opens), epoch_second(closes)))
    return rows


def _bulk(cal: TradingCalendar, start: date, end: date) -> list[tuple[int, int, int]]:
    columns = cal.session_bounds_between(start, end)
    return list(zip(columns.days, columns.opens, columns.closes, strict=True))


def _ordered(a: date, b: date, max_days: int) -> tuple[date, date]:
    start, end = min(a, b), max(a, b)
    return start, min(end, start + timedelta(days=max_days))


@given(cal=calendars, a=dates, b=dates)
def test_bulk_sessions_are_the_per_date_sessions(cal: TradingCalendar, a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    days = cal.sessions_between(start, end)
    assert [date_of_epoch_day(day) for day in days] == cal.sessions(start, end)


@given(cal=calendars, a=dates, b=dates)
def test_bulk_bounds_are_the_per_date_bounds(cal: TradingCalendar, a: date, b: date) -> None:
    start, end = _ordered(a, b, 3 * 366)
    assert _bulk(cal, start, end) == _per_date(cal, start, end)


@pytest.mark.parametrize("cal", ONE_PER_TEMPLATE, ids=lambda cal: cal.name)
def test_bulk_bounds_of_the_whole_range_are_the_per_date_bounds(cal: TradingCalendar) -> None:
    assert _bulk(cal, FIRST_DATE, LAST_DATE) == _per_date(cal, FIRST_DATE, LAST_DATE)


def _fresh(template_name: str) -> TradingCalendar:
    """A calendar on a new day table: nothing built yet, so columns start empty."""
    if template_name == "nyse":
        return TradingCalendar("fresh", DayTable("nyse", build_nyse_year), NYSE_TEMPLATE)
    table = DayTable(template_name, functools.partial(build_group_year, group=template_name))
    return TradingCalendar("fresh", table, TEMPLATES[template_name])


years = st.integers(min_value=FIRST_DATE.year, max_value=LAST_DATE.year)


@given(
    template=st.sampled_from(["nyse", "equity_index", "grains"]),
    base=years,
    offsets=st.lists(st.integers(min_value=0, max_value=6 * 366), min_size=4, max_size=6),
)
def test_columns_grown_at_either_end_answer_like_the_per_date_api(
    template: str, base: int, offsets: list[int]
) -> None:
    # Successive ranges reach before, after and inside what earlier ones built.
    cal = _fresh(template)
    origin = max(FIRST_DATE, min(date(base, 1, 1), LAST_DATE - timedelta(days=6 * 366)))
    for a, b in zip(offsets[::2], offsets[1::2], strict=False):
        start, end = _ordered(origin + timedelta(days=a), origin + timedelta(days=b), 6 * 366)
        assert [date_of_epoch_day(d) for d in cal.sessions_between(start, end)] == cal.sessions(
            start, end
        )
        assert _bulk(cal, start, end) == _per_date(cal, start, end)


def test_nyse_half_day_and_holiday_in_the_columns() -> None:
    # 2025-07-03 closes at 13:00 EDT (17:00Z); July 4th is a holiday; the 5th-6th a weekend.
    columns = get_calendar("nyse").session_bounds_between(date(2025, 7, 3), date(2025, 7, 8))
    assert [date_of_epoch_day(d) for d in columns.days] == [
        date(2025, 7, 3),
        date(2025, 7, 7),
        date(2025, 7, 8),
    ]
    assert columns.rows()[0] == (
        date(2025, 7, 3),
        datetime(2025, 7, 3, 13, 30, tzinfo=UTC),
        datetime(2025, 7, 3, 17, tzinfo=UTC),
    )
    assert columns.rows()[1][1:] == (
        datetime(2025, 7, 7, 13, 30, tzinfo=UTC),
        datetime(2025, 7, 7, 20, tzinfo=UTC),
    )


def test_globex_sessions_open_the_evening_before() -> None:
    # /ES trade date Tuesday 2025-03-11 opens Monday 17:00 CDT (22:00Z), closes 16:00 CDT.
    columns = root_calendar("ES").session_bounds_between(date(2025, 3, 11), date(2025, 3, 11))
    assert columns.rows() == [
        (
            date(2025, 3, 11),
            datetime(2025, 3, 10, 22, tzinfo=UTC),
            datetime(2025, 3, 11, 21, tzinfo=UTC),
        )
    ]


def test_columns_are_read_only_views_of_known_formats() -> None:
    cal = get_calendar("nyse")
    days = cal.sessions_between(date(2025, 1, 6), date(2025, 1, 10))
    columns = cal.session_bounds_between(date(2025, 1, 6), date(2025, 1, 10))
    assert (days.format, columns.days.format, columns.opens.format) == ("i", "i", "q")
    assert days.tolist() == columns.days.tolist()
    assert len(columns) == 4  # 2025-01-09: day of mourning for President Carter
    for view in (days, columns.days, columns.opens, columns.closes):
        with pytest.raises(TypeError):
            view[0] = 0


def test_a_range_without_sessions_gives_empty_columns() -> None:
    cal = get_calendar("cme")
    weekend = (date(2025, 3, 8), date(2025, 3, 9))
    assert len(cal.sessions_between(*weekend)) == 0
    assert cal.session_bounds_between(*weekend).rows() == []


@pytest.mark.parametrize("method", ["sessions_between", "session_bounds_between"])
def test_bulk_queries_reject_what_sessions_rejects(method: str) -> None:
    query = getattr(get_calendar("nyse"), method)
    with pytest.raises(DomainError, match="is after end"):
        query(date(2025, 3, 2), date(2025, 3, 1))
    with pytest.raises(DateOutOfRange):
        query(date(1989, 12, 1), date(1990, 1, 5))
    with pytest.raises(DateOutOfRange):
        query(date(2060, 12, 1), date(2061, 1, 5))
    with pytest.raises(DomainError, match="not datetime"):
        query(datetime(2025, 3, 1, tzinfo=UTC), date(2025, 3, 5))


@given(d=dates)
def test_epoch_days_round_trip(d: date) -> None:
    assert date_of_epoch_day(epoch_day(d)) == d
    assert epoch_day(d) == (d - date(1970, 1, 1)).days


@given(ts=st.datetimes(timezones=st.just(UTC)))
def test_epoch_seconds_round_trip_to_the_second(ts: datetime) -> None:
    assert instant_of_epoch_second(epoch_second(ts)) == ts.replace(microsecond=0)
    assert epoch_second(ts) == int(ts.replace(microsecond=0).timestamp())
