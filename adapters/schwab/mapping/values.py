"""Reading single JSON values the way Schwab sends them.

Schwab marks "no value" with the sentinel -999 (e.g. an option's vega), sometimes with
``"NaN"``, and time fields with 0; all of them become None so they can never be mistaken
for data. Prices use 0 the same way (an untraded option's last, open, high and low, a
future's mark): ``price`` reads them, while counts (volume, open interest) keep a real 0.
Booleans are never read as numbers.
"""

import datetime as dt
import math
from collections.abc import Mapping

from trade_analyst.ports import ProviderError, from_epoch_ms

# A JSON object as Schwab sends it: its values may be of any JSON type, or missing, so
# they are read through the helpers below, which turn anything unexpected into None.
JsonObject = Mapping[str, object]

SENTINELS = (-999.0,)


def number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        result = float(value)
    except ValueError:
        return None
    if not math.isfinite(result) or result in SENTINELS:
        return None
    return result


def price(value: object) -> float | None:
    """A price: nothing trades at exactly 0, so Schwab's 0 placeholder is no value."""
    result = number(value)
    return None if result == 0 else result


def whole(value: object) -> int | None:
    result = number(value)
    if result is None or not result.is_integer():
        return None
    return int(result)


def ms_time(value: object) -> dt.datetime | None:
    """An epoch-milliseconds time; 0 and negatives mean "never" in Schwab's answers."""
    millis = whole(value)
    if millis is None or millis <= 0:
        return None
    return from_epoch_ms(millis)


def text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def mapping(value: object) -> JsonObject:
    return value if isinstance(value, Mapping) else {}


def expect_object(payload: object, what: str) -> JsonObject:
    if not isinstance(payload, Mapping):
        raise ProviderError(f"Schwab answered {what} with an unexpected shape (not an object)")
    return payload
