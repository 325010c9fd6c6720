"""Edges of the calendar queries: instants exactly at an open or a close, the first and last
dates, and what each refusal says."""

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE, get_calendar
from trade_analyst.domain.errors import DateOutOfRange, DomainError

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
SECOND = timedelta(seconds=1)


def et(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=NEW_YORK)


def ct(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=CHICAGO)


def test_next_open_at_the_open_itself_is_the_following_sessions_open() -> None:
    nyse = get_calendar("nyse")
    open_ = et(2024, 3, 5, 9, 30)
    assert nyse.next_open(open_ - SECOND) == open_
    assert nyse.next_open(open_) == et(2024, 3, 6, 9, 30)  # strictly after
    assert nyse.next_open(open_ + SECOND) == et(2024, 3, 6, 9, 30)


def test_next_close_at_the_close_itself_is_the_following_sessions_close() -> None:
    nyse = get_calendar("nyse")
    close = et(2024, 3, 5, 16)
    assert nyse.next_close(close - SECOND) == close
    assert nyse.next_close(close) == et(2024, 3, 6, 16)
    # Friday's close: the next one is Monday's.
    assert nyse.next_close(et(2024, 3, 8, 16)) == et(2024, 3, 11, 16)


def test_next_edges_on_a_halt_day_count_the_halt() -> None:
    # Memorial Day 2024: Globex halts at 12:00 CT, reopens 17:00 CT for Tuesday.
    cme = get_calendar("cme")
    assert cme.next_close(ct(2024, 5, 27, 12)) == ct(2024, 5, 28, 16)
    assert cme.next_open(ct(2024, 5, 27, 17)) == ct(2024, 5, 28, 17)
    assert cme.next_open(ct(2024, 5, 27, 17) - SECOND) == ct(2024, 5, 27, 17)


def test_a_window_holds_its_open_and_not_its_close() -> None:
    nyse = get_calendar("nyse")
    assert nyse.trade_date_at(et(2024, 3, 5, 9, 30)) == date(2024, 3, 5)
    assert nyse.trade_date_at(et(2024, 3, 5, 16) - SECOND) == date(2024, 3, 5)
    assert nyse.trade_date_at(et(2024, 3, 5, 16)) is None
    assert nyse.trade_date_at(et(2024, 3, 5, 9, 30) - SECOND) is None
    assert nyse.is_open_at(et(2024, 3, 5, 9, 30))
    assert not nyse.is_open_at(et(2024, 3, 5, 16))


def test_session_bounds_span_every_window_of_the_session() -> None:
    cme = get_calendar("cme")
    # Tuesday after Memorial Day: the holiday's window (Sun 17:00 to Mon 12:00) and its own.
    assert cme.session_bounds(date(2024, 5, 28)) == (
        ct(2024, 5, 26, 17).astimezone(UTC),
        ct(2024, 5, 28, 16).astimezone(UTC),
    )
    assert len(cme.session_windows(date(2024, 5, 28))) == 2


def test_regular_and_extended_hours() -> None:
    nyse = get_calendar("nyse")
    assert nyse.regular_hours(date(2024, 3, 9)) == (et(2024, 3, 9, 9, 30), et(2024, 3, 9, 16))
    assert nyse.extended_hours(date(2024, 3, 5)) == (et(2024, 3, 5, 4), et(2024, 3, 5, 20))
    # The day after Thanksgiving closes at 13:00, its post-market at 17:00.
    assert nyse.extended_hours(date(2024, 11, 29)) == (et(2024, 11, 29, 4), et(2024, 11, 29, 17))
    with pytest.raises(DomainError, match=r"^2024-03-09 is not a session of nyse$"):
        nyse.extended_hours(date(2024, 3, 9))
    with pytest.raises(DomainError, match=r"^cme has no extended hours$"):
        get_calendar("cme").extended_hours(date(2024, 3, 5))


def test_regular_hours_of_a_globex_day_open_the_evening_before() -> None:
    opens, closes = get_calendar("cme").regular_hours(date(2024, 3, 5))
    assert (opens, closes) == (ct(2024, 3, 4, 17).astimezone(UTC), ct(2024, 3, 5, 16))


class _NoOffset(tzinfo):
    """A tzinfo that does not know its offset: the datetime is naive in all but name."""

    def utcoffset(self, dt: datetime | None) -> timedelta | None:
        return None

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None


def test_windows_and_edges_are_in_utc() -> None:
    nyse = get_calendar("nyse")
    opens, closes = nyse.session_bounds(date(2024, 3, 5))
    assert opens.tzinfo is UTC
    assert closes.tzinfo is UTC
    assert nyse.next_open(et(2024, 3, 5, 8)).tzinfo is UTC


def test_instants_are_dated_in_the_exchanges_zone() -> None:
    nyse = get_calendar("nyse")
    # 1990-01-01 03:00 UTC is still 1989-12-31 in New York: before the calendar's range.
    with pytest.raises(DateOutOfRange, match="1989-12-31"):
        nyse.next_open(datetime(1990, 1, 1, 3, tzinfo=UTC))
    # Midday on the first date of the range is inside it (New Year's Day: the 2nd opens).
    assert nyse.next_open(et(1990, 1, 1, 12)) == et(1990, 1, 2, 9, 30)


