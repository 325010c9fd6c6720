"""When a bar may start: the session rule of ``validate_bars``, as a value.

A ``SessionRule`` is the predicate ``validate_bars(is_open_at=...)`` calls for each bar, and
it also says what it checks (its calendar, its kind, how daily bars are stamped), so a bulk
validator can compute the same answers for a whole column at once.
"""

import datetime as dt
from typing import Literal
from zoneinfo import ZoneInfo

import attrs

from trade_analyst.domain.calendars import Calendar

SessionKind = Literal["open", "extended", "daily"]


def daily_bar_date(calendar: Calendar, daily_bar_zone: str | None, ts: dt.datetime) -> dt.date:
    """The trade date a daily bar stamped ``ts`` stands for, by how its provider stamps
    daily bars.

    With a zone: the date of the stamp there. Without (stamped at the session's first
    minute): the session whose hours hold the stamp (a Globex open, the evening before),
    else the stamp's date in the exchange's zone (a pre-market open). The latter also
    reads a midnight stamp in the exchange's zone or west of it, so it serves bars whose
    provider is unknown.
    """
    if daily_bar_zone is not None:
        return ts.astimezone(ZoneInfo(daily_bar_zone)).date()
    return calendar.trade_date_at(ts) or ts.astimezone(calendar.zone).date()


# Bars that stand for a whole session or more; intraday bars have no trade date of their own.
PERIOD_INTERVALS = ("1d", "1w", "1mo")


def bar_trade_date(calendar: Calendar, interval: str, ts: dt.datetime) -> dt.date | None:
    """The trade date of a bar of ``interval`` stamped ``ts``, None for intraday bars.

    A daily bar's is ``daily_bar_date`` read without a zone, which takes both stamps
    providers use: the session's first minute (a Globex open, the evening before) and
    midnight of the trade date in the exchange's zone or west of it. A weekly or monthly
    bar stands for the first session of its period: the first session on or after that
    date (a month starting on a Saturday begins with its first weekday session).
    """
    if interval not in PERIOD_INTERVALS:
        return None
    day = daily_bar_date(calendar, None, ts)
    if interval == "1d" or calendar.is_session(day):
        return day
    return calendar.next_session(day)


@attrs.frozen
class SessionRule:
    """``open``: the bar starts inside one of the calendar's session windows;
    ``extended``: inside its session day's extended hours (pre- and post-market);
    ``daily``: the bar stands for a session date (``daily_bar_date``)."""

    calendar: Calendar
    kind: SessionKind
    daily_bar_zone: str | None = None

    def __call__(self, ts: dt.datetime) -> bool:
        """Whether a bar may start at ``ts``; ValueError when the calendar cannot tell."""
        calendar = self.calendar
        if self.kind == "daily":
            return calendar.is_session(daily_bar_date(calendar, self.daily_bar_zone, ts))
        if self.kind == "extended":
            day = ts.astimezone(calendar.zone).date()
            if not calendar.is_session(day):
                return False
            opens, closes = calendar.extended_hours(day)
            return opens <= ts < closes
        return calendar.is_open_at(ts)
