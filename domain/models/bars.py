"""Price bars: one ``Bar``, and ``BarSeries`` holding many as columns."""

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models._fields import (
    instance_of_str,
    to_float,
    to_float_column,
    to_utc,
    to_utc_column,
)


@attrs.frozen
class Bar:
    """One OHLCV bar; ``timestamp`` is the aware UTC start of the interval."""

    timestamp: dt.datetime = attrs.field(converter=to_utc)
    open: float = attrs.field(converter=to_float)
    high: float = attrs.field(converter=to_float)
    low: float = attrs.field(converter=to_float)
    close: float = attrs.field(converter=to_float)
    volume: float = attrs.field(converter=to_float)


def _same_length(instance: "BarSeries", _attribute: Any, _value: Any) -> None:
    lengths = {
        "timestamps": len(instance.timestamps),
        "open": len(instance.open),
        "high": len(instance.high),
        "low": len(instance.low),
        "close": len(instance.close),
        "volume": len(instance.volume),
    }
    if len(set(lengths.values())) > 1:
        raise DomainError(f"BarSeries columns must have equal lengths, got {lengths}")


@attrs.frozen
class BarSeries:
    """Bars of one symbol and interval stored column-wise.

    Columns keep 100k-row series cheap to hold, validate and export (one tuple per field,
    not one object per bar). ``interval`` is free text such as ``1min`` or ``1d``. Volume is a
    float so fractional volumes (FX, crypto) fit the same column type.
    """

    symbol: str = attrs.field(validator=instance_of_str)
    interval: str = attrs.field(validator=instance_of_str)
    timestamps: tuple[dt.datetime, ...] = attrs.field(converter=to_utc_column)
    open: tuple[float, ...] = attrs.field(converter=to_float_column)
    high: tuple[float, ...] = attrs.field(converter=to_float_column)
    low: tuple[float, ...] = attrs.field(converter=to_float_column)
    close: tuple[float, ...] = attrs.field(converter=to_float_column)
    volume: tuple[float, ...] = attrs.field(converter=to_float_column, validator=_same_length)

    @classmethod
    def from_bars(cls, symbol: str, interval: str, bars: Iterable[Bar]) -> "BarSeries":
        rows = tuple(bars)
        return cls(
            symbol,
            interval,
            tuple(bar.timestamp for bar in rows),
            tuple(bar.open for bar in rows),
            tuple(bar.high for bar in rows),
            tuple(bar.low for bar in rows),
            tuple(bar.close for bar in rows),
            tuple(bar.volume for bar in rows),
        )

    def __len__(self) -> int:
        return len(self.timestamps)

    def __getitem__(self, row: int) -> Bar:
        return Bar(
            self.timestamps[row],
            self.open[row],
            self.high[row],
            self.low[row],
            self.close[row],
            self.volume[row],
        )

    def bars(self) -> Iterator[Bar]:
        columns = zip(
            self.timestamps, self.open, self.high, self.low, self.close, self.volume, strict=True
        )
        for timestamp, open_, high, low, close, volume in columns:
            yield Bar(timestamp, open_, high, low, close, volume)
