"""Checks on single numbers shared by the bar, quote and option rules."""

import math

from trade_analyst.domain.validation.findings import Finding, Severity

# Providers use these in numeric fields to mean "no value" (Schwab's spec shows vega -999).
SENTINELS = frozenset({-999.0, -9999.0, -99999.0, -999999.0, -9999999.0})


def number_finding(prefix: str, row: int | None, field: str, value: float) -> Finding | None:
    """A sentinel (warning) or NaN/inf (error) finding for any numeric field, else None."""
    if value in SENTINELS:
        return Finding(
            f"{prefix}.sentinel",
            "warning",
            row,
            f"{field} is {value:g}, a provider sentinel meaning 'no value'",
            field,
        )
    if not math.isfinite(value):
        return Finding(f"{prefix}.non_finite", "error", row, f"{field} is {value}", field)
    return None


def price_finding(
    prefix: str,
    row: int | None,
    field: str,
    value: float,
    *,
    allow_negative: bool,
    zero: Severity | None,
) -> Finding | None:
    """``number_finding``, then the sign rules for a price.

    Negative prices are errors unless ``allow_negative`` (some instruments really trade below
    zero, e.g. CL in April 2020). A zero price has the severity ``zero`` (None: allowed), since
    what zero means differs: impossible for a bar, "no market" for a quote's bid.
    """
    found = number_finding(prefix, row, field, value)
    if found is not None or allow_negative:
        return found
    if value < 0:
        return Finding(
            f"{prefix}.negative_price",
            "error",
            row,
            f"{field} is negative ({value:g}); pass allow_negative for instruments that "
            "can trade below zero",
            field,
        )
    if value == 0 and zero is not None:
        return Finding(f"{prefix}.zero_price", zero, row, f"{field} is 0", field)
    return None


def is_usable(value: float) -> bool:
    """Finite and not a sentinel: a value the cross-field rules can compare."""
    return math.isfinite(value) and value not in SENTINELS


def book_finding(prefix: str, row: int, bid: float | None, ask: float | None) -> Finding | None:
    """A crossed book (bid above ask: error) or a locked one (bid equals ask: warning).

    None when either side is missing or unusable, or both are zero: 0/0 is "no market",
    which the price rules report as zero prices.
    """
    if bid is None or ask is None or not (is_usable(bid) and is_usable(ask)):
        return None
    if bid > ask:
        return Finding(
            f"{prefix}.crossed", "error", row, f"bid {bid:g} is above ask {ask:g}", "bid"
        )
    if bid == ask and bid != 0:
        return Finding(f"{prefix}.locked", "warning", row, f"bid equals ask ({bid:g})", "bid")
    return None
