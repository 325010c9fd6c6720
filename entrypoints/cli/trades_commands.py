"""``ta trades ...``: trade-flow analytics over files of trades and quotes."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from cyclopts import App, Parameter

from trade_analyst.entrypoints.cli.context import Context
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone

if TYPE_CHECKING:
    from trade_analyst.domain.models import BarSeries
    from trade_analyst.ports import TradeLabels, TradeTape

trades_app = App(name="trades", help="Trade-flow analytics over trade and quote files.")

NS_PER_MS = 1_000_000
# Table columns, most useful first.
SUMMARY_TABLE_FIELDS = (
    "symbol", "trades", "pct_size_buy", "pct_size_sell", "pct_size_unknown", "pct_size_at_ask",
    "pct_size_at_bid", "pct_size_at_mid", "pct_size_by_quote", "pct_size_by_tick",
)  # fmt: skip
LABEL_TABLE_FIELDS = ("timestamp", "symbol", "price", "size", "side", "rule", "location", "bid",
                      "ask", "quote_time", "row")  # fmt: skip


@trades_app.command
def classify(
    trades: Path,
    *,
    quotes: Path,
    method: Literal["quote", "tick", "lee-ready"] = "lee-ready",
    window_ms: int | None = None,
    out: Path | None = None,
    summary: Annotated[bool, Parameter(negative="")] = False,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Label each trade a buy or a sell against the quote prevailing before it.

    Files are Parquet (.parquet) or CSV (.csv). Trades need the columns
    timestamp, price, size (optional: symbol); quotes need timestamp, bid, ask
    (optional: bid_size, ask_size, symbol). Timestamps are RFC 3339 text or
    Arrow timestamps; without a zone they are UTC. With a symbol column on
    both sides, trades meet only their own symbol's quotes.

    A trade is matched to the last quote at or before it, never a later one.
    Output: one record per trade (side buy/sell/unknown, the rule that decided
    it, where the price sat: bid, ask, mid (inside the spread) or none, and the
    matched quote); with --out the labels go to that file and the summary to
    stdout: % of size by side, at bid/ask/mid, and decided by quotes vs ticks.

    Parameters
    ----------
    trades
        Trades file (.parquet or .csv).
    quotes
        Quotes file (.parquet or .csv).
    method
        quote: the quote rule (trades at the midpoint stay unknown); tick: the tick rule
        (a zero tick keeps the previous direction); lee-ready: the quote rule, and the tick
        rule for midpoint and unquoted trades.
    window_ms
        Only use a quote at most this many milliseconds older than the trade.
    out
        Write the per-trade labels to this file (.parquet or .csv) and print the summary.
    summary
        Print only the summary, no per-trade labels.
    """
    import time
    from concurrent.futures import ThreadPoolExecutor

    from trade_analyst.entrypoints.bootstrap import build_tape_files
    from trade_analyst.entrypoints.cli.errors import usage_error
    from trade_analyst.entrypoints.cli.output import emit
    from trade_analyst.entrypoints.cli.runtime import summary_format
    from trade_analyst.entrypoints.cli.table_view import View
    from trade_analyst.ports import NoData

    if window_ms is not None and window_ms < 0:
        raise usage_error(f"--window-ms must be >= 0, got {window_ms}", "try --window-ms 500")
    files = build_tape_files()
    if out is not None:
        files.check_labels_path(out)  # refuse a bad suffix before reading millions of rows
        _refuse_overwriting_inputs(out, trades, quotes)
        _refuse_unwritable(out)
    elif context.output_format == "parquet" and not summary:
        raise usage_error(
            "--format parquet needs a file", "add --out LABELS.parquet to write the labels there"
        )
    started = time.perf_counter()
    tapes = files.read(trades, quotes)
    if not len(tapes.trades):
        raise NoData(f"no trades in {trades}", "give a trades file with at least one row")
    loaded = time.perf_counter()
    window = None if window_ms is None else window_ms * NS_PER_MS
    labels = tapes.classify(method=method, window=window)  # labelled on in the background

    def summarize() -> tuple[list[dict[str, Any]], float]:
        """The summaries (they wait for every label), and when they were done."""
        return _summaries(tapes.trades, labels, method, window_ms), time.perf_counter()

    with ThreadPoolExecutor(max_workers=1) as pool:
        # The summaries are worked out on another thread while the labels file is written
        # here, a row group at a time as the labels come (the Parquet encoder runs outside
        # the GIL: the two share the machine's cores). The writing stays on this thread so
        # that Ctrl-C or SIGTERM stops it and leaves no file.
        summarizing = pool.submit(summarize)
        if out is not None:
            _write_labels(labels, out)
        summaries, classified = summarizing.result()
    count = len(tapes.trades)
    context.detail(
        f"classified {count} trades: read {loaded - started:.2f}s, classify "
        f"{classified - loaded:.2f}s ({count / max(classified - loaded, 1e-9):,.0f} trades/s)"
    )
    if out is not None:
        context.note(f"wrote {count} trade labels to {out}")
    if out is not None or summary:
        emit(summaries, summary_format(context), view=View(SUMMARY_TABLE_FIELDS, columns=columns))
        return 0
    view = View(LABEL_TABLE_FIELDS, columns=columns, tz=tz)
    emit(labels.records(), context.output_format, view=view)
    total = summaries[-1]
    context.note(
        f"summary: {count} trades; size buy {_pct(total['pct_size_buy'])}, sell "
        f"{_pct(total['pct_size_sell'])}, unknown {_pct(total['pct_size_unknown'])}; by quotes "
        f"{_pct(total['pct_size_by_quote'])}, by ticks {_pct(total['pct_size_by_tick'])}"
    )
    return 0


