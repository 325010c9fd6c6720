"""Calendars, dates in their range, sessions and session windows.

Dates stay a little inside 1990-01-01..2060-12-31 by default, so that the next or previous
session of a drawn date never runs off the calendars' range.
"""

import datetime as dt

from hypothesis import strategies as st

from trade_analyst.domain.calendars import (
    TEMPLATE_NAMES,
    TradingCalendar,
    get_calendar,
    template_calendar,
)

FIRST_SAFE_DATE = dt.date(1990, 1, 10)
LAST_SAFE_DATE = dt.date(2060, 12, 20)


def all_calendars() -> list[TradingCalendar]:
    """NYSE, CME trade dates, and one calendar per Globex session template.

    Built from the templates, not from futures roots, so a calendar law never depends on the
    futures registry (``futures.root_calendars`` draws those).
    """
    return [
        get_calendar("nyse"),
        get_calendar("cme"),
        *(template_calendar(f"template:{name}", name) for name in TEMPLATE_NAMES),
    ]


def calendars() -> st.SearchStrategy[TradingCalendar]:
    return st.sampled_from(all_calendars())


def dates(
    min_value: dt.date = FIRST_SAFE_DATE, max_value: dt.date = LAST_SAFE_DATE
) -> st.SearchStrategy[dt.date]:
    """Calendar dates (any weekday, holidays included) inside the calendars' range."""
    return st.dates(min_value=min_value, max_value=max_value)


def instants(
    min_value: dt.date = FIRST_SAFE_DATE, max_value: dt.date = LAST_SAFE_DATE
) -> st.SearchStrategy[dt.datetime]:
    """Aware UTC instants inside the calendars' range."""
    return st.datetimes(
        min_value=dt.datetime.combine(min_value, dt.time()),
        max_value=dt.datetime.combine(max_value, dt.time()),
        timezones=st.just(dt.UTC),
    )


@st.composite
def sessions(
    draw: st.DrawFn, calendar: TradingCalendar | None = None
) -> tuple[TradingCalendar, dt.date]:
    """A calendar (``calendar`` when given) and one of its sessions."""
    cal = calendar if calendar is not None else draw(calendars())
    day = draw(dates())
    return cal, day if cal.is_session(day) else cal.next_session(day)


@st.composite
def session_windows(
    draw: st.DrawFn, calendar: TradingCalendar | None = None
) -> tuple[TradingCalendar, dt.date, tuple[dt.datetime, dt.datetime]]:
    """A calendar, one of its sessions, and one trading window (open, close) of it in UTC.

    Sessions with a midday halt (CME on US holidays) have more than one window.
    """
    cal, day = draw(sessions(calendar))
    return cal, day, draw(st.sampled_from(cal.session_windows(day)))
