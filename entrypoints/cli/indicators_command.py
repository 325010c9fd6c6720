"""``ta indicators``: the bars ``ta history`` prints, with indicator columns added."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from trade_analyst.domain.analytics import Convention
from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.cli.parameters import BarSelection
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone

if TYPE_CHECKING:
    from collections.abc import Sequence

    from trade_analyst.domain.analytics import IndicatorSpec
    from trade_analyst.entrypoints.jobs.history import SymbolHistory
    from trade_analyst.entrypoints.jobs.requests import HistoryRequest
    from trade_analyst.ports import Clock, ProviderCapabilities

# One output row: a bar's fields and its indicator values.
Row = dict[str, object]


def indicators(
    bars: BarSelection,
    *,
    add: str,
    out: Path | None = None,
    warmup: bool = True,
    columns: Columns = None,
    tz: TimeZone = None,
    convention: Convention = "talib",
    context: Context,
) -> int:
    """Price bars with indicator columns, one symbol's series at a time.

    Bars from before START are fetched (and not printed) so every indicator has a value
    from START on, as far as the provider's history reaches; smoothed indicators (EMA,
    RSI, ATR, MACD) still depend on where their series begins. A futures root's
    continuous series is one series across its contracts (use --adjust to remove the roll
    gaps).

    Parameters
    ----------
    add
        Indicators, comma-separated: sma:N, ema:N, rsi:N, atr:N, bb:N[:K], macd:F:S:G,
        vol:N[:P] (e.g. sma:20,rsi:14,bb:20:2,macd:12:26:9,vol:20:252).
    out
        Write a dataset indicators_<interval> under this folder (Parquet, or CSV/JSON
        lines with --format) instead of printing rows.
    warmup
        Fetch bars before START so indicators are defined from START (--no-warmup: the
        first rows stay empty until each indicator has enough bars).
    convention
        How ATR and MACD start: talib (TA-Lib's: ATR from the first bar with a previous
        close, MACD's two EMAs started on the same row) or textbook (Wilder's ATR from the
        first bar's high-low, Appel's MACD with independent EMAs). Later rows converge.
    """
    from trade_analyst.entrypoints.bootstrap import build_bar_validator, build_clock
    from trade_analyst.entrypoints.cli.runtime import (
        ensure_writable,
        history_request,
        open_market_data,
        summary_format,
    )
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped
    from trade_analyst.entrypoints.jobs.history import fetch_history

    specs = _parse(add)
    clock = build_clock()
    request = history_request(context, clock, bars)
    if out is not None:
        ensure_writable(out)
    results: list[SymbolHistory] = []

    async def collect(result: "SymbolHistory") -> None:
        from trade_analyst.entrypoints.cli.runtime import report_findings

        report_findings(context, f"{result.symbol} bars", result.findings)
        results.append(result)

    async def run() -> None:
        async with open_market_data(context, clock) as market:
            fetched = request
            if warmup:
                import attrs

                earlier = warmup_start(request, specs, market.capabilities)
                fetched = attrs.evolve(request, start=earlier)
            await fetch_history(market, fetched, on_symbol=collect, validate=build_bar_validator())

    run_until_stopped(run)
    order = {str(symbol): index for index, symbol in enumerate(request.symbols)}
    results.sort(key=lambda result: order.get(result.symbol, len(order)))
    added = [name for spec in specs for name in spec.columns]
    rows = [
        row
        for result in results
        for row in with_indicators(
            result, specs, synthetic=context.provider == "mock", convention=convention
        )
        if _instant(row) >= _first_instant(request, result.symbol)
    ]
    if out is None:
        from trade_analyst.entrypoints.cli.history_command import bar_table
        from trade_analyst.entrypoints.cli.table_view import View

        view = View(bar_table(bars.interval, added), columns=columns, tz=tz)
        emit(rows, context.output_format, view=view)
        return 0
    summary = _write(
        out, context, request, {"indicators": add, "convention": convention}, added, rows, clock
    )
    emit(summary, summary_format(context))
    return 0


# Fewest bars a regular NYSE session has per intraday interval (390 minutes; early closes
# are covered by the margin in days).
_BARS_PER_SESSION = {"1m": 390, "5m": 78, "10m": 39, "15m": 26, "30m": 13, "1h": 7}


def warmup_start(
    request: "HistoryRequest",
    specs: "Sequence[IndicatorSpec]",
    capabilities: "ProviderCapabilities",
) -> dt.date:
    """A date early enough that ``specs`` are defined on ``request.start``: calendar days
    covering the bars they need (5 sessions a week, a margin for holidays), never beyond
    how far back the provider's bars reach at the interval (``capabilities``)."""
    import math

    from trade_analyst.domain.analytics import warmup_bars

    first: dt.date = request.start
    lead = warmup_bars(specs)
    if lead == 0:
        return first
    interval = request.interval
    if interval == "1d":
        days = math.ceil(lead * 7 / 5) + 10
    elif interval == "1w":
        days = 7 * (lead + 1)
    elif interval == "1mo":
        days = 31 * (lead + 1)
    else:
        days = math.ceil(lead / _BARS_PER_SESSION[interval] * 7 / 5) + 5
    start = first - dt.timedelta(days=days)
    lookback = capabilities.lookback(interval)
    if lookback is not None:
        start = max(start, request.today - dt.timedelta(days=lookback))
    return min(start, first)


