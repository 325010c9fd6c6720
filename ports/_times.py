"""Time helpers shared by the port value types."""

import datetime as dt

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MILLISECOND = dt.timedelta(milliseconds=1)


def to_utc(value: dt.datetime) -> dt.datetime:
    """An aware datetime in UTC; a naive one would be read in the host's zone, so it is refused."""
    if not isinstance(value, dt.datetime):
        raise TypeError(f"expected an aware datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"expected an aware datetime, got naive {value.isoformat()}")
    return value.astimezone(dt.UTC)


def to_epoch_ms(value: dt.datetime) -> int:
    """Milliseconds since the Unix epoch, rounded down (datasets store millisecond times)."""
    return (to_utc(value) - EPOCH) // _MILLISECOND


def from_epoch_ms(value: int) -> dt.datetime:
    return EPOCH + value * _MILLISECOND
