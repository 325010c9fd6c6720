"""Globex session windows per product group (reference §5.1), in Chicago wall time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import TradingCalendar
from trade_analyst.domain.calendars.tables import CFE_DAYS, CME_DAYS
from trade_analyst.domain.calendars.templates import TEMPLATES

CHICAGO = ZoneInfo("America/Chicago")


def template_calendar(name: str) -> TradingCalendar:
    days = CFE_DAYS if name == "cfe" else CME_DAYS
    return TradingCalendar(name, days, TEMPLATES[name])


def local_windows(cal: TradingCalendar, d: date) -> list[tuple[str, str]]:
    fmt = "%a %H:%M"
    return [
        (o.astimezone(CHICAGO).strftime(fmt), c.astimezone(CHICAGO).strftime(fmt))
        for o, c in cal.session_windows(d)
    ]


WED = date(2024, 3, 6)


@pytest.mark.parametrize("name", ["equity_index", "energy", "metals", "rates", "fx", "crypto"])
def test_seventeen_to_sixteen_central(name: str) -> None:
    assert local_windows(template_calendar(name), WED) == [("Tue 17:00", "Wed 16:00")]


def test_grains_overnight_and_day_session_with_a_break() -> None:
    grains = template_calendar("grains")
    assert local_windows(grains, WED) == [("Tue 19:00", "Wed 07:45"), ("Wed 08:30", "Wed 13:20")]
    assert not grains.is_open_at(datetime(2024, 3, 6, 8, 0, tzinfo=CHICAGO))
    assert grains.is_open_at(datetime(2024, 3, 6, 8, 30, tzinfo=CHICAGO))


def test_cfe_regular_hours_only() -> None:
    assert local_windows(template_calendar("cfe"), WED) == [("Wed 08:30", "Wed 15:15")]


def test_cfe_follows_the_nyse_closures() -> None:
    cfe = template_calendar("cfe")
    assert not cfe.is_session(date(2025, 1, 9))  # CFE closed for the Carter day of mourning
    assert not cfe.is_session(date(2024, 5, 27))
    (early,) = cfe.early_closes(date(2024, 11, 29), date(2024, 11, 29))
    assert early.close_utc.astimezone(CHICAGO).strftime("%H:%M") == "12:15"


def test_carter_day_per_product_group() -> None:
    # CME release: equity to 08:30 CT, rates and ags to 12:15 CT, energy/metals/FX normal.
    carter = date(2025, 1, 9)
    assert local_windows(template_calendar("equity_index"), carter)[-1][1] == "Thu 08:30"
    assert local_windows(template_calendar("rates"), carter)[-1][1] == "Thu 12:15"
    assert local_windows(template_calendar("grains"), carter)[-1][1] == "Thu 12:15"
    for name in ("energy", "metals", "fx"):
        assert local_windows(template_calendar(name), carter)[-1][1] == "Thu 16:00"


def test_grains_do_not_trade_on_halt_holidays() -> None:
    grains = template_calendar("grains")
    assert not grains.is_open_at(datetime(2024, 1, 15, 10, tzinfo=CHICAGO))  # MLK
    assert local_windows(grains, date(2024, 1, 16))[0] == ("Mon 19:00", "Tue 07:45")
