"""From the dates a user types to the instants a provider is asked for.

An equity's day is a New York calendar day (its extended hours lie inside it). A futures
trade date starts the evening before on Globex, so a futures window runs from the open of
the first trade date to the close of the last. Every hour and zone comes from the domain
calendars; how a provider stamps its daily bars comes from the provider.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from trade_analyst.domain.calendars import Calendar
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol

DAILY_INTERVALS = ("1d", "1w", "1mo")


def is_futures(symbol: Symbol) -> bool:
    return isinstance(symbol, FuturesRoot | FuturesContract)


def day_start(day: dt.date) -> dt.datetime:
    """Midnight of ``day`` in New York (the NYSE's zone), as an aware UTC instant."""
    from trade_analyst.domain.calendars import nyse

    return dt.datetime.combine(day, dt.time(0), tzinfo=nyse().zone).astimezone(dt.UTC)


def request_window(symbol: Symbol, start: dt.date, end: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """The half-open UTC window ``[from, to)`` that covers the dates ``start..end``."""
    if is_futures(symbol):
        from trade_analyst.domain.futures import root_calendar

        calendar = root_calendar(symbol.root)  # type: ignore[union-attr]
        first = start if calendar.is_session(start) else calendar.next_session(start)
        last = end if calendar.is_session(end) else calendar.previous_session(end)
        if first > last:  # no trade date in the range: an empty window
            instant = day_start(start)
            return instant, instant
        return calendar.session_bounds(first)[0], calendar.session_bounds(last)[1]
    return day_start(start), day_start(end + dt.timedelta(days=1))


def daily_bar_date(
    calendar: Calendar, daily_bar_zone: str | None
) -> Callable[[dt.datetime], dt.date]:
    """The trade date a daily bar stamped ``ts`` stands for, by how its provider stamps
    daily bars (``ProviderCapabilities.daily_bar_zone``).

    With a zone: the date of the stamp there. Without (stamped at the session's first
    minute): the session whose hours hold the stamp (a Globex open, the evening before),
    else the stamp's date in the exchange's zone (a pre-market open). The latter also
    reads a midnight stamp in the exchange's zone or west of it, so it serves bars whose
    provider is unknown.
    """
    if daily_bar_zone is not None:
        zone = ZoneInfo(daily_bar_zone)
        return lambda ts: ts.astimezone(zone).date()
    return lambda ts: calendar.trade_date_at(ts) or ts.astimezone(calendar.zone).date()


def session_check(
    symbol: Symbol, interval: str, session: str, daily_bar_zone: str | None
) -> Callable[[dt.datetime], bool] | None:
    """A predicate every bar's timestamp must satisfy, or None when none applies.

    Intraday bars must start inside a session (with ``extended``, an equity's pre- and
    post-market hours count); daily bars must stand for a session date (``daily_bar_zone``
    as in :func:`daily_bar_date`); weekly and monthly bars are not checked.
    """
    from trade_analyst.domain.calendars import get_calendar
    from trade_analyst.domain.futures import root_calendar

    if interval in ("1w", "1mo"):
        return None
    if is_futures(symbol):
        calendar = root_calendar(symbol.root)  # type: ignore[union-attr]
    elif symbol.kind == "forex":
        return None  # forex trades around the clock on weekdays; no exchange calendar
    else:
        calendar = get_calendar("nyse")
    if interval == "1d":
        trade_date = daily_bar_date(calendar, daily_bar_zone)
        return lambda ts: calendar.is_session(trade_date(ts))
    if session == "extended" and not is_futures(symbol):
        return lambda ts: _in_extended_hours(calendar, ts)
    return calendar.is_open_at


def _in_extended_hours(calendar: Calendar, ts: dt.datetime) -> bool:
    day = ts.astimezone(calendar.zone).date()
    if not calendar.is_session(day):
        return False
    opens, closes = calendar.extended_hours(day)
    return opens <= ts < closes
