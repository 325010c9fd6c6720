"""CME trade dates and Globex session windows, against CME's published holiday schedules."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import Holiday, cme_trade_dates, get_calendar

CHICAGO = ZoneInfo("America/Chicago")
CME = get_calendar("cme")


def ct(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=CHICAGO)


def test_cme_and_cme_trade_dates_are_the_same_calendar() -> None:
    # Asked for here, not compared with the module's CME: clearing the caches between tests
    # builds new calendar objects.
    assert cme_trade_dates() is get_calendar("cme")
    assert get_calendar("cme").name == "cme"


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("2024-05-27", "Memorial Day"),
        ("2024-01-15", "Martin Luther King Jr. Day"),
        ("2025-02-17", "Presidents' Day"),
        ("2023-04-07", "Good Friday"),
        ("2024-06-19", "Juneteenth National Independence Day"),
        ("2026-06-19", "Juneteenth National Independence Day"),
        ("2027-06-18", "Juneteenth National Independence Day"),
        ("2026-07-03", "Independence Day"),
        ("2025-09-01", "Labor Day"),
        ("2025-11-27", "Thanksgiving Day"),
        ("2021-12-24", "Christmas Day"),
        ("2023-01-02", "New Year's Day"),
    ],
)
def test_cme_holidays_are_not_trade_dates(iso: str, name: str) -> None:
    d = date.fromisoformat(iso)
    assert not CME.is_session(d)
    assert CME.holidays(d, d) == [Holiday(d, name)]


@pytest.mark.parametrize(
    "iso",
    [
        "2025-01-09",  # NYSE day of mourning; CME traded (CME release)
        "2018-12-05",  # NYSE day of mourning; CME traded (pmc #57)
        "2014-11-28",  # day after Thanksgiving counts (CME silver calendar SIX14)
        "2024-12-24",  # Christmas Eve half day counts
        "2021-12-31",  # Saturday New Year not moved to Friday
        "2021-10-11",  # Columbus Day
        "2021-11-11",  # Veterans Day
        "2021-06-18",  # Juneteenth only from 2022
    ],
)
def test_cme_trade_dates_that_are_nyse_exceptions_or_shortened(iso: str) -> None:
    assert CME.is_session(date.fromisoformat(iso))


def test_sunday_evening_open_belongs_to_monday() -> None:
    sunday_evening = ct(2024, 3, 3, 17, 30)
    assert CME.trade_date_at(sunday_evening) == date(2024, 3, 4)
    assert CME.session_bounds(date(2024, 3, 4))[0] == ct(2024, 3, 3, 17)


def test_after_mlk_the_sunday_evening_belongs_to_tuesday() -> None:
    # CME 2006 MLK notice: the holiday-evening open is "for trade date of Tuesday".
    assert CME.trade_date_at(ct(2024, 1, 14, 18)) == date(2024, 1, 16)
    assert CME.trade_date_at(ct(2024, 1, 15, 11, 59)) == date(2024, 1, 16)
    assert CME.trade_date_at(ct(2024, 1, 15, 17, 1)) == date(2024, 1, 16)
    assert CME.session_bounds(date(2024, 1, 16)) == (
        ct(2024, 1, 14, 17).astimezone(UTC),
        ct(2024, 1, 16, 16).astimezone(UTC),
    )


def test_holiday_halt_at_noon_central_until_the_evening_reopen() -> None:
    # Memorial Day 2024: nothing between 12:00 CT and 17:00 CT (CME holiday schedule).
    for hh in (12, 13, 16):
        assert not CME.is_open_at(ct(2024, 5, 27, hh, 30))
    assert CME.is_open_at(ct(2024, 5, 27, 11, 59))
    assert CME.next_close(ct(2024, 5, 27, 9)) == ct(2024, 5, 27, 12)
    assert CME.next_open(ct(2024, 5, 27, 12)) == ct(2024, 5, 27, 17)


def test_thanksgiving_minutes_belong_to_friday() -> None:
    assert CME.trade_date_at(ct(2024, 11, 28, 10)) == date(2024, 11, 29)
    assert CME.trade_date_at(ct(2024, 11, 27, 17, 0)) == date(2024, 11, 29)


def test_friday_halt_holiday_minutes_belong_to_monday() -> None:
    # Juneteenth observed on Friday 2027-06-18.
    assert CME.trade_date_at(ct(2027, 6, 18, 9)) == date(2027, 6, 21)
    assert CME.trade_date_at(ct(2027, 6, 18, 13)) is None


def test_equity_half_days_close_at_1215_ct() -> None:
    (early,) = CME.early_closes(date(2024, 11, 29), date(2024, 11, 29))
    assert early.close_utc == datetime(2024, 11, 29, 18, 15, tzinfo=UTC)  # pmc: 18:15 UTC
    assert CME.session_bounds(date(2024, 12, 24))[1] == ct(2024, 12, 24, 12, 15)


def test_carter_day_equity_closed_at_0830_ct() -> None:
    assert CME.session_bounds(date(2025, 1, 9))[1] == ct(2025, 1, 9, 8, 30)
    assert CME.trade_date_at(ct(2025, 1, 9, 17)) == date(2025, 1, 10)


@pytest.mark.parametrize(
    ("trade_date", "open_utc_hour"),
    [(date(2024, 1, 10), 23), (date(2024, 7, 10), 22), (date(2024, 11, 4), 23)],
)
def test_open_in_utc_moves_with_dst(trade_date: date, open_utc_hour: int) -> None:
    opens, closes = CME.session_bounds(trade_date)
    assert opens.tzinfo is UTC
    assert opens.hour == open_utc_hour
    assert opens.astimezone(CHICAGO).time() == time(17)
    assert closes.astimezone(CHICAGO).time() == time(16)


def test_daily_maintenance_break_and_weekend() -> None:
    assert not CME.is_open_at(ct(2024, 3, 5, 16, 30))  # Tue 16:00-17:00 CT break
    assert CME.is_open_at(ct(2024, 3, 5, 15, 59))
    assert not CME.is_open_at(ct(2024, 3, 9, 12))  # Saturday
    assert CME.next_open(ct(2024, 3, 8, 16)) == ct(2024, 3, 10, 17)


def test_full_closures_reopen_on_the_holiday_evening() -> None:
    # Christmas Thursday 2025: closed all day, reopens 17:00 CT for Friday.
    assert not CME.is_open_at(ct(2025, 12, 25, 10))
    assert CME.next_open(ct(2025, 12, 25, 10)) == ct(2025, 12, 25, 17)
    assert CME.trade_date_at(ct(2025, 12, 25, 18)) == date(2025, 12, 26)


def test_cme_holidays_2000_2035_are_the_nyse_list_without_its_ad_hoc_closures() -> None:
    # The CME business-day set is the US rule holidays; NYSE's ad hoc closures are
    # CME trade dates, except 2001-09-11/12 when CME itself was shut (documented choice).
    from tests.unit.calendars.test_nyse_reference import _parse_holidays

    nyse_only = {
        date(2001, 9, 13), date(2001, 9, 14), date(2004, 6, 11), date(2007, 1, 2),
        date(2012, 10, 29), date(2012, 10, 30), date(2018, 12, 5), date(2025, 1, 9),
    }  # fmt: skip
    expected = _parse_holidays() - nyse_only
    got = {h.date for h in CME.holidays(date(2000, 1, 1), date(2035, 12, 31))}
    assert got == expected
