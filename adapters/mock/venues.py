"""Where and when each kind of instrument trades in the mock: its calendar and windows.

Equities trade the NYSE session plus pre-market (04:00 ET) and post-market (to 20:00 ET,
17:00 ET after a 13:00 half day); indices only the regular session; futures their root's
Globex windows (daily break and holiday halts included); forex the CME FX windows, the
closest domain calendar to the 24x5 spot market.
"""

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

import attrs

from trade_analyst.domain.calendars import TradingCalendar, nyse
from trade_analyst.domain.futures import root_calendar

WindowKind = Literal["pre", "regular", "post"]
Venue = str  # "equity", "index", "forex", or "globex:<ROOT>"

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
_PRE_OPEN = dt.time(4)
_POST_CLOSE = dt.time(20)
_HALF_DAY_POST_CLOSE = dt.time(17)
_REGULAR_CLOSE = dt.time(16)
# Globex volume concentrates in the US day session (08:30-15:15 CT).
_CORE_CT = (dt.time(8, 30), dt.time(15, 15))
_MINUTE = dt.timedelta(minutes=1)
# CME FX futures windows stand in for spot forex hours.
FOREX_ROOT = "/6E"


@attrs.frozen
class Window:
    """A span of whole minutes the instrument trades in: ``minutes`` starting at ``open``."""

    kind: WindowKind
    open: dt.datetime
    minutes: int

    @property
    def close(self) -> dt.datetime:
        return self.open + self.minutes * _MINUTE


def calendar_of(venue: Venue) -> TradingCalendar:
    if venue.startswith("globex:"):
        return root_calendar(venue.removeprefix("globex:"))
    if venue == "forex":
        return root_calendar(FOREX_ROOT)
    return nyse()


def _window(kind: WindowKind, opens: dt.datetime, closes: dt.datetime) -> Window:
    return Window(kind, opens, int((closes - opens) // _MINUTE))


def _at(day: dt.date, time: dt.time, zone: ZoneInfo) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=zone).astimezone(dt.UTC)


def windows_of(venue: Venue, day: dt.date) -> tuple[Window, ...]:
    """Every window traded on session ``day`` (extended hours included for equities)."""
    spans = calendar_of(venue).session_windows(day)
    if venue != "equity":
        return tuple(_window("regular", opens, closes) for opens, closes in spans)
    opens, closes = spans[0][0], spans[-1][1]
    half_day = closes.astimezone(NEW_YORK).time() < _REGULAR_CLOSE
    post_end = _HALF_DAY_POST_CLOSE if half_day else _POST_CLOSE
    return (
        _window("pre", _at(day, _PRE_OPEN, NEW_YORK), opens),
        _window("regular", opens, closes),
        _window("post", closes, _at(day, post_end, NEW_YORK)),
    )


def core_hours(venue: Venue, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The busiest span of the day, where most of the synthetic volume goes."""
    if venue.startswith("globex:") or venue == "forex":
        return _at(day, _CORE_CT[0], CHICAGO), _at(day, _CORE_CT[1], CHICAGO)
    spans = calendar_of(venue).session_windows(day)
    return spans[0][0], spans[-1][1]
