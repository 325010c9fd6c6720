"""NYSE table tests against independently published tables.

The two tables below were generated three independent ways (exchange_calendars, Lean's
market-hours database, an independent rule set) and agree; they are not our output.
"""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import Holiday, get_calendar

NEW_YORK = ZoneInfo("America/New_York")

# Full weekday NYSE holiday list (MM-DD), 2000–2035
HOLIDAYS_2000_2035 = """
2000 01-17 02-21 04-21 05-29 07-04 09-04 11-23 12-25
2001 01-01 01-15 02-19 04-13 05-28 07-04 09-03 09-11 09-12 09-13 09-14 11-22 12-25
2002 01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25
2003 01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25
2004 01-01 01-19 02-16 04-09 05-31 06-11 07-05 09-06 11-25 12-24
2005 01-17 02-21 03-25 05-30 07-04 09-05 11-24 12-26
2006 01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25
2007 01-01 01-02 01-15 02-19 04-06 05-28 07-04 09-03 11-22 12-25
2008 01-01 01-21 02-18 03-21 05-26 07-04 09-01 11-27 12-25
2009 01-01 01-19 02-16 04-10 05-25 07-03 09-07 11-26 12-25
2010 01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24
2011 01-17 02-21 04-22 05-30 07-04 09-05 11-24 12-26
2012 01-02 01-16 02-20 04-06 05-28 07-04 09-03 10-29 10-30 11-22 12-25
2013 01-01 01-21 02-18 03-29 05-27 07-04 09-02 11-28 12-25
2014 01-01 01-20 02-17 04-18 05-26 07-04 09-01 11-27 12-25
2015 01-01 01-19 02-16 04-03 05-25 07-03 09-07 11-26 12-25
2016 01-01 01-18 02-15 03-25 05-30 07-04 09-05 11-24 12-26
2017 01-02 01-16 02-20 04-14 05-29 07-04 09-04 11-23 12-25
2018 01-01 01-15 02-19 03-30 05-28 07-04 09-03 11-22 12-05 12-25
2019 01-01 01-21 02-18 04-19 05-27 07-04 09-02 11-28 12-25
2020 01-01 01-20 02-17 04-10 05-25 07-03 09-07 11-26 12-25
2021 01-01 01-18 02-15 04-02 05-31 07-05 09-06 11-25 12-24
2022 01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26
2023 01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25
2024 01-01 01-15 02-19 03-29 05-27 06-19 07-04 09-02 11-28 12-25
2025 01-01 01-09 01-20 02-17 04-18 05-26 06-19 07-04 09-01 11-27 12-25
2026 01-01 01-19 02-16 04-03 05-25 06-19 07-03 09-07 11-26 12-25
2027 01-01 01-18 02-15 03-26 05-31 06-18 07-05 09-06 11-25 12-24
2028 01-17 02-21 04-14 05-29 06-19 07-04 09-04 11-23 12-25
2029 01-01 01-15 02-19 03-30 05-28 06-19 07-04 09-03 11-22 12-25
2030 01-01 01-21 02-18 04-19 05-27 06-19 07-04 09-02 11-28 12-25
2031 01-01 01-20 02-17 04-11 05-26 06-19 07-04 09-01 11-27 12-25
2032 01-01 01-19 02-16 03-26 05-31 06-18 07-05 09-06 11-25 12-24
2033 01-17 02-21 04-15 05-30 06-20 07-04 09-05 11-24 12-26
2034 01-02 01-16 02-20 04-07 05-29 06-19 07-04 09-04 11-23 12-25
2035 01-01 01-15 02-19 03-23 05-28 06-19 07-04 09-03 11-22 12-25
"""

# NYSE 13:00 ET early closes (MM-DD), 2000–2035
EARLY_CLOSES_2000_2035 = """
2000 07-03 11-24 | 2001 07-03 11-23 12-24 | 2002 07-05 11-29 12-24 | 2003 07-03 11-28 12-24 12-26
2004 11-26 | 2005 11-25 | 2006 07-03 11-24 | 2007 07-03 11-23 12-24 | 2008 07-03 11-28 12-24
2009 11-27 12-24 | 2010 11-26 | 2011 11-25 | 2012 07-03 11-23 12-24 | 2013 07-03 11-29 12-24
2014 07-03 11-28 12-24 | 2015 11-27 12-24 | 2016 11-25 | 2017 07-03 11-24 | 2018 07-03 11-23 12-24
2019 07-03 11-29 12-24 | 2020 11-27 12-24 | 2021 11-26 | 2022 11-25 | 2023 07-03 11-24
2024 07-03 11-29 12-24 | 2025 07-03 11-28 12-24 | 2026 11-27 12-24 | 2027 11-26 | 2028 07-03 11-24
2029 07-03 11-23 12-24 | 2030 07-03 11-29 12-24 | 2031 07-03 11-28 12-24 | 2032 11-26 | 2033 11-25
2034 07-03 11-24 | 2035 07-03 11-23 12-24
"""

GOOD_FRIDAYS_2000_2035 = """
2000-04-21 2001-04-13 2002-03-29 2003-04-18 2004-04-09 2005-03-25
2006-04-14 2007-04-06 2008-03-21 2009-04-10 2010-04-02 2011-04-22 2012-04-06 2013-03-29 2014-04-18
2015-04-03 2016-03-25 2017-04-14 2018-03-30 2019-04-19 2020-04-10 2021-04-02 2022-04-15 2023-04-07
2024-03-29 2025-04-18 2026-04-03 2027-03-26 2028-04-14 2029-03-30 2030-04-19 2031-04-11 2032-03-26
2033-04-15 2034-04-07 2035-03-23
"""