def test_a_friday_halt_holidays_minutes_belong_to_the_monday() -> None:
    # Independence Day 2025 is a Friday: Globex trades Thursday 17:00 CT to the 12:00 CT
    # halt on Friday, for trade date Monday July 7.
    cme = get_calendar("cme")
    windows = cme.session_windows(date(2025, 7, 7))
    assert windows[0] == (ct(2025, 7, 3, 17).astimezone(UTC), ct(2025, 7, 4, 12).astimezone(UTC))
    assert len(windows) == 2
    assert cme.trade_date_at(ct(2025, 7, 4, 10)) == date(2025, 7, 7)
    # An ordinary Monday has only its own window, from Sunday evening.
    assert cme.session_windows(date(2025, 7, 14)) == (
        (ct(2025, 7, 13, 17).astimezone(UTC), ct(2025, 7, 14, 16).astimezone(UTC)),
    )


def test_next_and_previous_sessions_are_strict_and_stop_at_the_range() -> None:
    nyse = get_calendar("nyse")
    assert nyse.next_session(date(2024, 3, 8)) == date(2024, 3, 11)
    assert nyse.next_session(date(2024, 3, 5)) == date(2024, 3, 6)
    assert nyse.previous_session(date(2024, 3, 11)) == date(2024, 3, 8)
    assert nyse.previous_session(date(2024, 3, 6)) == date(2024, 3, 5)
    with pytest.raises(DateOutOfRange, match="the session after 2060-12-31"):
        nyse.next_session(LAST_DATE)
    with pytest.raises(DateOutOfRange, match="the session before 1990-01-01"):
        nyse.previous_session(FIRST_DATE)
    assert nyse.previous_session(date(1990, 1, 3)) == date(1990, 1, 2)  # the 1st: New Year
    assert nyse.next_session(LAST_DATE - timedelta(days=1)) == LAST_DATE


def test_next_open_past_the_last_session_is_out_of_range() -> None:
    nyse = get_calendar("nyse")
    last_close = datetime.combine(LAST_DATE, time(16), tzinfo=NEW_YORK)
    assert nyse.next_close(last_close - SECOND) == last_close
    with pytest.raises(DateOutOfRange, match="the next open after"):
        nyse.next_open(last_close)
    with pytest.raises(DateOutOfRange, match="the next close after"):
        nyse.next_close(last_close)


def test_spans_are_checked_in_order_and_range() -> None:
    nyse = get_calendar("nyse")
    assert nyse.sessions(date(2024, 3, 5), date(2024, 3, 5)) == [date(2024, 3, 5)]
    with pytest.raises(DomainError, match=r"^start 2024-03-06 is after end 2024-03-05$"):
        nyse.sessions(date(2024, 3, 6), date(2024, 3, 5))
    with pytest.raises(DateOutOfRange, match=r"1989-12-31\.\.1990-01-05 is outside"):
        nyse.sessions(date(1989, 12, 31), date(1990, 1, 5))
    with pytest.raises(DateOutOfRange, match=r"2060-12-01\.\.2061-01-01 is outside"):
        nyse.sessions(date(2060, 12, 1), date(2061, 1, 1))
    assert nyse.sessions(FIRST_DATE, date(1990, 1, 2)) == [date(1990, 1, 2)]


def test_holidays_and_early_closes_include_both_ends_of_the_span() -> None:
    nyse = get_calendar("nyse")
    names = [h.name for h in nyse.holidays(date(2024, 11, 28), date(2024, 12, 25))]
    assert names == ["Thanksgiving Day", "Christmas Day"]
    closes = nyse.early_closes(date(2024, 11, 29), date(2024, 12, 24))
    assert [(e.date, e.close_utc) for e in closes] == [
        (date(2024, 11, 29), et(2024, 11, 29, 13)),
        (date(2024, 12, 24), et(2024, 12, 24, 13)),
    ]


def test_arguments_of_the_wrong_kind_are_refused_by_name() -> None:
    nyse = get_calendar("nyse")
    with pytest.raises(DomainError, match=r"^date must be a datetime.date \(not datetime\)"):
        nyse.next_session(datetime(2024, 3, 5, tzinfo=UTC))  # type: ignore[arg-type]
    with pytest.raises(DomainError, match=r"^start must be a datetime.date"):
        nyse.sessions("2024-03-05", date(2024, 3, 6))  # type: ignore[arg-type]
    with pytest.raises(DomainError, match=r"^end must be a datetime.date"):
        nyse.sessions(date(2024, 3, 5), "2024-03-06")  # type: ignore[arg-type]
    with pytest.raises(DomainError, match=r"^expected a timezone-aware datetime, got"):
        nyse.next_open(datetime(2024, 3, 5, 12))
    with pytest.raises(DomainError, match=r"^date must be a datetime.date, got '2024-03-05'$"):
        nyse.is_session("2024-03-05")  # type: ignore[arg-type]
    assert nyse.is_session(date(2024, 3, 8))  # 2024's table built: a lookup, then a miss
    with pytest.raises(DomainError, match=r"\(not datetime\), got datetime.datetime\(2024, 3, 9"):
        nyse.is_session(datetime(2024, 3, 9, tzinfo=UTC))  # a Saturday: the miss path
    with pytest.raises(
        DomainError, match=r"^expected a timezone-aware datetime, got datetime.date"
    ):
        nyse.next_open(date(2024, 3, 5))  # type: ignore[arg-type]
    with pytest.raises(DomainError, match=r"^expected a timezone-aware datetime"):
        nyse.trade_date_at(datetime(2024, 3, 5, 12, tzinfo=_NoOffset()))


def test_a_calendar_names_itself() -> None:
    cme = get_calendar("cme")
    assert repr(cme) == "TradingCalendar('cme', days='cme', template='equity_index')"
    assert cme.zone == CHICAGO
    assert cme.template.name == "equity_index"
    assert get_calendar("nyse").zone == NEW_YORK
