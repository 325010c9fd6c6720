"""A constant-maturity ATM volatility (30 days by default) from the per-expiration ATM IVs.

Listed expirations roll towards expiry every day, so the ATM IV of "the front month" jumps
when it rolls; a daily history of it would rank noise. Interpolating total variance
(iv^2 * T, which grows with T when there is no calendar arbitrage) linearly in T between the
expirations on either side of the target gives one comparable number per day. Expirations
under ``MIN_DAYS`` out are skipped: their ATM IV is dominated by the last day's events.
"""

import math
from collections.abc import Iterable

import attrs

from trade_analyst.domain.options.chain_stats import ExpirationStats

TARGET_DAYS = 30.0
MIN_DAYS = 2.0

__all__ = ["MIN_DAYS", "TARGET_DAYS", "ConstantMaturityIv", "constant_maturity_iv"]


@attrs.frozen
class ConstantMaturityIv:
    """``value`` at ``target_days``; ``method`` says how it was obtained."""

    value: float | None
    target_days: float
    method: str  # "interpolated", "nearest", or "none"
    note: str | None = None


def constant_maturity_iv(
    expirations: Iterable[ExpirationStats], target_days: float = TARGET_DAYS
) -> ConstantMaturityIv:
    """ATM IV at ``target_days``, or the nearest expiration's when none lies on one side."""
    points = sorted(
        (s.days, s.atm_iv) for s in expirations if s.atm_iv is not None and s.days >= MIN_DAYS
    )
    if not points:
        return ConstantMaturityIv(
            None, target_days, "none", f"no expiration {MIN_DAYS:g}+ days out has an ATM IV"
        )
    before = [(d, v) for d, v in points if d <= target_days]
    after = [(d, v) for d, v in points if d >= target_days]
    if before and after:
        (d0, v0), (d1, v1) = before[-1], after[0]
        if d0 == d1:
            return ConstantMaturityIv(v0, target_days, "interpolated")
        w0, w1 = v0 * v0 * d0, v1 * v1 * d1
        variance = w0 + (w1 - w0) * (target_days - d0) / (d1 - d0)
        if variance > 0:
            return ConstantMaturityIv(
                math.sqrt(variance / target_days), target_days, "interpolated"
            )
    days, value = min(points, key=lambda p: (abs(p[0] - target_days), p[0]))
    return ConstantMaturityIv(
        value,
        target_days,
        "nearest",
        f"no expirations on both sides of {target_days:g} days: used the one {days:.1f} days out",
    )
