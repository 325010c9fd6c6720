"""``ta chart``: candles, volume, pivot levels, VWAP bands and overlays in one HTML file."""

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

from cyclopts import Parameter

from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.parameters import IntervalOption, Roll
from trade_analyst.ports import TradingSession

if TYPE_CHECKING:
    from trade_analyst.entrypoints.jobs.chart import ChartData, ChartRequest
    from trade_analyst.ports import Clock

Kind = Literal["classic", "fibonacci", "camarilla", "woodie", "demark"]
# Without --interval: 5-minute candles for up to this many days, daily ones beyond.
_INTRADAY_DAYS = 10
PNG_SIZE = (1280, 720)


def chart(
    symbol: str,
    *,
    date: dt.date | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    interval: IntervalOption | None = None,
    session: TradingSession = "regular",
    kind: Kind = "classic",
    roll: Roll = None,
    anchor: dt.date | None = None,
    sma: list[int] | None = None,
    ema: list[int] | None = None,
    out: Path | None = None,
    png: Path | None = None,
    open_: Annotated[bool, Parameter(name="--open", negative="")] = False,
    context: Context,
) -> int:
    """A chart as one self-contained HTML file that opens offline: candles and volume, the
    session's pivot levels, the session VWAP with ±1σ/±2σ bands, an optional anchored
    VWAP and moving averages, with times in the exchange's time zone.

    Parameters
    ----------
    symbol
        An equity or index (AAPL, $SPX), a futures root (/ES, continuous) or a contract.
    date
        One session to chart (YYYY-MM-DD); or give --start and --end.
    start
        First date of a range (YYYY-MM-DD).
    end
        Last date of a range (default: --start); the pivot levels are those of its last
        session.
    interval
        Candle size (default: 5m for up to ten days, 1d for longer ranges).
    session
        Equities: regular (09:30-16:00 ET) or extended (04:00-20:00 ET) hours.
    kind
        Pivot formula: classic, fibonacci, camarilla, woodie or demark.
    roll
        Roll policy for futures roots (default: futures.roll_policy from config).
    anchor
        Also draw a VWAP anchored at this session (YYYY-MM-DD, on or before the last
        date); the chart then starts there.
    sma
        Simple moving average over N candles (repeat for several: --sma 20 --sma 50).
    ema
        Exponential moving average over N candles (repeatable).
    out
        The HTML file to write (default: chart_<symbol>_<dates>_<interval>.html here).
    png
        Also render the page to this PNG file with a headless Chromium.
    open_
        Open the chart in the system's web browser.
    """
    from trade_analyst.entrypoints.bootstrap import build_clock
    from trade_analyst.entrypoints.charts.browser import INSTALL_HINT, find_chromium
    from trade_analyst.entrypoints.charts.page import chart_page
    from trade_analyst.entrypoints.cli.errors import usage_error
    from trade_analyst.entrypoints.cli.runtime import emit_summary

    first, last = _dates(date, start, end)
    browser = find_chromium() if png is not None else None
    if png is not None and browser is None:
        raise usage_error("--png needs a Chromium or Chrome browser; none was found", INSTALL_HINT)
    clock = build_clock()
    request = _request(context, clock, symbol, first, last, interval, session, kind, roll, anchor)
    request = _with_overlays(request, sma or [], ema or [])
    data = _fetch(context, clock, request)
    for note in data.levels.notes:
        context.note(f"note: {note}")
    # With --png alone the page is only a step to the picture: no HTML file is left.
    page = out if out is not None or png is None else None
    page = page or (None if png is not None else Path(_default_name(data)))
    html = chart_page(data, generated=clock.now(), provider=context.provider)
    if page is not None:
        _write_text(page, html)
    if png is not None and browser is not None:
        _render(browser, html, page, png)
    record: dict[str, object] = {
        "chart": None if page is None else str(page),
        "png": None if png is None else str(png),
        "symbol": data.symbol,
        "interval": data.bars.interval,
        "candles": len(data.bars),
        "price_lines": sum(1 for v in data.levels.levels.as_dict().values() if v is not None),
        "first": data.bars.timestamps[0],
        "last": data.bars.timestamps[-1],
        "time_zone": data.zone,
    }
    emit_summary(record, context)
    if open_:
        _open(page if page is not None else png)
    return 0


def _dates(
    date: dt.date | None, start: dt.date | None, end: dt.date | None
) -> tuple[dt.date, dt.date]:
    from trade_analyst.entrypoints.cli.errors import usage_error

    if date is not None and (start is not None or end is not None):
        raise usage_error(
            "--date and --start/--end both given", "give one session with --date, or a range"
        )
    if date is not None:
        return date, date
    if start is None:
        raise usage_error(
            "no dates to chart",
            "give --date YYYY-MM-DD for one session, or --start (and --end) for a range",
        )
    return start, end or start


