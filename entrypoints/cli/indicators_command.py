"""``ta indicators``: the bars ``ta history`` prints, with indicator columns added."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from trade_analyst.entrypoints.cli.context import CliContext
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.cli.parameters import BarSelection, Context

if TYPE_CHECKING:
    from trade_analyst.ports import Clock


def indicators(
    bars: BarSelection, *, add: str, out: Path | None = None, warmup: bool = True, context: Context
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
    """
    import anyio

    from trade_analyst.entrypoints.bootstrap import build_clock
    from trade_analyst.entrypoints.cli.runtime import (
        ensure_writable,
        history_request,
        open_market_data,
        summary_format,
    )
    from trade_analyst.entrypoints.jobs.history import fetch_history

    specs = _parse(add)
    clock = build_clock()
    request = history_request(context, clock, bars)
    if out is not None:
        ensure_writable(out)
    results: list[Any] = []

    async def collect(result: Any) -> None:
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
            await fetch_history(market, fetched, on_symbol=collect)

    anyio.run(run)
    order = {str(symbol): index for index, symbol in enumerate(request.symbols)}
    results.sort(key=lambda result: order.get(result.symbol, len(order)))
    columns = [name for spec in specs for name in spec.columns]
    rows = [
        row
        for result in results
        for row in with_indicators(result, specs)
        if row["timestamp"] >= _first_instant(request, result.symbol)
    ]
    if out is None:
        emit(rows, context.output_format)
        return 0
    summary = _write(out, context, request, add, columns, rows, clock)
    emit(summary, summary_format(context))
    return 0


# Fewest bars a regular NYSE session has per intraday interval (390 minutes; early closes
# are covered by the margin in days).
_BARS_PER_SESSION = {"1m": 390, "5m": 78, "10m": 39, "15m": 26, "30m": 13, "1h": 7}


def warmup_start(request: Any, specs: Any, capabilities: Any) -> dt.date:
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


def _first_instant(request: Any, symbol: str) -> dt.datetime:
    """Where the requested START begins for ``symbol`` (warm-up bars lie before it)."""
    from trade_analyst.entrypoints.jobs.windows import request_window

    by_text = {str(s): s for s in request.symbols}
    return request_window(by_text[symbol], request.start, request.end)[0]


def _parse(text: str) -> Any:
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


def with_indicators(result: Any, specs: Any) -> list[dict[str, Any]]:
    """The history rows of one symbol, each with every indicator column of ``specs``."""
    from trade_analyst.domain.analytics import compute
    from trade_analyst.domain.models import BarSeries

    parts = result.parts()
    labels = [contract for contract, series in parts for _ in range(len(series))]
    series = [s for _, s in parts]
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
    values = compute(specs, whole)
    rows = []
    for row in range(len(whole)):
        record: dict[str, Any] = {
            "symbol": result.symbol,
            "contract": labels[row],
            "timestamp": whole.timestamps[row],
            "open": whole.open[row],
            "high": whole.high[row],
            "low": whole.low[row],
            "close": whole.close[row],
            "volume": whole.volume[row],
        }
        record.update({name: column[row] for name, column in values.items()})
        rows.append(record)
    return rows


def _write(
    out: Path,
    context: CliContext,
    request: Any,
    add: str,
    columns: list[str],
    rows: list[dict[str, Any]],
    clock: "Clock",
) -> list[dict[str, Any]]:
    from trade_analyst.entrypoints.bootstrap import build_indicator_sink
    from trade_analyst.entrypoints.cli.runtime import dataset_format, write_record
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
        request={**request.as_record(), "indicators": add},
    )
    dataset = indicators_dataset(request.interval)
    summary = []
    for symbol in dict.fromkeys(row["symbol"] for row in rows):
        mine = [row for row in rows if row["symbol"] == symbol]
        table = Table.from_rows(
            schema,
            (
                {**row, "timestamp": to_epoch_ms(row["timestamp"]), "volume": _whole(row)}
                for row in mine
            ),
        )
        summary.append(write_record(symbol, sink.write(dataset, table, provenance)))
    return summary


def _whole(row: dict[str, Any]) -> int:
    from trade_analyst.ports import InvalidInput

    volume = row["volume"]
    if not float(volume).is_integer():  # datasets store whole volumes, as bars datasets do
        raise InvalidInput(f"bar at {row['timestamp']} has a fractional volume {volume!r}")
    return int(volume)
