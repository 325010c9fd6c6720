"""Python values a caller passes, as the dates and symbol lists the jobs take.

What the command line's parser does for ``ta``: dates as ``datetime.date`` or ISO text,
checked against the range the calendars cover; one symbol or a list of them.
"""

import datetime as dt
from collections.abc import Sequence

from trade_analyst.ports import InvalidInput

DATE_HINT = "give a datetime.date or ISO text such as '2025-06-20'"


def as_date(value: dt.date | str, name: str) -> dt.date:
    """``value`` as a date in the supported range, or ``InvalidInput`` naming ``name``."""
    from trade_analyst.entrypoints.jobs.requests import check_date_in_range

    if isinstance(value, dt.datetime):
        # A datetime is a date to Python, but which day it means depends on its zone.
        raise InvalidInput(
            f"{name} must be a date, not a datetime ({value.isoformat()})", DATE_HINT
        )
    if isinstance(value, dt.date):
        day = value
    elif isinstance(value, str):
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"{name} is not a date: {value!r}", DATE_HINT) from None
    else:
        raise InvalidInput(f"{name} must be a date, got {type(value).__name__}", DATE_HINT)
    check_date_in_range(day)
    return day


def as_optional_date(value: dt.date | str | None, name: str) -> dt.date | None:
    return None if value is None else as_date(value, name)


def symbol_texts(symbols: str | Sequence[str]) -> list[str]:
    """One symbol (``"AAPL"``) or several (``["AAPL", "/ES"]``) as a list of texts."""
    if isinstance(symbols, str):
        return [symbols]
    texts = list(symbols)
    wrong = [text for text in texts if not isinstance(text, str)]
    if wrong:
        raise InvalidInput(
            f"symbols must be text, got {wrong[0]!r}", "pass symbols such as 'AAPL' or '/ES'"
        )
    return texts
