"""How one price-history request becomes the ``/pricehistory`` calls Schwab can serve.

Schwab's quirks shape this:
- only some period/frequency combinations are valid, and minute bars come in 1, 5, 10, 15
  and 30 minutes only, so hourly bars are built here from 30-minute ones;
- explicit ``startDate``/``endDate`` (epoch ms, end inclusive) are always sent, because the
  defaults end at the previous close and would silently drop today;
- one call serves at most ``period`` days of minute bars, so long ranges are cut into
  chunks that cover the range exactly once;
- the time of day of intraday bounds is ignored (whole days come back), so every result is
  trimmed to ``[start, end)`` here.
"""

import datetime as dt
from typing import Literal

import attrs

from trade_analyst.domain.calendars import nyse
from trade_analyst.ports import HistoryQuery, Interval, InvalidInput, to_epoch_ms

FrequencyType = Literal["minute", "daily", "weekly", "monthly"]
# The largest ``period`` of each ``periodType`` (day: 10 days; year: 20 years) bounds a chunk.
MINUTE_CHUNK = dt.timedelta(days=10)
LONG_CHUNK = dt.timedelta(days=20 * 365)

VALID_PERIODS: dict[str, tuple[int, ...]] = {
    "day": (1, 2, 3, 4, 5, 10),
    "month": (1, 2, 3, 6),
    "year": (1, 2, 3, 5, 10, 15, 20),
    "ytd": (1,),
}
VALID_FREQUENCY_TYPES: dict[str, tuple[str, ...]] = {
    "day": ("minute",),
    "month": ("daily", "weekly"),
    "year": ("daily", "weekly", "monthly"),
    "ytd": ("daily", "weekly"),
}
VALID_FREQUENCIES: dict[str, tuple[int, ...]] = {
    "minute": (1, 5, 10, 15, 30),
    "daily": (1,),
    "weekly": (1,),
    "monthly": (1,),
}


@attrs.frozen
class Fetch:
    """What to ask Schwab for: ``frequency_type``/``frequency`` bars, in these chunks."""

    period_type: str
    period: int
    frequency_type: FrequencyType
    frequency: int
    hours_from_half_hours: bool  # build 1h bars from the 30-minute ones


_FETCH: dict[str, Fetch] = {
    **{f"{n}m": Fetch("day", 10, "minute", n, False) for n in (1, 5, 10, 15, 30)},
    "1h": Fetch("day", 10, "minute", 30, True),
    "1d": Fetch("year", 20, "daily", 1, False),
    "1w": Fetch("year", 20, "weekly", 1, False),
    "1mo": Fetch("year", 20, "monthly", 1, False),
}


def is_valid_combination(period_type: str, period: int, frequency_type: str, freq: int) -> bool:
    """Whether Schwab accepts this period/frequency combination."""
    return (
        period in VALID_PERIODS.get(period_type, ())
        and frequency_type in VALID_FREQUENCY_TYPES.get(period_type, ())
        and freq in VALID_FREQUENCIES.get(frequency_type, ())
    )


@attrs.frozen
class HistoryPlan:
    symbol: str
    interval: Interval
    start: dt.datetime  # the caller's range, [start, end), aware UTC
    end: dt.datetime
    fetch: Fetch
    chunks: tuple[tuple[dt.datetime, dt.datetime], ...]  # half-open, in order, no overlap
    extended: bool
    previous_close: bool = False  # ask for the close before the first chunk

    def params(self, chunk: tuple[dt.datetime, dt.datetime]) -> dict[str, str]:
        lo, hi = chunk
        # Only the first chunk's previous close is the one before the range.
        previous = self.previous_close and chunk == self.chunks[0]
        return {
            "symbol": self.symbol,
            "periodType": self.fetch.period_type,
            "period": str(self.fetch.period),
            "frequencyType": self.fetch.frequency_type,
            "frequency": str(self.fetch.frequency),
            "startDate": str(to_epoch_ms(lo)),
            # Schwab's endDate is inclusive; the chunk is half-open.
            "endDate": str(to_epoch_ms(hi) - 1),
            "needExtendedHoursData": "true" if self.extended else "false",
            "needPreviousClose": "true" if previous else "false",
        }


def chunk_range(
    start: dt.datetime, end: dt.datetime, span: dt.timedelta
) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """``[start, end)`` cut into consecutive half-open pieces no longer than ``span``."""
    if span <= dt.timedelta(0):
        raise ValueError("a chunk span must be positive")
    chunks: list[tuple[dt.datetime, dt.datetime]] = []
    lo = start
    while lo < end:
        hi = min(lo + span, end)
        chunks.append((lo, hi))
        lo = hi
    return tuple(chunks)


def ny_midnight(value: dt.datetime) -> dt.datetime:
    """The New York midnight starting ``value``'s New York date, in UTC."""
    new_york = nyse().zone
    day = value.astimezone(new_york).date()
    return dt.datetime.combine(day, dt.time(), new_york).astimezone(dt.UTC)


def plan_history(query: HistoryQuery) -> HistoryPlan:
    """The calls for ``[query.start, query.end)``; an empty range plans no call at all."""
    if not query.symbol or not query.symbol.strip():
        raise InvalidInput("no symbol given", "give a symbol such as AAPL or $SPX")
    lo, hi = query.start, query.end  # in UTC, as the query keeps them
    fetch = _FETCH[query.interval]
    if fetch.frequency_type == "minute":
        # Whole New York days: Schwab serves them anyway, and hourly bars built from a
        # whole day never depend on where the caller's range happened to start.
        fetch_lo = ny_midnight(lo) if lo < hi else lo
        chunks = chunk_range(fetch_lo, hi, MINUTE_CHUNK)
    else:
        # Daily candles are stamped at midnight US/Central (the adapter's declared
        # ``daily_bar_zone``), which can be before ``start``'s own instant on the same day;
        # a day's margin catches them, trimming drops extras.
        chunks = chunk_range(lo - dt.timedelta(days=1), hi, LONG_CHUNK) if lo < hi else ()
    return HistoryPlan(
        symbol=query.symbol.strip(),
        interval=query.interval,
        start=lo,
        end=hi,
        fetch=fetch,
        chunks=chunks,
        extended=query.session == "extended",
        previous_close=query.previous_close,
    )
