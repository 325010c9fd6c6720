"""Floor-trader pivot levels from one session's open, high, low and close.

The bar handed in must be the *prior* session's (the caller picks it); the earlier tool
took the target day's own bar, so its "levels for D" already knew D's range.
"""

from typing import Literal

import attrs

from trade_analyst.domain.errors import DomainError

__all__ = ["PIVOT_KINDS", "PivotKind", "PivotLevels", "PriorBar", "pivot_levels"]

PivotKind = Literal["classic", "fibonacci", "camarilla", "woodie", "demark"]
PIVOT_KINDS: tuple[PivotKind, ...] = ("classic", "fibonacci", "camarilla", "woodie", "demark")

# Fibonacci ratios of the prior range added to (subtracted from) the pivot for R1..R3.
_FIB = (0.382, 0.618, 1.0)
# Camarilla multipliers of the prior range around the close: 1.1/12, 1.1/6, 1.1/4.
_CAMARILLA = (1.1 / 12, 1.1 / 6, 1.1 / 4)


@attrs.frozen
class PriorBar:
    """The session the levels come from (its trade date is the caller's business)."""

    open: float
    high: float
    low: float
    close: float

    def __attrs_post_init__(self) -> None:
        if not self.low <= min(self.open, self.close) <= max(self.open, self.close) <= self.high:
            raise DomainError(
                f"inconsistent bar: open {self.open}, high {self.high}, low {self.low}, "
                f"close {self.close} (need low <= open, close <= high)"
            )


@attrs.frozen
class PivotLevels:
    """A pivot and its resistances/supports; None where the kind defines no such level."""

    kind: PivotKind
    pivot: float
    r1: float
    s1: float
    r2: float | None = None
    s2: float | None = None
    r3: float | None = None
    s3: float | None = None

    def as_dict(self) -> dict[str, float | None]:
        return {
            "pivot": self.pivot,
            "r1": self.r1,
            "r2": self.r2,
            "r3": self.r3,
            "s1": self.s1,
            "s2": self.s2,
            "s3": self.s3,
        }


def pivot_levels(bar: PriorBar, kind: PivotKind = "classic") -> PivotLevels:
    """Levels of ``kind`` from the prior session's ``bar``.

    classic:   P = (H+L+C)/3, R1 = 2P-L, S1 = 2P-H, R2/S2 = P ± (H-L), R3 = H + 2(P-L),
               S3 = L - 2(H-P).
    woodie:    the classic ladder around P = (H+L+2C)/4 (the close counts twice).
    fibonacci: P = (H+L+C)/3, R/S n = P ± (0.382, 0.618, 1.0)·(H-L).
    camarilla: R/S n = C ± (H-L)·1.1/(12, 6, 4); P reported as (H+L+C)/3.
    demark:    X = H+2L+C if C<O, 2H+L+C if C>O, else H+L+2C; P = X/4, R1 = X/2-L,
               S1 = X/2-H; DeMark defines no second or third level.
    """
    high, low, close = bar.high, bar.low, bar.close
    span = high - low
    if kind in ("classic", "woodie"):
        pivot = (high + low + close) / 3 if kind == "classic" else (high + low + 2 * close) / 4
        return PivotLevels(
            kind,
            pivot,
            r1=2 * pivot - low,
            s1=2 * pivot - high,
            r2=pivot + span,
            s2=pivot - span,
            r3=high + 2 * (pivot - low),
            s3=low - 2 * (high - pivot),
        )
    if kind == "fibonacci":
        pivot = (high + low + close) / 3
        up = [pivot + ratio * span for ratio in _FIB]
        down = [pivot - ratio * span for ratio in _FIB]
        return PivotLevels(kind, pivot, up[0], down[0], up[1], down[1], up[2], down[2])
    if kind == "camarilla":
        up = [close + factor * span for factor in _CAMARILLA]
        down = [close - factor * span for factor in _CAMARILLA]
        pivot = (high + low + close) / 3
        return PivotLevels(kind, pivot, up[0], down[0], up[1], down[1], up[2], down[2])
    if kind == "demark":
        if close < bar.open:
            x = high + 2 * low + close
        elif close > bar.open:
            x = 2 * high + low + close
        else:
            x = high + low + 2 * close
        return PivotLevels(kind, x / 4, r1=x / 2 - low, s1=x / 2 - high)
    raise DomainError(f"unknown pivot kind {kind!r}; valid: {', '.join(PIVOT_KINDS)}")
