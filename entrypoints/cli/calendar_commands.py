"""``ta calendar ...``: NYSE and CME calendars, and the Globex window of any futures root."""

import datetime as dt
from collections.abc import Callable
from typing import Annotated

import attrs
from cyclopts import App, Parameter

from trade_analyst.domain.calendars import Calendar
from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.inputs import (
    date_window,
    domain_failure,
    now_utc,
    parse_timestamp,
    today,
)
from trade_analyst.entrypoints.cli.output import Record, emit
from trade_analyst.entrypoints.cli.parameters import THIS_YEAR, DateRange
from trade_analyst.entrypoints.cli.table_view import View
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone

calendar_app = App(name="calendar", help="Exchange calendars: nyse, cme, or a futures root (/ES).")

CalendarName = Annotated[
    str, Parameter(help="nyse (or XNYS), cme (or CMES), or a futures root such as /ES.")
]
CALENDAR_HINT = "try nyse, cme or a futures root such as /ES; 'ta futures roots' lists the roots"
RANGE_HINT = "dates must lie in 1990-01-01..2060-12-31; give --start on or before --end"


def _calendar(name: str) -> Calendar:
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.futures import calendar_named

    try:
        return calendar_named(name)
    except DomainError as exc:
        raise domain_failure(exc, CALENDAR_HINT) from exc


Rows = Callable[[Calendar, dt.date, dt.date], list[Record]]


def _emit_range(cal: str, dates: DateRange, rows: Rows, context: CliContext, view: View) -> int:
    """Resolve the calendar and date window, build the rows, print them (times in the
    calendar's zone unless ``view`` asks for another)."""
    from trade_analyst.domain.errors import DomainError

    calendar = _calendar(cal)
    first, last = date_window(dates.start, dates.end, default_year=today().year)
    try:
        records = rows(calendar, first, last)
    except DomainError as exc:
        raise domain_failure(exc, RANGE_HINT) from exc
    emit(records, context.output_format, view=attrs.evolve(view, zone=calendar.zone))
    return 0


def _session_rows(calendar: Calendar, first: dt.date, last: dt.date) -> list[Record]:
    bounds = calendar.session_bounds_between(first, last)
    return [{"date": day, "open": opens, "close": closes} for day, opens, closes in bounds.rows()]


def _holiday_rows(calendar: Calendar, first: dt.date, last: dt.date) -> list[Record]:
    return [{"date": h.date, "name": h.name} for h in calendar.holidays(first, last)]


def _early_close_rows(calendar: Calendar, first: dt.date, last: dt.date) -> list[Record]:
    return [{"date": e.date, "close": e.close_utc} for e in calendar.early_closes(first, last)]


@calendar_app.command
def sessions(
    cal: CalendarName,
    *,
    dates: DateRange = THIS_YEAR,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Trading sessions with their open and close (the exchange's time in tables)."""
    return _emit_range(cal, dates, _session_rows, context, View(columns=columns, tz=tz))


@calendar_app.command
def holidays(
    cal: CalendarName, *, dates: DateRange = THIS_YEAR, columns: Columns = None, context: Context
) -> int:
    """Weekday closures with their names."""
    return _emit_range(cal, dates, _holiday_rows, context, View(columns=columns))


@calendar_app.command(name="early-closes")
def early_closes(
    cal: CalendarName,
    *,
    dates: DateRange = THIS_YEAR,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Sessions that close early, with the early close time (the exchange's in tables)."""
    return _emit_range(cal, dates, _early_close_rows, context, View(columns=columns, tz=tz))


@calendar_app.command
def status(
    cal: CalendarName,
    *,
    at: str | None = None,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Whether the market is open at an instant, its trade date, next open and close.

    Parameters
    ----------
    at
        The instant to ask about, RFC 3339 (default: now). Without an offset it is UTC.
    """
    from trade_analyst.domain.errors import DomainError

    calendar = _calendar(cal)
    instant = parse_timestamp(at) if at is not None else now_utc()
    try:
        row = {
            "calendar": calendar.name,
            "at": instant,
            "is_open": calendar.is_open_at(instant),
            "trade_date": calendar.trade_date_at(instant),
            "next_open": calendar.next_open(instant),
            "next_close": calendar.next_close(instant),
        }
    except DomainError as exc:
        raise domain_failure(exc, RANGE_HINT) from exc
    view = View(columns=columns, tz=tz, zone=calendar.zone)
    emit([row], context.output_format, single=True, view=view)
    return 0
