"""IV rank and IV percentile of today's implied volatility against its own history.

- rank = 100 * (today - lowest) / (highest - lowest) over the window (today included);
- percentile = 100 * share of the window's *earlier* observations strictly below today.

The window is the last ``window`` daily observations (252: a trading year), today last.
Observations that cannot be volatilities (not finite, <= 0, or above 1000%: provider
sentinels) are dropped and counted, never averaged in. Below ``min_observations`` both
figures are None and ``reason`` says how many exist and how many are needed, because a
rank over a handful of days would look precise and mean nothing.
"""

import datetime as dt
import math
from collections.abc import Iterable, Sequence

import attrs

from trade_analyst.domain.errors import DomainError

DEFAULT_WINDOW = 252
DEFAULT_MIN_OBSERVATIONS = 20
MAX_SANE_IV = 10.0

__all__ = [
    "DEFAULT_MIN_OBSERVATIONS",
    "DEFAULT_WINDOW",
    "IvObservation",
    "IvRank",
    "daily_series",
    "iv_rank",
]


@attrs.frozen
class IvObservation:
    """One day's at-the-money implied volatility (a fraction)."""

    date: dt.date
    iv: float


@attrs.frozen(kw_only=True)
class IvRank:
    """Where the newest observation stands in its window, and how much history backs it."""

    observations: int  # usable observations in the whole history
    used: int  # of which inside the window (today included)
    window: int
    dropped: int  # values that could not be volatilities
    current: float | None = None
    low: float | None = None
    high: float | None = None
    rank: float | None = None
    percentile: float | None = None
    reason: str | None = None


def daily_series(observations: Iterable[IvObservation]) -> list[float]:
    """One value per date, oldest first; a later observation of a date replaces an earlier."""
    by_date: dict[dt.date, float] = {}
    for observation in observations:
        by_date[observation.date] = observation.iv
    return [by_date[day] for day in sorted(by_date)]


def _sane(value: float) -> bool:
    return math.isfinite(value) and 0.0 < value <= MAX_SANE_IV


def iv_rank(
    history: Sequence[float],
    *,
    window: int = DEFAULT_WINDOW,
    min_observations: int = DEFAULT_MIN_OBSERVATIONS,
) -> IvRank:
    """Rank and percentile of ``history[-1]`` within the last ``window`` values."""
    if window < 2 or min_observations < 2:
        raise DomainError(
            f"window and min_observations must be >= 2, got {window} and {min_observations}"
        )
    usable = [value for value in history if _sane(value)]
    recent = usable[-window:]
    needed = min(min_observations, window)
    summary = IvRank(
        observations=len(usable),
        used=len(recent),
        window=window,
        dropped=len(history) - len(usable),
        current=recent[-1] if recent else None,
    )
    if len(recent) < needed:
        return attrs.evolve(
            summary,
            reason=f"{len(usable)} observation(s) of IV history; IV rank and percentile "
            f"need at least {needed}",
        )
    current, low, high = recent[-1], min(recent), max(recent)
    earlier = recent[:-1]
    percentile = 100.0 * sum(1 for value in earlier if value < current) / len(earlier)
    summary = attrs.evolve(summary, low=low, high=high, percentile=percentile)
    if high == low:
        return attrs.evolve(
            summary, reason="every observation in the window is equal: no range to rank within"
        )
    # Clamped: (x - low) / (high - low) can round a hair past 1 when x is the high.
    rank = min(max(100.0 * (current - low) / (high - low), 0.0), 100.0)
    return attrs.evolve(summary, rank=rank)