@trades_app.command
def sample(
    *,
    out: Path,
    symbol: str = "AAPL",
    date: dt.date | None = None,
    context: Context,
) -> int:
    """Write sample trades.csv and quotes.csv to try classification on, made from the mock
    provider's one-minute bars (synthetic, and the same on every machine for a date).

    Then: ta trades classify DIR/trades.csv --quotes DIR/quotes.csv --summary

    Parameters
    ----------
    out
        The folder to write trades.csv and quotes.csv into (created when missing).
    symbol
        An equity or ETF the mock knows (AAPL, MSFT, SPY...).
    date
        The session (YYYY-MM-DD; default: the last full NYSE session before today).
    """
    import attrs

    from trade_analyst.domain.calendars import nyse
    from trade_analyst.entrypoints.bootstrap import build_clock, build_sample_tape
    from trade_analyst.entrypoints.cli.runtime import (
        emit_summary,
        ensure_writable,
        market_today,
        open_market_data,
    )
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped
    from trade_analyst.ports import HistoryQuery, NoData

    clock = build_clock()
    calendar = nyse()
    day = date or calendar.previous_session(market_today(clock))
    if not calendar.is_session(day):
        raise NoData(
            f"{day.isoformat()} is not an NYSE session",
            f"give a session date, e.g. --date {calendar.previous_session(day).isoformat()}",
        )
    ensure_writable(out)
    mock = attrs.evolve(context, provider="mock")  # samples are synthetic by design
    opens, closes = calendar.regular_hours(day)

    async def fetch() -> "BarSeries":
        async with open_market_data(mock, clock) as market:
            query = HistoryQuery(symbol.upper(), opens, closes, "1m", "regular")
            return (await market.price_history(query)).to_series()

    bars = run_until_stopped(fetch)
    if not len(bars):
        raise NoData(f"the mock has no one-minute bars of {symbol} on {day.isoformat()}")
    trades, quotes = build_sample_tape()(bars)
    _write_csv(out / "trades.csv", trades)
    _write_csv(out / "quotes.csv", quotes)
    record: dict[str, object] = {
        "trades_file": str(out / "trades.csv"),
        "quotes_file": str(out / "quotes.csv"),
        "symbol": bars.symbol,
        "date": day,
        "trades": len(trades),
        "quotes": len(quotes),
    }
    emit_summary(record, context)
    return 0


def _write_csv(path: Path, rows: list[dict[str, object]]) -> None:
    """CSV with a header; times as RFC 3339 UTC (the form ``trades classify`` reads)."""
    import csv

    from trade_analyst.entrypoints.cli.output import to_json_value
    from trade_analyst.ports import OutputFailed

    try:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            writer.writerows({k: to_json_value(v) for k, v in row.items()} for row in rows)
    except OSError as exc:
        raise OutputFailed(f"cannot write {path}: {exc.strerror or exc}", path=str(path)) from exc


def _refuse_overwriting_inputs(out: Path, *inputs: Path) -> None:
    """--out naming an input file (however spelled) would replace it with the labels."""
    import os

    from trade_analyst.entrypoints.cli.errors import usage_error

    for given in inputs:
        same = out.resolve() == given.resolve() or (
            out.exists() and given.exists() and os.path.samefile(out, given)
        )
        if same:
            raise usage_error(
                f"--out {out} is the input file {given}: writing the labels would replace it",
                "give --out a new file name, e.g. labels.csv",
            )


def _refuse_unwritable(out: Path) -> None:
    """A labels path that cannot be written is bad input, found before reading the files."""
    from trade_analyst.entrypoints.cli.errors import usage_error
    from trade_analyst.entrypoints.cli.runtime import ensure_writable

    if out.is_dir():
        raise usage_error(f"--out {out} is a folder", "give --out a file name, e.g. labels.csv")
    ensure_writable(out.parent)


def _write_labels(labels: "TradeLabels", out: Path) -> None:
    """Write the labels; the storage failing mid-run is an output failure (exit 7)."""
    from trade_analyst.ports import OutputFailed

    try:
        labels.write(out)
    except OSError as exc:
        raise OutputFailed(f"cannot write {out}: {exc.strerror or exc}", path=str(out)) from exc


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _summaries(
    trades: "TradeTape", labels: "TradeLabels", method: str, window_ms: int | None
) -> list[dict[str, Any]]:
    """One summary per symbol, then one over all trades when there are several symbols."""
    parts = [(g.symbol, g.start, g.stop) for g in trades.groups if g.stop > g.start]
    if len(parts) > 1:
        parts.append(("*", 0, len(trades)))
    return [
        _summary_record(symbol, labels.summary(start, stop), method, window_ms)
        for symbol, start, stop in parts
    ]


def _summary_record(
    symbol: str | None, summary: Any, method: str, window_ms: int | None
) -> dict[str, Any]:
    record: dict[str, Any] = {
        "symbol": symbol,
        "method": method,
        "window_ms": window_ms,
        "trades": summary.trades,
        "size": summary.size,
    }
    buckets = ("buy", "sell", "unknown", "at_ask", "at_bid", "at_mid", "unquoted",
               "by_quote", "by_tick", "by_none")  # fmt: skip
    for name in buckets:
        record[f"pct_size_{name}"] = getattr(summary, name).pct
    for name in ("by_quote", "by_tick", "by_none"):
        record[f"trades_{name}"] = getattr(summary, name).trades
    record["confidence"] = summary.confidence
    return record
