"""``ta quotes``, ``ta chain``, ``ta hours``, ``ta movers``, ``ta instruments``."""

import datetime as dt
from collections.abc import Awaitable, Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal, TypeVar

from cyclopts import Parameter

from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.cli.table_view import View
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone
from trade_analyst.ports import (
    Clock,
    HoursQuery,
    InstrumentSearch,
    InstrumentsQuery,
    MarketData,
    MoverSort,
    MoversQuery,
    Provenance,
    Table,
)

if TYPE_CHECKING:
    from trade_analyst.entrypoints.jobs.chains import ChainProgress

T = TypeVar("T")
QUOTE_FIELDS = (
    "symbol", "asset_type", "contract", "bid", "ask", "last", "mark", "bid_size", "ask_size",
    "volume", "open", "high", "low", "close", "net_change", "quote_time", "trade_time",
    "regular_last", "provider", "synthetic",
)  # fmt: skip
OPTION_FIELDS = (
    "symbol", "underlying", "expiration", "right", "strike", "bid", "ask", "last", "mark",
    "volume", "open_interest", "implied_volatility", "delta", "gamma", "theta", "vega", "rho",
    "in_the_money",
)  # fmt: skip
MOVER_FIELDS = ("symbol", "description", "last", "net_change", "net_percent_change", "volume",
                "total_volume", "trades")  # fmt: skip
INSTRUMENT_FIELDS = ("symbol", "description", "asset_type", "exchange", "cusip")

# Table columns, most useful first: a narrow terminal shows the first ones that fit.
QUOTE_TABLE = (
    "symbol", "last", "net_change", "bid", "ask", "quote_time", "contract", "volume", "high",
    "low", "open", "close", "regular_last", "mark", "bid_size", "ask_size", "trade_time",
    "asset_type", "synthetic",
)  # fmt: skip
OPTION_TABLE = (
    "expiration", "strike", "right", "bid", "ask", "implied_volatility", "delta",
    "open_interest", "volume", "last", "gamma", "theta", "vega", "mark", "symbol", "rho",
    "in_the_money", "underlying", "synthetic",
)  # fmt: skip
MOVER_TABLE = ("symbol", "last", "net_change", "net_percent_change", "volume", "description",
               "trades", "total_volume")  # fmt: skip
INSTRUMENT_TABLE = ("symbol", "description", "asset_type", "exchange", "cusip")
HOURS_TABLE = ("product", "session", "start", "end", "is_open", "market", "product_name", "date")


def _call(context: CliContext, work: Callable[[MarketData], Awaitable[T]]) -> tuple[T, Clock]:
    """Run ``work(market)`` on the configured provider; returns its result and the clock."""
    from trade_analyst.entrypoints.bootstrap import build_clock
    from trade_analyst.entrypoints.cli.runtime import open_market_data
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped

    clock = build_clock()

    async def run() -> T:
        async with open_market_data(context, clock) as market:
            return await work(market)

    return run_until_stopped(run), clock


def _write_dataset(
    context: CliContext,
    out: Path,
    clock: Clock,
    dataset: str,
    table: Table,
    request: Mapping[str, object],
    label: str,
) -> None:
    """Write ``table`` under ``out`` with this run's provenance; print the summary line."""
    from trade_analyst.entrypoints.bootstrap import build_sink
    from trade_analyst.entrypoints.cli.runtime import (
        dataset_format,
        report_repairs,
        summary_format,
        write_record,
    )
    from trade_analyst.entrypoints.version import app_version

    provenance = Provenance.of(
        provider=context.provider,
        synthetic=context.provider == "mock",
        app_version=app_version(),
        request=request,
    )
    report = build_sink(out, dataset_format(context), clock).write(dataset, table, provenance)
    report_repairs(context, report)
    emit([write_record(label, report)], summary_format(context))


