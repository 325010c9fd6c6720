"""Which bar stamps the history checks accept: session hours from the domain calendars,
daily stamps read the way the provider declares them."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.domain.calendars import get_calendar, nyse
from trade_analyst.domain.symbols import parse_symbol
from trade_analyst.entrypoints.jobs.windows import daily_bar_date, session_check

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
TODAY = dt.date(2025, 7, 1)
TUESDAY = dt.date(2025, 11, 25)
BLACK_FRIDAY = dt.date(2025, 11, 28)  # the NYSE closes at 13:00


def at(day: dt.date, hour: int, minute: int = 0, zone: ZoneInfo = NEW_YORK) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zone)


def check(text: str, interval: str, session: str = "regular", zone: str | None = None):
    predicate = session_check(parse_symbol(text, today=TODAY), interval, session, zone)
    assert predicate is not None
    return predicate


@pytest.mark.parametrize(
    ("stamp", "inside"),
    [
        (at(TUESDAY, 3, 59), False),
        (at(TUESDAY, 4), True),
        (at(TUESDAY, 19, 59), True),
        (at(TUESDAY, 20), False),
        (at(BLACK_FRIDAY, 16, 59), True),
        (at(BLACK_FRIDAY, 17), False),  # post-market ends four hours after the early close
        (at(dt.date(2025, 11, 27), 10), False),  # Thanksgiving
    ],
)
def test_extended_hours_bars_must_start_in_the_calendar_s_extended_hours(stamp, inside):
    assert check("AAPL", "5m", "extended")(stamp) is inside
    assert check("AAPL", "5m", "regular")(stamp) is nyse().is_open_at(stamp)


def test_a_declared_zone_reads_daily_stamps_as_its_midnights():
    chicago_midnight = at(TUESDAY, 0, zone=CHICAGO)
    assert daily_bar_date(nyse(), "America/Chicago")(chicago_midnight) == TUESDAY
    assert daily_bar_date(nyse(), "America/Los_Angeles")(
        chicago_midnight
    ) == TUESDAY - dt.timedelta(1)
    monday = dt.date(2025, 11, 24)
    assert check("AAPL", "1d", zone="America/Chicago")(at(monday, 0, zone=CHICAGO))
    assert not check("AAPL", "1d", zone="America/Los_Angeles")(at(monday, 0, zone=CHICAGO))


def test_session_open_stamps_stand_for_the_session_they_open():
    globex_open = at(dt.date(2025, 11, 23), 17, zone=CHICAGO)  # Sunday evening
    assert daily_bar_date(get_calendar("cme"), None)(globex_open) == dt.date(2025, 11, 24)
    assert check("/ESZ25", "1d")(globex_open)
    assert daily_bar_date(nyse(), None)(at(TUESDAY, 9, 30)) == TUESDAY
    assert daily_bar_date(nyse(), None)(at(TUESDAY, 4)) == TUESDAY  # a pre-market open
    assert not check("AAPL", "1d")(at(dt.date(2025, 11, 27), 9, 30))  # Thanksgiving


def test_weekly_monthly_and_forex_bars_are_not_checked():
    symbol = parse_symbol("AAPL", today=TODAY)
    assert session_check(symbol, "1w", "regular", None) is None
    assert session_check(symbol, "1mo", "regular", None) is None
    assert session_check(parse_symbol("EUR/USD", today=TODAY), "1d", "regular", None) is None
