"""``GET /pricehistory`` candles into ``BarColumns``: parsed field by field into typed
columns, merged across chunks, trimmed, and (for hourly bars) built from 30-minute candles."""

import bisect
import operator
from array import array
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

import attrs

from trade_analyst.adapters.schwab.mapping.values import (
    SENTINELS,
    JsonObject,
    mapping,
    ms_time,
    number,
    price,
    whole,
)
from trade_analyst.ports import BarColumns, ProviderError, to_epoch_ms

if TYPE_CHECKING:
    import datetime as dt
    from zoneinfo import ZoneInfo

# (start in epoch milliseconds, open, high, low, close, volume)
Row = tuple[int, float, float, float, float, float]
_HALF_HOUR_MS = 30 * 60_000
_HOUR_MS = 60 * 60_000


_PRICES = ("open", "high", "low", "close")
_NUMBERS = frozenset({int, float})
# Times from 1970 to the end of year 9999 (what a datetime holds); 0 and negatives mean
# "never" in Schwab's answers.
_LATEST_MS = 253_402_300_800_000


@attrs.frozen
class Candles:
    """Candles column by column, in the order given (``merge_columns`` sorts them)."""

    times: "array[int]"
    open: "array[float]"
    high: "array[float]"
    low: "array[float]"
    close: "array[float]"
    volume: "array[float]"

    @classmethod
    def empty(cls) -> "Candles":
        return cls(array("q"), array("d"), array("d"), array("d"), array("d"), array("d"))

    @classmethod
    def from_rows(cls, rows: Sequence[Row]) -> "Candles":
        if not rows:
            return cls.empty()
        times, *values = zip(*rows, strict=True)
        return cls(array("q", times), *(array("d", column) for column in values))

    def columns(self) -> "tuple[array[Any], ...]":
        return (self.times, self.open, self.high, self.low, self.close, self.volume)

    def rows(self) -> list[Row]:
        return list(zip(*self.columns(), strict=True))

    def trim(self, start: "dt.datetime", end: "dt.datetime") -> "Candles":
        """The candles starting in ``[start, end)``; the times must be ascending."""
        first = bisect.bisect_left(self.times, to_epoch_ms(start))
        stop = bisect.bisect_left(self.times, to_epoch_ms(end))
        return Candles(*(column[first:stop] for column in self.columns()))

    def to_bars(self, symbol: str, interval: str) -> BarColumns:
        return BarColumns(symbol, interval, *self.columns())


def previous_close(top: object, zone: "ZoneInfo") -> "tuple[float | None, dt.date | None]":
    """A body's ``previousClose`` and the trade date of ``previousCloseDate`` (stamped, like
    daily candles, at midnight of ``zone``); both None unless both are real values (Schwab
    sends 0 or -999 for none)."""
    body = mapping(top)
    close, stamp = price(body.get("previousClose")), ms_time(body.get("previousCloseDate"))
    if close is None or stamp is None:
        return None, None
    return close, stamp.astimezone(zone).date()


def candle_columns(payload: JsonObject, what: str) -> Candles:
    """The one candle parser: field by field when every candle is complete and plain
    numbers (no Python call per value), else candle by candle (``_checked_candle_rows``)."""
    candles = payload.get("candles", [])
    if not isinstance(candles, list):
        raise ProviderError(f"Schwab answered {what} without a candle list")
    columns = _plain_candle_columns(candles)
    if columns is not None:
        return columns
    return Candles.from_rows(_checked_candle_rows(candles, what))


def _typed(typecode: str, values: list[Any]) -> "array[Any] | None":
    """``values`` as an array column when every one is a number of that kind (an int, or
    an int or float for "d"; not a bool, not text); None otherwise, or when one is too
    large for the column."""
    import numpy as np

    try:
        column = array(typecode, values)
    except (TypeError, OverflowError):  # text, null, an object; a float for "q"
        return None
    # The array takes a JSON true or false as 1 or 0: only those values can have been one.
    read = np.frombuffer(column, np.int64 if typecode == "q" else np.float64)
    maybe = np.flatnonzero((read == 1) | (read == 0)).tolist()
    if any(type(values[row]) is bool for row in maybe):
        return None
    return column


