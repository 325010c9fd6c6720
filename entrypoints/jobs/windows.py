"""From the dates a user types to the instants a provider is asked for.

An equity's day is a New York calendar day (its extended hours lie inside it). A futures
trade date starts the evening before on Globex, so a futures window runs from the open of
the first trade date to the close of the last. Every hour and zone comes from the domain
calendars; how a provider stamps its daily bars comes from the provider.
"""

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from trade_analyst.domain.calendars import Calendar
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol

if TYPE_CHECKING:
    from trade_analyst.domain.validation import SessionRule
    from trade_analyst.ports import Clock

DAILY_INTERVALS = ("1d", "1w", "1mo")


def is_futures(symbol: Symbol) -> bool:
    return isinstance(symbol, FuturesRoot | FuturesContract)


def market_today(clock: "Clock") -> dt.date:
    """Today's trading date: the New York date, not the UTC one (a run at 20:00 ET is
    still today's session)."""
    from trade_analyst.domain.calendars import nyse

    return clock.today(nyse().zone)


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
    """The trade date a daily bar stamped ``ts`` stands for (``ProviderCapabilities
    .daily_bar_zone`` says how its provider stamps them; see the domain's rule)."""
    from trade_analyst.domain.validation import daily_bar_date as trade_date_of

    return lambda ts: trade_date_of(calendar, daily_bar_zone, ts)


def session_check(
    symbol: Symbol, interval: str, session: str, daily_bar_zone: str | None
) -> "SessionRule | None":
    """The rule every bar's timestamp must satisfy, or None when none applies.

    Intraday bars must start inside a session (with ``extended``, an equity's pre- and
    post-market hours count); daily bars must stand for a session date (``daily_bar_zone``
    as in :func:`daily_bar_date`); weekly and monthly bars are not checked.
    """
    from trade_analyst.domain.calendars import get_calendar
    from trade_analyst.domain.futures import root_calendar
    from trade_analyst.domain.validation import SessionRule

    if interval in ("1w", "1mo"):
        return None
    if is_futures(symbol):
        calendar = root_calendar(symbol.root)  # type: ignore[union-attr]
    elif symbol.kind == "forex":
        return None  # forex trades around the clock on weekdays; no exchange calendar
    else:
        calendar = get_calendar("nyse")
    if interval == "1d":
        return SessionRule(calendar, "daily", daily_bar_zone)
    if session == "extended" and not is_futures(symbol):
        return SessionRule(calendar, "extended")
    return SessionRule(calendar, "open")
