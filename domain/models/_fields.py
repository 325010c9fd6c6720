"""Converters shared by the market-data models: numbers, aware UTC times, columns.

They check types only. Market sanity (a negative price, a crossed quote, NaN) is data the
validation package reports on, so nothing here rejects a value for being implausible.
"""

import datetime as dt
import operator
from collections.abc import Iterable
from typing import Any, TypeVar

from trade_analyst.domain.errors import DomainError

T = TypeVar("T")


def to_utc(value: Any) -> dt.datetime:
    """An aware datetime converted to UTC; naive datetimes are refused (their zone is a guess)."""
    if not isinstance(value, dt.datetime):
        raise DomainError(f"expected an aware datetime, got {type(value).__name__}")
    if value.tzinfo is dt.UTC:
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise DomainError(f"datetime {value.isoformat()} is naive; give it a time zone")
    return value.astimezone(dt.UTC)


def to_optional_utc(value: Any) -> dt.datetime | None:
    return None if value is None else to_utc(value)


def to_float(value: Any) -> float:
    """An int or float as float; bools and text are refused so bad parsing shows up early."""
    if type(value) is float:
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    raise DomainError(f"expected a number, got {type(value).__name__} {value!r}")


def to_optional_float(value: Any) -> float | None:
    return None if value is None else to_float(value)


def to_optional_int(value: Any) -> int | None:
    """An int, or a float with no fractional part (JSON often sends 12.0 for 12)."""
    if value is None or type(value) is int:
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return int(value)
    raise DomainError(f"expected a whole number, got {type(value).__name__} {value!r}")


def to_optional_bool(value: Any) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise DomainError(f"expected a bool, got {type(value).__name__} {value!r}")


def to_float_column(values: Iterable[Any]) -> tuple[float, ...]:
    column = tuple(values)
    if set(map(type, column)) <= {float}:
        return column  # already what to_float gives, checked without a call per value
    return tuple(map(to_float, column))


def to_utc_column(values: Iterable[Any]) -> tuple[dt.datetime, ...]:
    column = tuple(values)
    if set(map(type, column)) <= {dt.datetime} and set(
        map(operator.attrgetter("tzinfo"), column)
    ) <= {dt.UTC}:
        return column  # already what to_utc gives, checked without a call per value
    return tuple(map(to_utc, column))


def instance_of_str(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, str):
        raise DomainError(f"{attribute.name} must be str, got {type(value).__name__}")


def to_tuple_of(kind: type[T], values: Iterable[Any], holder: str) -> tuple[T, ...]:
    """``values`` as a tuple; DomainError names ``holder`` if any item is not a ``kind``."""
    items = tuple(values)
    for item in items:
        if not isinstance(item, kind):
            raise DomainError(f"{holder} holds {kind.__name__}, got {type(item).__name__}")
    return items
