"""What a run does with validation findings: count them, and end it on errors when asked."""

from collections.abc import Sequence

from trade_analyst.domain.validation import Finding, has_errors, summarize
from trade_analyst.ports import DataValidationFailed


def counts_text(findings: Sequence[Finding]) -> str:
    """``1 error, 2 warnings``: how many findings of each severity (none left out)."""
    counts = summarize(findings)
    return ", ".join(
        f"{counts[severity]} {severity}{'s' if counts[severity] != 1 else ''}"
        for severity in counts
        if counts[severity]
    )


def enforce_strict(strict: bool, label: str, findings: Sequence[Finding]) -> None:
    """With ``strict`` (``--strict``), error-level findings end the run with exit 6."""
    if strict and has_errors(findings):
        errors = summarize(findings)["error"]
        raise DataValidationFailed(
            f"{label} failed validation with {errors} error finding(s)",
            "see the findings above; run without --strict to keep the data anyway",
            errors=errors,
        )