def _parse_holidays() -> set[date]:
    out: set[date] = set()
    for line in HOLIDAYS_2000_2035.split("\n"):
        if not line.strip():
            continue
        year, *days = line.split()
        for mmdd in days:
            month, day = mmdd.split("-")
            out.add(date(int(year), int(month), int(day)))
    return out


def _parse_early_closes() -> set[date]:
    out: set[date] = set()
    for chunk in EARLY_CLOSES_2000_2035.replace("\n", "|").split("|"):
        if not chunk.strip():
            continue
        year, *days = chunk.split()
        for mmdd in days:
            month, day = mmdd.split("-")
            out.add(date(int(year), int(month), int(day)))
    return out


NYSE = get_calendar("nyse")
START, END = date(2000, 1, 1), date(2035, 12, 31)


def test_weekday_holidays_2000_2035_match_the_reference_exactly() -> None:
    expected = _parse_holidays()
    assert len(expected) == 342  # the count the reference states
    assert {h.date for h in NYSE.holidays(START, END)} == expected


def test_early_closes_2000_2035_match_the_reference_exactly() -> None:
    expected = _parse_early_closes()
    assert len(expected) == 79  # the count the reference states
    closes = NYSE.early_closes(START, END)
    assert {e.date for e in closes} == expected
    for e in closes:
        assert e.close_utc.astimezone(NEW_YORK).time() == time(13)


def test_session_count_2000_2035_matches_the_reference() -> None:
    assert len(NYSE.sessions(START, END)) == 9049


@pytest.mark.parametrize("iso", GOOD_FRIDAYS_2000_2035.split())
def test_good_fridays_are_named_holidays(iso: str) -> None:
    d = date.fromisoformat(iso)
    assert d.weekday() == 4
    assert not NYSE.is_session(d)
    assert NYSE.holidays(d, d) == [Holiday(d, "Good Friday")]


@pytest.mark.parametrize(
    ("iso", "name"),
    [
        ("2001-09-11", "September 11 attacks"),
        ("2001-09-14", "September 11 attacks"),
        ("2012-10-29", "Hurricane Sandy"),
        ("2012-10-30", "Hurricane Sandy"),
        ("2022-06-20", "Juneteenth National Independence Day"),
        ("2027-06-18", "Juneteenth National Independence Day"),
        ("2032-06-18", "Juneteenth National Independence Day"),
        ("2033-06-20", "Juneteenth National Independence Day"),
        ("2004-06-11", "National Day of Mourning for President Ronald Reagan"),
        ("2007-01-02", "National Day of Mourning for President Gerald Ford"),
        ("2018-12-05", "National Day of Mourning for President George H. W. Bush"),
        ("2025-01-09", "National Day of Mourning for President Jimmy Carter"),
        ("2024-01-15", "Martin Luther King Jr. Day"),
        ("2021-12-24", "Christmas Day"),
        ("2023-01-02", "New Year's Day"),
    ],
)
def test_named_closures(iso: str, name: str) -> None:
    d = date.fromisoformat(iso)
    assert not NYSE.is_session(d)
    assert NYSE.holidays(d, d) == [Holiday(d, name)]


@pytest.mark.parametrize("iso", ["2021-12-31", "2010-12-31", "2004-12-31", "2001-09-17"])
def test_sessions_around_unobserved_or_ended_closures(iso: str) -> None:
    # Saturday New Year (2022, 2011, 2005) is not observed on the Friday before;
    # the market reopened on Monday 2001-09-17.
    assert NYSE.is_session(date.fromisoformat(iso))


@pytest.mark.parametrize("iso", ["2021-10-11", "2021-11-11", "2020-10-12", "2021-06-18"])
def test_columbus_veterans_and_pre_2022_juneteenth_are_sessions(iso: str) -> None:
    assert NYSE.is_session(date.fromisoformat(iso))


@pytest.mark.parametrize(
    ("iso", "close_et"),
    [
        ("2002-07-05", time(13)),
        ("2013-07-03", time(13)),
        ("1997-12-26", time(13)),
        ("1999-12-31", time(13)),
        ("2003-12-26", time(13)),
        ("1992-11-27", time(14)),  # before 1993 the early close was 14:00 ET
        ("1995-07-03", time(13)),  # the first year of the Monday-before-the-4th rule
        ("1991-12-24", time(14)),
    ],
)
def test_early_close_times(iso: str, close_et: time) -> None:
    d = date.fromisoformat(iso)
    (early,) = NYSE.early_closes(d, d)
    assert early.close_utc.astimezone(NEW_YORK).time() == close_et
    assert NYSE.session_bounds(d)[1] == early.close_utc


@pytest.mark.parametrize("iso", ["1994-07-05", "1990-07-03", "1994-07-01"])
def test_no_july_early_close_before_1995(iso: str) -> None:
    d = date.fromisoformat(iso)
    assert NYSE.is_session(d)
    assert NYSE.early_closes(d, d) == []


@pytest.mark.parametrize("iso", ["2008-12-26", "2014-12-26"])
def test_no_early_close_on_these_fridays(iso: str) -> None:
    d = date.fromisoformat(iso)
    assert NYSE.is_session(d)
    assert NYSE.early_closes(d, d) == []


def test_regular_session_bounds_are_0930_to_1600_new_york() -> None:
    opens, closes = NYSE.session_bounds(date(2024, 3, 11))  # first Monday after DST starts
    assert opens == datetime(2024, 3, 11, 9, 30, tzinfo=NEW_YORK)
    assert closes == datetime(2024, 3, 11, 16, tzinfo=NEW_YORK)
    assert opens.tzinfo is UTC  # returned in UTC
