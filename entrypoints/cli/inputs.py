"""Turning command-line text into domain values, with errors that carry a hint."""

import datetime as dt
from collections.abc import Iterable, Iterator

import attrs

from trade_analyst.entrypoints.cli.errors import CliError, usage_error


def market_zone() -> dt.tzinfo:
    """The NYSE's zone: trading dates are New York dates, so a run at 20:00 ET does not
    jump to "tomorrow" as a UTC date would."""
    from trade_analyst.domain.calendars import nyse

    return nyse().zone


def today() -> dt.date:
    """Today's date in New York (``TA_NOW`` pins it), the default for --on and windows."""
    from trade_analyst.entrypoints.bootstrap import build_clock

    return build_clock().today(market_zone())


def now_utc() -> dt.datetime:
    """The current instant, aware, in UTC (``TA_NOW`` pins it)."""
    from trade_analyst.entrypoints.bootstrap import build_clock

    return build_clock().now()


def parse_timestamp(text: str) -> dt.datetime:
    """An RFC 3339 / ISO 8601 instant; without an offset it is read as UTC."""
    try:
        value = dt.datetime.fromisoformat(text.strip().replace("z", "Z"))
    except ValueError:
        raise usage_error(
            f"not a timestamp: {text!r}",
            "write an RFC 3339 time such as 2025-06-20T14:30:00Z or 2025-06-20T09:30:00-04:00",
        ) from None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def date_window(
    start: dt.date | None, end: dt.date | None, *, default_year: int
) -> tuple[dt.date, dt.date]:
    """Fill a missing --start/--end with the bounds of ``default_year`` and check order."""
    first = start or dt.date(default_year, 1, 1)
    last = end or dt.date(default_year, 12, 31)
    if first > last:
        raise usage_error(
            f"--start {first.isoformat()} is after --end {last.isoformat()}",
            "give a --start on or before --end (dates are YYYY-MM-DD)",
        )
    return first, last


def domain_failure(exc: ValueError, hint: str) -> CliError:
    """A domain error (bad symbol, unknown root, date out of range) as a usage error."""
    return usage_error(str(exc), hint)


def check_argument_dates(arguments: Iterable[object]) -> None:
    """Every date given on the command line lies in the range the calendars cover (exit 2).

    Checked once for all commands, before any runs: a date far outside it (0001-01-01,
    9999-12-31) would otherwise overflow date arithmetic deep inside a command.
    """
    from trade_analyst.entrypoints.jobs.requests import check_date_in_range

    for value in _dates_in(arguments):
        check_date_in_range(value)


def _dates_in(arguments: Iterable[object]) -> Iterator[dt.date]:
    """The dates among ``arguments`` and the fields of parameter groups (attrs classes)."""
    for value in arguments:
        if isinstance(value, dt.datetime):
            yield value.date()
        elif isinstance(value, dt.date):
            yield value
        elif attrs.has(group := type(value)):  # a parameter group such as BarSelection
            yield from _dates_in(getattr(value, field.name) for field in attrs.fields(group))