def _first_instant(request: "HistoryRequest", symbol: str) -> dt.datetime:
    """Where the requested START begins for ``symbol`` (warm-up bars lie before it)."""
    from trade_analyst.entrypoints.jobs.windows import request_window

    by_text = {str(s): s for s in request.symbols}
    return request_window(by_text[symbol], request.start, request.end)[0]


def _parse(text: str) -> "tuple[IndicatorSpec, ...]":
    from trade_analyst.domain.analytics import INDICATOR_FORMS, parse_specs
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.ports import InvalidInput

    try:
        return parse_specs(text)
    except DomainError as exc:
        raise InvalidInput(
            f"bad --add: {exc}",
            "valid indicators: " + "; ".join(INDICATOR_FORMS) + " (e.g. --add sma:20,rsi:14)",
        ) from None


def with_indicators(
    result: "SymbolHistory",
    specs: "Sequence[IndicatorSpec]",
    *,
    synthetic: bool,
    convention: Convention = "talib",
) -> list[Row]:
    """The history rows of one symbol (``synthetic``: made up by the mock), each with
    every indicator column of ``specs`` (ATR and MACD started by ``convention``)."""
    from trade_analyst.domain.analytics import compute
    from trade_analyst.domain.models import BarSeries
    from trade_analyst.entrypoints.cli.history_command import bar_records

    series = [bars.to_series() for _, bars in result.parts()]
    whole = BarSeries(
        result.symbol,
        series[0].interval if series else "1d",
        [t for s in series for t in s.timestamps],
        [v for s in series for v in s.open],
        [v for s in series for v in s.high],
        [v for s in series for v in s.low],
        [v for s in series for v in s.close],
        [v for s in series for v in s.volume],
    )
    values = compute(specs, whole, convention)
    rows = bar_records(result, synthetic=synthetic)  # the same bars, in the same order
    for row, record in enumerate(rows):
        record.update({name: column[row] for name, column in values.items()})
    return rows


def _write(
    out: Path,
    context: CliContext,
    request: "HistoryRequest",
    asked: dict[str, str],
    columns: list[str],
    rows: list[Row],
    clock: "Clock",
) -> list[Row]:
    from trade_analyst.entrypoints.bootstrap import build_indicator_sink
    from trade_analyst.entrypoints.cli.runtime import dataset_format, report_repairs, write_record
    from trade_analyst.entrypoints.version import app_version
    from trade_analyst.ports import (
        Provenance,
        Table,
        indicators_dataset,
        indicators_schema,
        to_epoch_ms,
    )

    schema = indicators_schema(columns)
    sink = build_indicator_sink(out, dataset_format(context), clock, schema)
    provenance = Provenance.of(
        provider=context.provider,
        synthetic=context.provider == "mock",
        app_version=app_version(),
        request={**request.as_record(), **asked},
    )
    dataset = indicators_dataset(request.interval)
    summary: list[Row] = []
    for symbol in dict.fromkeys(str(row["symbol"]) for row in rows):
        mine = [row for row in rows if row["symbol"] == symbol]
        table = Table.from_rows(
            schema,
            (
                {**row, "timestamp": to_epoch_ms(_instant(row)), "volume": _whole(row)}
                for row in mine
            ),
        )
        report = sink.write(dataset, table, provenance)
        report_repairs(context, report)
        summary.append(dict(write_record(symbol, report)))
    return summary


def _whole(row: Row) -> int:
    from trade_analyst.ports import InvalidInput

    volume = row["volume"]
    if (
        not isinstance(volume, int | float) or not float(volume).is_integer()
    ):  # datasets store whole volumes, as bars datasets do
        raise InvalidInput(f"bar at {row['timestamp']} has a fractional volume {volume!r}")
    return int(volume)


def _instant(row: Row) -> dt.datetime:
    timestamp = row["timestamp"]
    assert isinstance(timestamp, dt.datetime)  # bar_records puts the bar's datetime there
    return timestamp
