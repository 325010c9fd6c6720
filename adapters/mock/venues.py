"""Where and when each kind of instrument trades in the mock: its calendar and windows.

Equities trade the NYSE session plus the pre- and post-market hours of the NYSE calendar;
indices only the regular session; futures their root's Globex windows (daily break and
holiday halts included); forex the CME FX windows, the closest domain calendar to the
24x5 spot market. Every hour comes from the domain calendars.
"""

import datetime as dt
from typing import Literal

import attrs

from trade_analyst.domain.calendars import TradingCalendar, nyse
from trade_analyst.domain.futures import root_calendar

WindowKind = Literal["pre", "regular", "post"]
Venue = str  # "equity", "index", "forex", or "globex:<ROOT>"

# Where the mock puts most of a Globex day's volume: the Chicago day session (08:30-15:15
# local time), as real futures volume concentrates in US hours.
_CORE_LOCAL = (dt.time(8, 30), dt.time(15, 15))
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


def windows_of(venue: Venue, day: dt.date) -> tuple[Window, ...]:
    """Every window traded on session ``day`` (extended hours included for equities)."""
    calendar = calendar_of(venue)
    spans = calendar.session_windows(day)
    if venue != "equity":
        return tuple(_window("regular", opens, closes) for opens, closes in spans)
    opens, closes = spans[0][0], spans[-1][1]
    pre_open, post_close = calendar.extended_hours(day)
    return (
        _window("pre", pre_open, opens),
        _window("regular", opens, closes),
        _window("post", closes, post_close),
    )


def core_hours(venue: Venue, day: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The busiest span of the day, where most of the synthetic volume goes."""
    calendar = calendar_of(venue)
    if venue.startswith("globex:") or venue == "forex":
        opens, closes = (
            dt.datetime.combine(day, time, tzinfo=calendar.zone).astimezone(dt.UTC)
            for time in _CORE_LOCAL
        )
        return opens, closes
    spans = calendar.session_windows(day)
    return spans[0][0], spans[-1][1]
