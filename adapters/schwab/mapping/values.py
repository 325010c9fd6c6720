"""Reading single JSON values the way Schwab sends them.

Schwab marks "no value" with the sentinel -999 (e.g. an option's vega), sometimes with
``"NaN"``, and time fields with 0; all of them become None so they can never be mistaken
for data. Booleans are never read as numbers.
"""

import datetime as dt
import math
from collections.abc import Mapping
from typing import Any

from trade_analyst.ports._times import from_epoch_ms
from trade_analyst.ports.errors import ProviderError

SENTINELS = (-999.0,)


def number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        result = float(value)
    except ValueError:
        return None
    if not math.isfinite(result) or result in SENTINELS:
        return None
    return result


def whole(value: Any) -> int | None:
    result = number(value)
    if result is None or not result.is_integer():
        return None
    return int(result)


def ms_time(value: Any) -> dt.datetime | None:
    """An epoch-milliseconds time; 0 and negatives mean "never" in Schwab's answers."""
    millis = whole(value)
    if millis is None or millis <= 0:
        return None
    return from_epoch_ms(millis)


def text(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def expect_object(payload: Any, what: str) -> Mapping[str, Any]:
    if not isinstance(payload, Mapping):
        raise ProviderError(f"Schwab answered {what} with an unexpected shape (not an object)")
    return payload
