"""``BarColumns``: bars as a provider answers them, one typed array per field.

Bars travel from the provider through validation to files in this shape, so a long
history costs no Python object per bar: stdlib ``array.array`` columns expose their memory
through the buffer protocol, and the Arrow adapters wrap that memory without a copy. The
domain's ``BarSeries`` (aware datetimes, per-bar rules) is one ``to_series`` away for the
use cases that read a handful of bars.
"""

import bisect
import datetime as dt
from array import array
from collections.abc import Iterable, Sequence

import attrs

from trade_analyst.domain.models import BarSeries
from trade_analyst.ports._times import from_epoch_ms, to_epoch_ms


def _stamps(values: Iterable[int]) -> "array[int]":
    return values if isinstance(values, array) and values.typecode == "q" else array("q", values)


def _floats(values: Iterable[float]) -> "array[float]":
    return values if isinstance(values, array) and values.typecode == "d" else array("d", values)


def _texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class BarColumns:
    """Bars of one symbol and interval: ``timestamps`` are int milliseconds since the epoch
    (UTC) of each interval's start, ascending; prices and volume are float64.

    ``contracts`` names the futures contract behind each bar when the provider says (the
    mock's continuous roots), else it is empty. Columns of another length are refused.

    ``previous_close`` and ``previous_close_date``: the close and trade date of the session
    before the first bar, when the query asked for them and the provider knows them (else
    None). They describe the start of the bars: a slice keeps them only when it keeps the
    first bar, and ``concat_bars`` keeps those of its earliest piece.
    """

    symbol: str
    interval: str
    timestamps: "array[int]" = attrs.field(converter=_stamps)
    open: "array[float]" = attrs.field(converter=_floats)
    high: "array[float]" = attrs.field(converter=_floats)
    low: "array[float]" = attrs.field(converter=_floats)
    close: "array[float]" = attrs.field(converter=_floats)
    volume: "array[float]" = attrs.field(converter=_floats)
    contracts: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    previous_close: float | None = attrs.field(default=None, kw_only=True)
    previous_close_date: dt.date | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        size = len(self.timestamps)
        if any(len(column) != size for column in self.values()) or (
            self.contracts and len(self.contracts) != size
        ):
            raise ValueError(f"the bar columns of {self.symbol} differ in length")

    @classmethod
    def empty(cls, symbol: str, interval: str) -> "BarColumns":
        return cls(symbol, interval, (), (), (), (), (), ())

    @classmethod
    def from_series(cls, series: BarSeries) -> "BarColumns":
        """The domain's bars as columns (timestamps floored to the millisecond)."""
        return cls(
            series.symbol,
            series.interval,
            map(to_epoch_ms, series.timestamps),
            series.open,
            series.high,
            series.low,
            series.close,
            series.volume,
        )

    def __len__(self) -> int:
        return len(self.timestamps)

    def values(self) -> tuple["array[float]", ...]:
        """The open, high, low, close and volume columns."""
        return (self.open, self.high, self.low, self.close, self.volume)

    def times(self) -> list[dt.datetime]:
        """Each bar's start as an aware UTC datetime."""
        return [from_epoch_ms(stamp) for stamp in self.timestamps]

    def to_series(self) -> BarSeries:
        """The bars as the domain's ``BarSeries``."""
        return BarSeries(self.symbol, self.interval, self.times(), *self.values())

    def relabelled(self, symbol: str) -> "BarColumns":
        """The same bars under another symbol (the columns are shared, not copied)."""
        if symbol == self.symbol:
            return self
        return attrs.evolve(self, symbol=symbol)

    def slice(self, first: int, stop: int) -> "BarColumns":
        """Rows ``first`` to ``stop - 1``."""
        if first <= 0 and stop >= len(self):
            return self
        return BarColumns(
            self.symbol,
            self.interval,
            self.timestamps[first:stop],
            self.open[first:stop],
            self.high[first:stop],
            self.low[first:stop],
            self.close[first:stop],
            self.volume[first:stop],
            self.contracts[first:stop],
            previous_close=self.previous_close if first <= 0 else None,
            previous_close_date=self.previous_close_date if first <= 0 else None,
        )

    def trim(self, start: dt.datetime, end: dt.datetime) -> "BarColumns":
        """The bars stamped in ``[start, end)``."""
        first = bisect.bisect_left(self.timestamps, to_epoch_ms(start))
        return self.slice(first, bisect.bisect_left(self.timestamps, to_epoch_ms(end)))


def concat_bars(symbol: str, interval: str, pieces: Sequence[BarColumns]) -> BarColumns:
    """The pieces' bars in time order under ``symbol``; a bar at or before the previous
    piece's last is dropped (chunks are disjoint, but a provider may pad their edges).

    The previous close is the first given piece's that has one (pieces are given in time
    order, and only the first request of a range asks for it, though its piece may hold no
    bar): it is the close before the first bar.

    Each piece is ascending, so a padded edge is the prefix ``bisect`` finds: the columns
    are joined by slices, with no Python code per bar.
    """
    before = next((p for p in pieces if p.previous_close_date is not None), None)
    close, day = (
        (None, None) if before is None else (before.previous_close, before.previous_close_date)
    )
    ordered = sorted((p for p in pieces if len(p)), key=lambda p: p.timestamps[0])
    if len(ordered) == 1:
        only = ordered[0]
        if (only.interval, only.previous_close, only.previous_close_date) == (interval, close, day):
            return only.relabelled(symbol)
        return attrs.evolve(
            only, symbol=symbol, interval=interval, previous_close=close, previous_close_date=day
        )
    joined = attrs.evolve(
        BarColumns.empty(symbol, interval), previous_close=close, previous_close_date=day
    )
    contracts: list[str] = []
    for piece in ordered:
        skip = bisect.bisect_right(piece.timestamps, joined.timestamps[-1]) if joined else 0
        if skip == len(piece):
            continue
        joined.timestamps.extend(piece.timestamps[skip:])
        for column, part in zip(joined.values(), piece.values(), strict=True):
            column.extend(part[skip:])
        contracts.extend(piece.contracts[skip:])
    if len(contracts) == len(joined):
        return attrs.evolve(joined, contracts=contracts)
    return joined