def _request(
    context: CliContext,
    clock: "Clock",
    symbol: str,
    first: dt.date,
    last: dt.date,
    interval: str | None,
    session: TradingSession,
    kind: Kind,
    roll: str | None,
    anchor: dt.date | None,
) -> "ChartRequest":
    from trade_analyst.entrypoints.cli.runtime import market_today
    from trade_analyst.entrypoints.jobs.chart import ChartRequest
    from trade_analyst.entrypoints.jobs.requests import check_history_request, parse_symbols
    from trade_analyst.ports import InvalidInput

    today = market_today(clock)
    if anchor is not None and anchor > last:
        raise InvalidInput(
            f"--anchor {anchor.isoformat()} is after the chart's last date {last.isoformat()}",
            "anchor on a session on or before the last date, or leave --anchor out",
        )
    shown_from = first if anchor is None else min(first, anchor)
    chosen = interval or ("5m" if (last - shown_from).days < _INTRADAY_DAYS else "1d")
    history = check_history_request(
        parse_symbols([symbol], today),
        shown_from,
        last,
        chosen,
        today=today,
        session=session,
        roll=roll or context.settings.roll_policy,
    )
    return ChartRequest(history, symbol, kind, anchor)


def _with_overlays(request: "ChartRequest", sma: list[int], ema: list[int]) -> "ChartRequest":
    import attrs

    from trade_analyst.domain.analytics import parse_specs
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.ports import InvalidInput

    text = ",".join([*(f"sma:{n}" for n in sma), *(f"ema:{n}" for n in ema)])
    if not text:
        return request
    try:
        overlays = parse_specs(text)
    except DomainError as exc:
        raise InvalidInput(
            f"bad moving average: {exc}", "give a whole number, e.g. --sma 20"
        ) from None
    return attrs.evolve(request, overlays=overlays)


def _fetch(context: CliContext, clock: "Clock", request: "ChartRequest") -> "ChartData":
    from trade_analyst.entrypoints.bootstrap import build_bar_validator
    from trade_analyst.entrypoints.cli.indicators_command import warmup_start
    from trade_analyst.entrypoints.cli.runtime import (
        market_today,
        open_market_data,
        report_findings,
    )
    from trade_analyst.entrypoints.cli.stop_signals import run_until_stopped
    from trade_analyst.entrypoints.jobs.chart import chart_data

    async def run() -> "ChartData":
        async with open_market_data(context, clock) as market:
            earlier = warmup_start(request.history, request.overlays, market.capabilities)
            return await chart_data(
                market,
                request,
                today=market_today(clock),
                synthetic=context.provider == "mock",
                fetch_from=earlier,
                validate=build_bar_validator(),
            )

    data = run_until_stopped(run)
    report_findings(context, f"{data.symbol} bars", data.findings)
    return data


def _default_name(data: "ChartData") -> str:
    """chart_<symbol>_<first>[_<last>]_<interval>.html, the symbol without / and $."""
    history = data.request.history
    symbol = "".join(c for c in data.symbol if c.isalnum() or c in ".-") or "symbol"
    dates = history.start.isoformat()
    if history.end != history.start:
        dates += f"_{history.end.isoformat()}"
    return f"chart_{symbol}_{dates}_{history.interval}.html"


def _write_text(path: Path, text: str) -> None:
    from trade_analyst.ports import OutputFailed

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputFailed(f"cannot write {path}: {exc.strerror or exc}", path=str(path)) from None


def _render(browser: str, html: str, page: Path | None, png: Path) -> None:
    """The PNG of the page (written to a temporary file when there is no ``page``)."""
    import tempfile

    from trade_analyst.entrypoints.charts.browser import BrowserFailed, render_png
    from trade_analyst.ports import OutputFailed

    try:
        png.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix="ta-chart-") as folder:
            source = page or Path(folder) / "chart.html"
            if page is None:
                source.write_text(html, encoding="utf-8")
            render_png(browser, source, png, PNG_SIZE)
    except BrowserFailed as exc:
        raise OutputFailed(
            f"cannot render {png}: {exc}",
            "the HTML chart needs no browser: write it with --out and open it yourself",
            path=str(png),
        ) from None
    except OSError as exc:
        raise OutputFailed(f"cannot write {png}: {exc.strerror or exc}", path=str(png)) from None


def _open(page: Path | None) -> None:
    import webbrowser

    from trade_analyst.ports import OutputFailed

    assert page is not None  # --png without --out opens the picture
    if not webbrowser.open(page.resolve().as_uri()):
        raise OutputFailed(
            f"wrote {page} but found no web browser to open it",
            f"open {page} yourself, or set BROWSER to a browser command",
            path=str(page),
        )
