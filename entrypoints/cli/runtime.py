"""What the data commands share: opening the provider, reporting findings, writing datasets."""

import contextlib
import sys
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trade_analyst.domain.validation import Finding
from trade_analyst.entrypoints.cli.context import CliContext
from trade_analyst.entrypoints.jobs.findings import counts_text
from trade_analyst.entrypoints.jobs.findings import enforce_strict as enforce_strict
from trade_analyst.entrypoints.jobs.windows import market_today as market_today
from trade_analyst.ports import (
    Clock,
    InvalidInput,
    MarketData,
    WriteReport,
)

if TYPE_CHECKING:
    from trade_analyst.entrypoints.cli.parameters import BarSelection
    from trade_analyst.entrypoints.jobs.requests import HistoryRequest

# How many individual findings to print before summarising (all of them with -v).
FINDINGS_SHOWN = 5


@contextlib.asynccontextmanager
async def open_market_data(
    context: CliContext, clock: Clock, *, retry_failures: bool = True
) -> AsyncIterator[MarketData]:
    """The provider for this run, closed afterwards (one HTTP client per run for Schwab).

    ``retry_failures=False``: a failed request fails at once, without backing off.
    """
    from trade_analyst.entrypoints.bootstrap import build_market_data

    market = build_market_data(
        context.settings, clock, context.provider, retry_failures=retry_failures
    )
    if context.provider == "mock":
        context.note("note: provider mock: synthetic data, not market prices")
    # Only providers holding a connection (Schwab) have aclose; the port does not ask for it.
    closer: Callable[[], Awaitable[None]] | None = getattr(market, "aclose", None)
    try:
        yield market
    finally:
        if closer is not None:
            await closer()


def report_findings(context: CliContext, label: str, findings: Sequence[Finding]) -> None:
    """Summarise validation findings on stderr; details with -v."""
    if not findings:
        return
    context.note(f"validation: {label}: {counts_text(findings)}")
    shown = findings if context.verbosity > 0 else findings[:FINDINGS_SHOWN]
    for finding in shown:
        where = f" row {finding.row}" if finding.row is not None else ""
        context.note(f"  {finding.severity} {finding.rule_id}{where}: {finding.message}")
    if len(shown) < len(findings):
        context.note(f"  ... {len(findings) - len(shown)} more (use -v to see all)")


def dataset_format(context: CliContext) -> str:
    """File format of datasets written with --out: parquet unless csv or jsonl was asked."""
    return context.output_format if context.output_format in ("csv", "jsonl") else "parquet"


def summary_format(context: CliContext) -> str:
    """How to print the write summary: the output format; JSON for parquet, files only."""
    return "json" if context.output_format == "parquet" else context.output_format


def emit_summary(record: dict[str, object], context: CliContext) -> None:
    """One summary record (what a command wrote): a field/value table on a terminal, so
    it fits however many fields it has; one object in JSON; a header and a row in CSV."""
    from trade_analyst.entrypoints.cli.output import emit

    fmt = summary_format(context)
    if fmt == "table":
        emit([{"field": name, "value": value} for name, value in record.items()], "table")
    else:
        emit([record], fmt, single=True)


def ensure_writable(out: Path) -> None:
    """Fail before fetching anything when ``out`` cannot take files (exit 2, path named)."""
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".ta-write-probe"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise InvalidInput(
            f"cannot write to output folder {out}: {exc.strerror or exc}",
            "give --out a path you can write to (missing folders are created)",
        ) from None


def write_record(symbol: str, report: WriteReport) -> dict[str, str | int]:
    """One line of the summary printed after writing datasets."""
    return {
        "dataset": report.dataset,
        "symbol": symbol,
        "rows": report.rows_received,
        "rows_added": report.rows_added,
        "files_written": len(report.files_written),
        "files_removed": len(report.files_removed),
    }


def report_repairs(context: CliContext, report: WriteReport) -> None:
    """Say on stderr which damaged files a write rebuilt (the summary counts them as removed,
    their replacements as written)."""
    for path in report.files_repaired:
        context.note(f"repaired: {path} was damaged; rewritten from this run's data")


def history_request(context: CliContext, clock: Clock, bars: "BarSelection") -> "HistoryRequest":
    """A checked history request (exit 2 on bad input); the roll policy defaults to config."""
    from trade_analyst.entrypoints.jobs.requests import check_history_request, parse_symbols

    today = market_today(clock)
    return check_history_request(
        parse_symbols(bars.symbols, today),
        bars.start,
        bars.end,
        bars.interval,
        today=today,
        session=bars.session,
        roll=bars.roll or context.settings.roll_policy,
        adjust=bars.adjust,
    )


def stderr_is_terminal() -> bool:
    return sys.stderr.isatty()
