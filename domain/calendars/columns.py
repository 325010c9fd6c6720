"""Sessions of a date range as columns of machine integers, for bulk queries.

Point queries answer one date from a set; a bulk query (every session of decades, with
its open and close) would pay for a Python object per session. Instead each calendar keeps
columns in ``array.array``s, built for a contiguous span of years on first bulk use and
grown at either end when a query reaches beyond it. A range is two bisects and a read-only
``memoryview`` slice per column: no copy, whatever its length. Iterating a view yields
ints, ``.tolist()`` copies it out, and it keeps the whole column it views alive. The units
are the ones Arrow stores, so an adapter can hand the buffers over without a loop:

- a day is an *epoch day*, days since 1970-01-01 (Arrow ``date32``), typecode ``"i"``;
- an instant is an *epoch second*, whole seconds since 1970-01-01T00:00Z (Arrow
  ``timestamp("s", tz="UTC")``), typecode ``"q"``.
"""

# array.array is generic only to type checkers before Python 3.12.
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import attrs

DAY_TYPECODE = "i"  # a C int: 32 bits on every platform CPython runs on, as date32
SECOND_TYPECODE = "q"  # a C long long: 64 bits, as Arrow timestamps

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_EPOCH_UTC = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_SECOND = timedelta(seconds=1)

Columns = tuple["array[int]", ...]
Views = tuple[memoryview, ...]


def epoch_day(d: date) -> int:
    """``d`` as days since 1970-01-01."""
    return d.toordinal() - _EPOCH_ORDINAL


def date_of_epoch_day(day: int) -> date:
    """The date ``day`` days after 1970-01-01."""
    return date.fromordinal(day + _EPOCH_ORDINAL)


def epoch_second(ts: datetime) -> int:
    """An aware datetime as whole seconds since 1970-01-01T00:00Z (floored)."""
    return (ts - _EPOCH_UTC) // _ONE_SECOND


def instant_of_epoch_second(second: int) -> datetime:
    """The aware UTC datetime ``second`` seconds after 1970-01-01T00:00Z."""
    return _EPOCH_UTC + timedelta(seconds=second)


# Unhashable: memoryviews of ints cannot be hashed (they compare by value, though).
@attrs.frozen(hash=False)
class SessionColumns:
    """The sessions of a range with their bounds, as three aligned columns, ascending.

    ``days``: each session as an epoch day (format ``"i"``); ``opens`` / ``closes``: its
    first window open and last window close as epoch seconds UTC (format ``"q"``), the
    same instants ``session_bounds`` returns. Each is a read-only ``memoryview``.
    """

    days: memoryview
    opens: memoryview
    closes: memoryview

    def __len__(self) -> int:
        return len(self.days)

    def rows(self) -> list[tuple[date, datetime, datetime]]:
        """(session, open_utc, close_utc) per session, as Python objects (for output)."""
        return [
            (date_of_epoch_day(day), instant_of_epoch_second(o), instant_of_epoch_second(c))
            for day, o, c in zip(self.days, self.opens, self.closes, strict=True)
        ]


class YearSpanColumns:
    """Aligned integer columns for a contiguous span of years, the first column holding
    ascending epoch days; built per year by ``build_year`` and grown on demand."""

    def __init__(self, typecodes: tuple[str, ...], build_year: Callable[[int], Columns]) -> None:
        self._typecodes = typecodes
        self._build_year = build_year
        # (first year, last year, columns): replaced whole, so a reader never sees a
        # span that disagrees with its columns.
        self._span: tuple[int, int, Columns] | None = None

    def between(self, start: date, end: date) -> Views:
        """Read-only views of the rows whose epoch day lies in ``start``..``end`` inclusive."""
        columns = self._covering(start.year, end.year)
        keys = columns[0]
        lo = bisect_left(keys, epoch_day(start))
        hi = bisect_right(keys, epoch_day(end), lo)
        # Views, not copies: copying decades of int64s costs more than the query itself.
        # The cached arrays are never resized (growing builds new ones), so a view is safe.
        return tuple(memoryview(column).toreadonly()[lo:hi] for column in columns)

    def clear(self) -> None:
        self._span = None

    def _covering(self, first_year: int, last_year: int) -> Columns:
        span = self._span
        if span is None:
            span = (first_year, last_year, self._build(first_year, last_year))
        elif first_year < span[0] or last_year > span[1]:
            below = self._build(first_year, span[0] - 1)
            above = self._build(span[1] + 1, last_year)
            columns = tuple(b + c + a for b, c, a in zip(below, span[2], above, strict=True))
            span = (min(first_year, span[0]), max(last_year, span[1]), columns)
        else:
            return span[2]
        self._span = span
        return span[2]

    def _build(self, first_year: int, last_year: int) -> Columns:
        """The columns of ``first_year``..``last_year`` (empty when first > last)."""
        columns = tuple(array(code) for code in self._typecodes)
        for year in range(first_year, last_year + 1):
            for column, part in zip(columns, self._build_year(year), strict=True):
                column.extend(part)
        return columns
