"""What validation reports: structured findings, and small helpers over lists of them."""

from collections.abc import Iterable
from typing import Literal

import attrs

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@attrs.frozen
class Finding:
    """One problem found in a dataset.

    ``rule_id`` is stable and dotted (``bars.ohlc_consistency``) so callers can filter or
    count by rule; ``row`` is the 0-based position in the input (None for whole-dataset
    findings); ``field`` names the offending column when there is one.
    """

    rule_id: str
    severity: Severity
    row: int | None
    message: str
    field: str | None = None


def has_errors(findings: Iterable[Finding]) -> bool:
    """Whether any finding is an error (warnings and info do not fail a dataset)."""
    return any(finding.severity == "error" for finding in findings)


def summarize(findings: Iterable[Finding]) -> dict[str, int]:
    """Counts by severity; every severity is present, zero when none was found."""
    counts: dict[str, int] = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