def plain_candles(times: "array[int]", values: "Sequence[array[float]]") -> Candles | None:
    """Typed columns (time, open, high, low, close, volume) as ``Candles`` when reading
    each value one by one (``_checked_candle_rows``) would give it unchanged: every time in
    range, every value finite and none a "no value" sentinel. None otherwise."""
    import numpy as np

    stamps = np.frombuffer(times, np.int64)
    if len(stamps) and not (stamps.min() > 0 and stamps.max() < _LATEST_MS):
        return None
    for column in values:
        read = np.frombuffer(column, np.float64)
        if not np.isfinite(read).all() or np.isin(read, SENTINELS).any():
            return None
    return Candles(times, *values)


def _plain_candle_columns(candles: list[object]) -> Candles | None:
    """The columns of a body whose candles are all complete plain numbers, field by field
    (no Python call per value); None when any candle needs ``_checked_candle_rows``."""
    objects = cast(list[dict[str, Any]], candles)
    try:
        # A candle that is not an object (a list, a number, text) raises TypeError here.
        stamps, *fields = (
            [candle[name] for candle in objects] for name in ("datetime", *_PRICES, "volume")
        )
    except (KeyError, TypeError):
        return None
    times = _typed("q", stamps)
    if times is None:
        return None
    columns = [_typed("d", values) for values in fields]
    if None in columns:
        return None
    return plain_candles(times, cast("list[array[float]]", columns))


def _checked_candle_rows(candles: list[object], what: str) -> list[Row]:
    """Candle by candle, reading each value as Schwab may send it (sentinels, text)."""
    rows: list[Row] = []
    for candle in candles:
        if not isinstance(candle, Mapping):
            raise ProviderError(f"Schwab answered {what} with a candle that is not an object")
        stamp = whole(candle.get("datetime"))
        prices = [number(candle.get(k)) for k in ("open", "high", "low", "close")]
        volume = number(candle.get("volume"))
        if stamp is None or not 0 < stamp < _LATEST_MS or any(p is None for p in prices):
            raise ProviderError(f"Schwab answered {what} with an incomplete candle")
        o, h, lo, c = (float(p) for p in prices if p is not None)
        rows.append((stamp, o, h, lo, c, volume if volume is not None else 0.0))
    return rows


def merge_columns(chunks: Sequence[Candles]) -> Candles:
    """``merge`` on columns. Chunks come in time order, each ascending, and where two
    overlap the later one repeats the earlier one's times: then they are joined by slices;
    otherwise row by row through ``merge``."""
    if len(chunks) == 1 and _ascending(chunks[0].times):
        return chunks[0]
    joined = Candles.empty()
    for chunk in chunks:
        times = chunk.times
        if not _ascending(times):
            return Candles.from_rows(merge(c.rows() for c in chunks))
        skip = bisect.bisect_right(times, joined.times[-1]) if joined.times else 0
        if skip and times[:skip] != joined.times[-skip:]:
            return Candles.from_rows(merge(c.rows() for c in chunks))
        for column, part in zip(joined.columns(), chunk.columns(), strict=True):
            column.extend(part[skip:])
    return joined


def _ascending(times: "array[int]") -> bool:
    return all(map(operator.lt, times, times[1:]))


def merge(chunks: Iterable[Sequence[Row]]) -> list[Row]:
    """All rows ascending by start; a start seen twice (chunks overlap by whole days) once."""
    seen: dict[int, Row] = {}
    for rows in chunks:
        for row in rows:
            seen.setdefault(row[0], row)
    return [seen[stamp] for stamp in sorted(seen)]


def hours_from_half_hours(rows: Sequence[Row]) -> list[Row]:
    """Hourly bars from ascending 30-minute bars.

    Each run of back-to-back half hours (a session, or a day's extended hours) is cut into
    hours from its first bar, so hours line up with the session open (09:30, 10:30... for
    US stocks) and a lone last half hour becomes a short final bar.
    """
    out: list[Row] = []
    anchor: int | None = None
    previous: int | None = None
    for row in rows:
        stamp = row[0]
        if previous is None or anchor is None or stamp - previous != _HALF_HOUR_MS:
            anchor = stamp  # a new run of half hours
        elif (stamp - anchor) % _HOUR_MS == 0:
            anchor = stamp  # a whole hour after the anchor: the next hour starts
        if out and out[-1][0] == anchor:
            first = out[-1]
            out[-1] = (
                anchor,
                first[1],
                max(first[2], row[2]),
                min(first[3], row[3]),
                row[4],
                first[5] + row[5],
            )
        else:
            out.append(row)
        previous = stamp
    return out
