"""``ta history``: bars for many symbols, continuous futures, datasets with --out."""

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.output import Record, emit
from trade_analyst.entrypoints.cli.parameters import BarSelection
from trade_analyst.entrypoints.cli.table_view import View
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone

if TYPE_CHECKING:
    from trade_analyst.entrypoints.jobs.history import SymbolHistory
    from trade_analyst.entrypoints.jobs.requests import HistoryRequest
    from trade_analyst.ports import DatasetSink, MarketData


def history(
    bars: BarSelection,
    *,
    out: Path | None = None,
    strict: bool = False,
    change: bool = False,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Price bars; a futures root (/ES) gives a continuous series across contracts.

    Parameters
    ----------
    out
        Write datasets under this folder (Parquet, or CSV/JSON lines with --format)
        instead of printing bars.
    strict
        Exit 6 (and write nothing for that symbol) when validation finds errors.
    change
        Add each bar's previous_close (the close before it) and net_change (close minus
        previous_close); printed only, not with --out.
    """
    import attrs

    from trade_analyst.entrypoints.bootstrap import build_clock, build_sink
    from trade_analyst.entrypoints.cli.runtime import (
        dataset_format,
        ensure_writable,
        history_request,
        open_market_data,
        summary_format,
    )
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped
    from trade_analyst.entrypoints.version import app_version
    from trade_analyst.ports import InvalidInput

    if change and out is not None:
        # Datasets keep what the provider sent; a change is derived when shown.
        raise InvalidInput("--change is for printed bars, not datasets", "drop --change or --out")
    clock = build_clock()
    request = attrs.evolve(history_request(context, clock, bars), previous_close=change)
    if out is not None:
        ensure_writable(out)
    sink = build_sink(out, dataset_format(context), clock) if out is not None else None
    collector = _Collector(context, request, sink, app_version(), strict)

    async def run() -> None:
        from trade_analyst.entrypoints.jobs.requests import check_symbols_exist

        async with open_market_data(context, clock) as market:
            await check_symbols_exist(market, request.symbols)
            await _fetch(context, market, request, collector)

    try:
        run_until_stopped(run)
    except KeyboardInterrupt:  # Ctrl-C or SIGTERM: fetching stopped, every task is done
        return _report_stop(collector, len(request.symbols), wrote=sink is not None)
    collector.finish()
    if not collector.bars:
        from trade_analyst.entrypoints.jobs.requests import no_bars

        raise no_bars(request)
    if sink is None:
        view = View(bar_table(bars.interval), columns=columns, tz=tz)
        emit(collector.rows, context.output_format, view=view)
    else:
        emit(collector.summary, summary_format(context))
    return 0


def _report_stop(collector: "_Collector", requested: int, *, wrote: bool) -> int:
    """Say which symbols completed before the stop (even with --quiet: the run failed)."""
    import sys

    from trade_analyst.entrypoints.cli.stop_signals import stop_reason

    stop = stop_reason()
    done = collector.completed
    sys.stderr.write(
        f"error: {stop.word}: {len(done)} of {requested} symbols completed "
        f"({', '.join(done) or 'none'})\n"
    )
    if wrote:
        hint = "files written so far are complete; re-running finishes the rest without duplicates"
    else:
        hint = "nothing was printed; run the command again for the bars"
    sys.stderr.write(f"hint: {hint}\n")
    return stop.exit_code


class _Collector:
    """Receives each completed symbol: validates, then prints or writes it."""

    def __init__(
        self,
        context: CliContext,
        request: "HistoryRequest",
        sink: "DatasetSink | None",
        version: str,
        strict: bool,
    ):
        self.context, self.request, self.sink = context, request, sink
        self.version, self.strict = version, strict
        self.rows: list[dict[str, object]] = []
        self.summary: list[Record] = []
        self.completed: list[str] = []
        self.failed: list[SymbolHistory] = []
        self.bars = 0  # bars received for every symbol, kept or not

    async def __call__(self, result: "SymbolHistory") -> None:
        from trade_analyst.domain.validation import has_errors
        from trade_analyst.entrypoints.cli.runtime import report_findings

        report_findings(self.context, f"{result.symbol} bars", result.findings)
        self.bars += result.bar_count
        if self.strict and has_errors(result.findings):
            self.failed.append(result)
            return
        if self.sink is None:
            synthetic = self.context.provider == "mock"
            change = self.request.previous_close
            self.rows.extend(bar_records(result, synthetic=synthetic, change=change))
        else:
            self._write(self.sink, result)
        self.completed.append(result.symbol)

    def _write(self, sink: "DatasetSink", result: "SymbolHistory") -> None:
        from trade_analyst.entrypoints.cli.runtime import report_repairs, write_record
        from trade_analyst.ports import Provenance, bars_dataset

        provenance = Provenance.of(
            provider=self.context.provider,
            synthetic=self.context.provider == "mock",
            app_version=self.version,
            request=self.request.as_record(),
        )
        # One write per symbol: a continuous series' contracts share its partitions.
        report = sink.write_bars(bars_dataset(self.request.interval), result.parts(), provenance)
        report_repairs(self.context, report)
        self.summary.append(write_record(result.symbol, report))

    def finish(self) -> None:
        from trade_analyst.entrypoints.cli.runtime import enforce_strict

        for result in self.failed:
            enforce_strict(True, f"{result.symbol} bars", result.findings)


def bar_records(
    result: "SymbolHistory", *, synthetic: bool, change: bool = False
) -> list[dict[str, object]]:
    """One output record per bar of ``result``, in order, naming each bar's contract and
    trade date (None for intraday bars), and whether it is made up (``synthetic``); with
    ``change``, also the close before the bar and the change from it."""
    from trade_analyst.ports import bar_trade_dates

    rows: list[dict[str, object]] = []
    for contract, bars in result.parts():
        columns = zip(
            bars.times(),
            bar_trade_dates(bars),
            *bars.values(),
            strict=True,
        )
        for timestamp, trade_date, open_, high, low, close, volume in columns:
            rows.append(
                {
                    "symbol": result.symbol,
                    "contract": contract,
                    "timestamp": timestamp,
                    "trade_date": trade_date,
                    "open": open_,
                    "high": high,
                    "low": low,
                    "close": close,
                    "volume": volume,
                    "synthetic": synthetic,
                }
            )
    if change:
        closes = (close for _, bars in result.parts() for close in bars.close)
        for row, close, before in zip(rows, closes, result.previous_closes(), strict=True):
            row["previous_close"] = before
            row["net_change"] = None if before is None else close - before
    return rows


async def _fetch(
    context: CliContext, market: "MarketData", request: "HistoryRequest", collector: _Collector
) -> None:
    from trade_analyst.entrypoints.bootstrap import build_bar_validator
    from trade_analyst.entrypoints.cli.runtime import stderr_is_terminal
    from trade_analyst.entrypoints.jobs.history import fetch_history

    validate = build_bar_validator()
    if not stderr_is_terminal() or context.verbosity < 0:
        await fetch_history(market, request, on_symbol=collector, validate=validate)
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("fetching bars", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        await fetch_history(
            market, request, on_symbol=collector, progress=progress, validate=validate
        )


def bar_table(interval: str, indicators: Sequence[str] = ()) -> tuple[str, ...]:
    """Table columns of bars, most useful first: daily and longer bars are known by their
    trade date, intraday bars by their time; indicators come right after the close."""
    daily = interval in ("1d", "1w", "1mo")
    when, other = ("trade_date", "timestamp") if daily else ("timestamp", "trade_date")
    prices = ("close", *indicators, "open", "high", "low") if indicators else (
        "open", "high", "low", "close", "net_change")  # fmt: skip
    return ("symbol", when, *prices, "volume", "previous_close", "contract", other, "synthetic")