def quotes(
    symbols: list[str],
    *,
    out: Path | None = None,
    strict: bool = False,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Latest quotes: one record per symbol (a futures root names its front contract).

    Parameters
    ----------
    symbols
        One or more symbols: AAPL, $SPX, /ES, /ESZ25, 'AAPL  251219C00200000', EUR/USD.
    out
        Also write the quotes dataset under this folder.
    strict
        Exit 6 when validation finds errors.
    """
    from trade_analyst.entrypoints.bootstrap import build_clock
    from trade_analyst.entrypoints.cli.inputs import today
    from trade_analyst.entrypoints.cli.runtime import (
        enforce_strict,
        ensure_writable,
        report_findings,
    )
    from trade_analyst.entrypoints.jobs.requests import parse_symbols
    from trade_analyst.entrypoints.jobs.snapshots import fetch_quotes
    from trade_analyst.ports import quotes_table

    parsed = parse_symbols(symbols, today())
    if out is not None:
        ensure_writable(out)
    clock = build_clock()
    (quotes, findings), _ = _call(context, lambda market: fetch_quotes(market, parsed, clock))
    report_findings(context, "quotes", findings)
    enforce_strict(strict, "quotes", findings)
    if out is None:
        view = View(QUOTE_TABLE, columns=columns, tz=tz)
        emit([_fields(q, QUOTE_FIELDS) for q in quotes], context.output_format, view=view)
        return 0
    names = [str(s) for s in parsed]
    table = quotes_table(quotes, clock.now())
    request = {"command": "quotes", "symbols": names}
    _write_dataset(context, out, clock, "quotes", table, request, ",".join(names))
    return 0


def chain(
    underlying: str,
    *,
    expiration: dt.date | None = None,
    from_date: Annotated[dt.date | None, Parameter(name="--from")] = None,
    to_date: Annotated[dt.date | None, Parameter(name="--to")] = None,
    strikes: int | None = None,
    type: Literal["call", "put", "all"] = "all",
    out: Path | None = None,
    strict: bool = False,
    columns: Columns = None,
    context: Context,
) -> int:
    """An option chain: greeks, IV, bid/ask per contract.

    Parameters
    ----------
    underlying
        The underlying symbol, e.g. AAPL or $SPX.
    expiration
        Only this expiration date.
    from_date
        First expiration to include (with --to).
    to_date
        Last expiration to include.
    strikes
        How many strikes around the money.
    type
        call, put or all.
    out
        Also write the option_chains dataset under this folder.
    strict
        Exit 6 when validation finds errors.
    """
    from trade_analyst.entrypoints.cli.inputs import today
    from trade_analyst.entrypoints.cli.runtime import (
        enforce_strict,
        ensure_writable,
        report_findings,
    )
    from trade_analyst.entrypoints.jobs.requests import check_chain_window, parse_symbols
    from trade_analyst.entrypoints.jobs.snapshots import fetch_option_chain
    from trade_analyst.ports import chain_table

    first, last = check_chain_window(expiration, from_date, to_date, strikes)
    (symbol,) = parse_symbols([underlying], today())
    if out is not None:
        ensure_writable(out)
    (result, findings), clock = _call(
        context,
        lambda market: _chain_in_windows(
            context,
            lambda progress: fetch_option_chain(
                market,
                symbol,
                (first, last),
                strikes=strikes,
                contract_type=type,
                today=today(),
                progress=progress,
            ),
        ),
    )
    report_findings(context, f"{symbol} chain", findings)
    enforce_strict(strict, f"{symbol} chain", findings)
    synthetic = context.provider == "mock"
    if out is None:
        records = [{**_fields(c, OPTION_FIELDS), "synthetic": synthetic} for c in result.contracts]
        emit(records, context.output_format, view=View(OPTION_TABLE, columns=columns))
        return 0
    table = chain_table(result, clock.now(), synthetic=synthetic)
    request = {"command": "chain", "underlying": str(symbol), "from": first, "to": last}
    _write_dataset(context, out, clock, "option_chains", table, request, str(symbol))
    return 0


async def _chain_in_windows(
    context: CliContext,
    fetch: "Callable[[ChainProgress | None], Awaitable[T]]",
) -> T:
    """Runs ``fetch`` (a chain asked a few expirations at a time) with a progress bar on a
    terminal."""
    from trade_analyst.entrypoints.cli.runtime import stderr_is_terminal

    if not stderr_is_terminal() or context.verbosity < 0:
        return await fetch(None)
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("fetching the chain", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return await fetch(progress)


def hours(
    *,
    market: list[Literal["equity", "option", "future", "forex", "bond"]] | None = None,
    date: dt.date | None = None,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Market hours of a date: one record per product and session window.

    Parameters
    ----------
    market
        Markets to show (repeat the option for several); default all.
    date
        The date (default: today in New York).
    """
    from trade_analyst.entrypoints.cli.inputs import today
    from trade_analyst.ports import MARKETS

    chosen = list(dict.fromkeys(market)) if market else list(MARKETS)
    day = date or today()
    result, _ = _call(context, lambda provider: provider.market_hours(HoursQuery(chosen, day)))
    rows: list[dict[str, object]] = []
    for entry in result:
        base = {
            "market": entry.market,
            "product": entry.product,
            "product_name": entry.product_name,
            "date": entry.date,
            "is_open": entry.is_open,
        }
        windows = entry.sessions or [None]
        for window in windows:
            rows.append(
                {
                    **base,
                    "session": window.kind if window else None,
                    "start": window.start if window else None,
                    "end": window.end if window else None,
                }
            )
    view = View(HOURS_TABLE, columns=columns, tz=tz, zone=_market_zone)
    emit(rows, context.output_format, view=view)
    return 0


def movers(
    index: str,
    *,
    sort: MoverSort = "volume",
    frequency: Literal[0, 1, 5, 10, 30, 60] = 0,
    columns: Columns = None,
    context: Context,
) -> int:
    """Top movers of an index or exchange.

    Parameters
    ----------
    index
        $SPX, $COMPX, $DJI, NYSE, NASDAQ, OTCBB, INDEX_ALL, EQUITY_ALL, OPTION_ALL...
    sort
        What to rank by.
    frequency
        Rank over the last 1, 5, 10, 30 or 60 minutes; 0 (default) ranks over the whole day.
    """
    return _print_each(
        context,
        MOVER_FIELDS,
        lambda market: market.movers(MoversQuery(index.strip().upper(), sort, frequency)),
        View(MOVER_TABLE, columns=columns),
    )


def instruments(
    query: str, *, search: InstrumentSearch = "symbol", columns: Columns = None, context: Context
) -> int:
    """Search instruments by symbol or description.

    Parameters
    ----------
    query
        What to look for, e.g. AAPL or "apple".
    search
        How to match: symbol, symbol_regex, description, description_regex, or cusip (the
        instrument with exactly this CUSIP).
    """
    from trade_analyst.entrypoints.cli.errors import usage_error

    if not query.strip():
        raise usage_error("empty query", "give a symbol or words from a description")
    return _print_each(
        context,
        INSTRUMENT_FIELDS,
        lambda market: market.instruments(InstrumentsQuery(query.strip(), search)),
        View(INSTRUMENT_TABLE, columns=columns),
    )


def _print_each(
    context: CliContext,
    fields: tuple[str, ...],
    work: Callable[[MarketData], Awaitable[Sequence[object]]],
    view: View,
) -> int:
    """Run ``work`` on the provider and print ``fields`` of every item it answers."""
    items, _ = _call(context, work)
    emit([_fields(item, fields) for item in items], context.output_format, view=view)
    return 0


def _fields(item: object, names: tuple[str, ...]) -> dict[str, object]:
    return {name: getattr(item, name, None) for name in names}


def _market_zone(record: Mapping[str, object]) -> dt.tzinfo:
    """Futures hours are Globex hours (Chicago); every other market's are New York's."""
    from trade_analyst.entrypoints.cli.timezones import symbol_zone

    return symbol_zone("cme" if record.get("market") == "future" else "nyse")
