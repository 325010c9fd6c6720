"""From the dates a user types to the instants a provider is asked for.

An equity's day is a New York calendar day (extended hours run 04:00-20:00 ET). A futures
trade date starts the evening before on Globex, so a futures window runs from the open of
the first trade date to the close of the last.
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
EXTENDED_OPEN = dt.time(4, 0)
EXTENDED_CLOSE = dt.time(20, 0)
DAILY_INTERVALS = ("1d", "1w", "1mo")


def is_futures(symbol: Symbol) -> bool:
    return isinstance(symbol, FuturesRoot | FuturesContract)


def day_start(day: dt.date, zone: dt.tzinfo = NEW_YORK) -> dt.datetime:
    """Midnight of ``day`` in ``zone``, as an aware UTC instant."""
    return dt.datetime.combine(day, dt.time(0), tzinfo=zone).astimezone(dt.UTC)


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


def session_check(
    symbol: Symbol, interval: str, session: str
) -> Callable[[dt.datetime], bool] | None:
    """A predicate every bar's timestamp must satisfy, or None when none applies.

    Intraday bars must start inside a session; daily bars must fall on a session date
    (Schwab stamps them at midnight US/Central); weekly and monthly bars are not checked.
    """
    from trade_analyst.domain.calendars import get_calendar
    from trade_analyst.domain.futures import root_calendar

    if interval in ("1w", "1mo"):
        return None
    if is_futures(symbol):
        calendar = root_calendar(symbol.root)  # type: ignore[union-attr]
        if interval == "1d":
            # Schwab stamps a daily bar at midnight Chicago time of its trade date; other
            # providers at the session's open, the evening before: accept either.
            return lambda ts: (
                calendar.is_session(ts.astimezone(CHICAGO).date())
                or calendar.trade_date_at(ts) is not None
            )
        return calendar.is_open_at
    if symbol.kind == "forex":
        return None  # forex trades around the clock on weekdays; no exchange calendar
    nyse = get_calendar("nyse")
    if interval == "1d":
        return lambda ts: nyse.is_session(ts.astimezone(CHICAGO).date())
    if session == "extended":
        return lambda ts: _in_extended_hours(nyse.is_session, ts)
    return nyse.is_open_at


def _in_extended_hours(is_session: Callable[[dt.date], bool], ts: dt.datetime) -> bool:
    local = ts.astimezone(NEW_YORK)
    return is_session(local.date()) and EXTENDED_OPEN <= local.time() < EXTENDED_CLOSE
