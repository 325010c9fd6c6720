"""Globex session windows per product group (CME Globex trading hours), in Chicago wall time."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import TradingCalendar, nyse
from trade_analyst.domain.calendars.tables import GROUP_DAYS
from trade_analyst.domain.calendars.templates import TEMPLATES
from trade_analyst.domain.errors import DomainError

CHICAGO = ZoneInfo("America/Chicago")


def template_calendar(name: str) -> TradingCalendar:
    return TradingCalendar(name, GROUP_DAYS[name], TEMPLATES[name])


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


NEW_YORK = ZoneInfo("America/New_York")


def new_york(d: date, hour: int, minute: int = 0) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=NEW_YORK)


def test_each_calendar_knows_its_zone() -> None:
    assert nyse().zone == NEW_YORK
    assert template_calendar("equity_index").zone == CHICAGO
    assert template_calendar("cfe").zone == CHICAGO


def test_nyse_extended_hours_run_four_to_eight_and_end_at_five_after_an_early_close() -> None:
    assert nyse().extended_hours(WED) == (new_york(WED, 4), new_york(WED, 20))
    black_friday = date(2024, 11, 29)  # the NYSE closes at 13:00
    assert nyse().session_bounds(black_friday)[1] == new_york(black_friday, 13)
    assert nyse().extended_hours(black_friday) == (new_york(black_friday, 4),
                                                   new_york(black_friday, 17))  # fmt: skip


def test_extended_hours_need_a_session_and_a_template_that_has_them() -> None:
    with pytest.raises(DomainError, match="not a session"):
        nyse().extended_hours(date(2024, 3, 9))  # a Saturday
    with pytest.raises(DomainError, match="no extended hours"):
        template_calendar("equity_index").extended_hours(WED)


def test_regular_hours_are_the_full_day_on_any_date() -> None:
    black_friday, saturday = date(2024, 11, 29), date(2024, 3, 9)
    for d in (WED, black_friday, saturday):
        assert nyse().regular_hours(d) == (new_york(d, 9, 30), new_york(d, 16))
    opens, closes = template_calendar("equity_index").regular_hours(WED)
    assert (opens.astimezone(CHICAGO), closes.astimezone(CHICAGO)) == (
        datetime(2024, 3, 5, 17, tzinfo=CHICAGO),
        datetime(2024, 3, 6, 16, tzinfo=CHICAGO),
    )
