"""Put/call ratios that state when they cannot be computed instead of hiding it."""

import attrs

__all__ = ["PutCallRatio", "put_call_ratio"]


@attrs.frozen
class PutCallRatio:
    """``puts / calls``; None when there are no calls, and ``note`` then says so."""

    puts: int
    calls: int
    value: float | None
    note: str | None = None


def put_call_ratio(puts: int, calls: int, what: str) -> PutCallRatio:
    """The ratio of put to call ``what`` (volume, open interest)."""
    if calls > 0:
        return PutCallRatio(puts, calls, puts / calls)
    if puts > 0:
        # Infinite in the limit; a number would be misleading and None alone would hide it.
        note = f"no call {what} (put {what} {puts}): ratio undefined, puts only"
    else:
        note = f"no put or call {what}: ratio undefined"
    return PutCallRatio(puts, calls, None, note)
