"""CME Globex hours per product group against CME's notices (times are America/Chicago)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.calendars.cme_hours import GROUP_HOURS
from trade_analyst.domain.calendars.templates import TEMPLATES
from trade_analyst.domain.futures import root_calendar

CHICAGO = ZoneInfo("America/Chicago")


def windows(root: str, d: date) -> list[tuple[str, str]]:
    fmt = "%a %H:%M"
    return [
        (o.astimezone(CHICAGO).strftime(fmt), c.astimezone(CHICAGO).strftime(fmt))
        for o, c in root_calendar(root).session_windows(d)
    ]


def ct(y: int, m: int, d: int, hh: int, mm: int = 0) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=CHICAGO)


def test_bush_day_of_mourning_equity_abbreviated_rates_no_trade_date() -> None:
    # CME release of 2018-12-02: equity closes after overnight trading at 08:30 CT; rates
    # close at their regular time on Dec 4 and reopen for the trade date of Dec 6.
    dec5, dec6 = date(2018, 12, 5), date(2018, 12, 6)
    assert windows("/ES", dec5) == [("Tue 17:00", "Wed 08:30")]
    assert not root_calendar("/ZN").is_session(dec5)
    assert [h.name for h in root_calendar("/ZN").holidays(dec5, dec5)] == [
        "National Day of Mourning for President George H. W. Bush"
    ]
    assert windows("/ZN", dec6) == [("Wed 17:00", "Thu 16:00")]
    assert root_calendar("/ZN").trade_date_at(ct(2018, 12, 4, 18)) is None
    for root in ("/CL", "/GC", "/6E", "/ZC"):  # all other markets regular
        assert windows(root, dec5)[-1][1].endswith(("16:00", "13:20"))
    assert get_calendar("cme").is_session(dec5)  # still a CME business day for expiries


@pytest.mark.parametrize("root", ["/LE", "/HE"])
def test_livestock_trades_the_day_session_only(root: str) -> None:
    assert windows(root, date(2024, 3, 6)) == [("Wed 08:30", "Wed 13:05")]
    assert not root_calendar(root).is_open_at(ct(2024, 3, 5, 19, 30))
    assert not root_calendar(root).is_open_at(ct(2024, 3, 6, 7))
    assert root_calendar(root).template.name == "livestock"


@pytest.mark.parametrize("year", [2010, 2012, 2015, 2021, 2023, 2026])
def test_good_friday_with_the_jobs_report_is_a_short_trade_date_for_equity_and_rates(
    year: int,
) -> None:
    good_friday = {2010: 2, 2012: 6, 2015: 3, 2021: 2, 2023: 7, 2026: 3}[year]
    d = date(year, 4, good_friday)
    assert windows("/ES", d) == [("Thu 17:00", "Fri 08:15")]
    assert windows("/ZN", d) == [("Thu 17:00", "Fri 10:15")]
    assert windows("/6E", d) == [("Thu 17:00", "Fri 10:15")]
    for root in ("/CL", "/GC", "/ZC", "/LE"):
        assert not root_calendar(root).is_session(d)
    assert not get_calendar("cme").is_session(d)  # expiry rules still skip it


def test_good_friday_without_the_jobs_report_is_closed() -> None:
    for root in ("/ES", "/ZN"):
        assert not root_calendar(root).is_session(date(2024, 3, 29))


def test_energy_and_metals_holiday_halt_moved_to_1330_in_2022() -> None:
    for root in ("/CL", "/GC"):
        assert windows(root, date(2026, 1, 20))[0] == ("Sun 17:00", "Mon 13:30")
        assert windows(root, date(2021, 1, 19))[0] == ("Sun 17:00", "Mon 12:00")
        assert root_calendar(root).trade_date_at(ct(2026, 1, 19, 13)) == date(2026, 1, 20)
    assert windows("/ES", date(2026, 1, 20))[0] == ("Sun 17:00", "Mon 12:00")


def test_day_after_thanksgiving_2026_energy_closes_1345() -> None:
    for root in ("/CL", "/GC"):
        assert windows(root, date(2026, 11, 27))[-1] == ("Thu 17:00", "Fri 13:45")
    assert windows("/ES", date(2026, 11, 27))[-1] == ("Thu 17:00", "Fri 12:15")


def test_july_3_regular_close_for_rates_fx_and_energy_equity_1215() -> None:
    # CME Globex schedule for July 3, 2013: financial, FX and NYMEX/COMEX regular close.
    for root in ("/ZN", "/6E", "/CL", "/GC"):
        assert windows(root, date(2024, 7, 3)) == [("Tue 17:00", "Wed 16:00")]
    assert windows("/ES", date(2024, 7, 3)) == [("Tue 17:00", "Wed 12:15")]


def test_grains_close_about_noon_on_half_days() -> None:
    assert windows("/ZC", date(2024, 11, 29))[-1] == ("Fri 08:30", "Fri 12:05")
    assert windows("/ZC", date(2013, 7, 3))[-1] == ("Wed 08:30", "Wed 12:00")


def test_fx_trades_the_whole_holiday_from_2022_for_the_next_trade_date() -> None:
    assert windows("/6E", date(2026, 1, 20))[0] == ("Sun 17:00", "Mon 16:00")
    assert windows("/6E", date(2019, 1, 22))[0] == ("Sun 17:00", "Mon 12:00")


def test_carter_day_is_kept_per_group() -> None:
    carter = date(2025, 1, 9)
    assert windows("/ES", carter)[-1][1] == "Thu 08:30"
    for root in ("/ZN", "/LE"):
        assert windows(root, carter)[-1][1] == "Thu 12:15"
    for root in ("/CL", "/GC", "/6E", "/BTC"):
        assert windows(root, carter)[-1][1] == "Thu 16:00"


def test_every_group_has_hours_and_every_rule_and_exception_names_a_source() -> None:
    assert set(GROUP_HOURS) == set(TEMPLATES)
    for hours in GROUP_HOURS.values():
        eras = (hours.halt, hours.thanksgiving_friday, hours.christmas_eve, hours.july_3)
        for rule in eras:
            assert rule
            assert all(era.source.strip() for era in rule)
            assert [era.since for era in rule] == sorted(era.since for era in rule)
        for exc in hours.exceptions:
            assert exc.source.strip()
            assert exc.why.strip()
