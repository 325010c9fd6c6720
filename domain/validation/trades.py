"""Rules for time and sales: prices, sizes, time order."""

from collections.abc import Sequence

from trade_analyst.domain.models import Trade
from trade_analyst.domain.validation.findings import Finding
from trade_analyst.domain.validation.values import number_finding, price_finding

# Larger prints exist but are rare enough that one deserves a look (the earlier tool's limit).
LARGE_TRADE_SIZE = 10_000_000.0


def validate_trades(
    trades: Sequence[Trade],
    *,
    allow_negative: bool = False,
    large_size: float = LARGE_TRADE_SIZE,
) -> list[Finding]:
    """All findings for ``trades`` (rows are list positions); never raises on bad data.

    Equal timestamps are fine (several prints in one millisecond); going back in time is not.
    """
    if not trades:
        return [Finding("trades.empty", "warning", None, "no trades")]
    findings: list[Finding] = []
    previous = None
    for row, trade in enumerate(trades):
        found = price_finding(
            "trades", row, "price", trade.price, allow_negative=allow_negative, zero="error"
        )
        if found is not None:
            findings.append(found)
        found = number_finding("trades", row, "size", trade.size)
        if found is None and trade.size <= 0:
            found = Finding(
                "trades.size_not_positive", "error", row, f"size is {trade.size:g}", "size"
            )
        elif found is None and trade.size > large_size:
            found = Finding(
                "trades.large_size",
                "info",
                row,
                f"size {trade.size:g} is above {large_size:g}",
                "size",
            )
        if found is not None:
            findings.append(found)
        if previous is not None and trade.timestamp < previous:
            findings.append(
                Finding(
                    "trades.not_monotonic",
                    "error",
                    row,
                    f"timestamp {trade.timestamp.isoformat()} is before the previous trade's "
                    f"{previous.isoformat()}",
                    "timestamp",
                )
            )
        previous = trade.timestamp
    return findings
