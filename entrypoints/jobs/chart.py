"""``ta chart``: everything one chart shows, computed from the provider's bars.

The candles come from the history job (a futures root as its continuous series), the pivot
levels and the session window from the levels job for the chart's last session, and the
lines drawn over the candles (session VWAP and its bands, an anchored VWAP, moving
averages) from the domain's analytics over those same candles, so what the chart shows
agrees with ``ta history``, ``ta levels`` and ``ta indicators``.
"""

import datetime as dt

import attrs

from trade_analyst.domain.analytics import (
    IndicatorSpec,
    PivotKind,
    SessionVwap,
    compute,
    running_vwap,
)
from trade_analyst.domain.calendars import Calendar
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.validation import Finding
from trade_analyst.entrypoints.jobs.bar_rules import ValidateBars, validate_in_domain
from trade_analyst.entrypoints.jobs.history import SymbolHistory, fetch_history
from trade_analyst.entrypoints.jobs.levels import (
    VWAP_PRICE,
    LevelsRequest,
    LevelsResult,
    SessionSpan,
    anchored_span,
    compute_levels,
    resolve,
    session_span,
)
from trade_analyst.entrypoints.jobs.requests import HistoryRequest
from trade_analyst.entrypoints.jobs.windows import DAILY_INTERVALS, is_futures, request_window
from trade_analyst.ports import MarketData, NoData, concat_bars

__all__ = ["ChartData", "ChartRequest", "VwapPiece", "chart_data"]


@attrs.frozen
class VwapPiece:
    """One unbroken VWAP line: the rows of the candles it covers (in ``ChartData.bars``)
    and its value after each (None until a candle with volume)."""

    rows: tuple[int, ...]
    values: tuple[SessionVwap | None, ...]


@attrs.frozen
class ChartRequest:
    """One symbol's candles over ``history``'s dates, and what to draw over them."""

    history: HistoryRequest  # exactly one symbol; its dates are the ones shown
    symbol_raw: str
    kind: PivotKind = "classic"
    anchor: dt.date | None = None  # an anchored VWAP from this session through the last
    overlays: tuple[IndicatorSpec, ...] = ()


@attrs.frozen
class ChartData:
    """The candles and, aligned with them, every line the chart draws."""

    request: ChartRequest
    symbol: str  # as requested (a futures root stays the root)
    zone: str  # the exchange's IANA zone: the chart's clock
    bars: BarSeries
    levels: LevelsResult  # pivots (and the VWAP window) of the last session shown
    session_vwap: tuple[VwapPiece, ...]  # one per session; none on daily or longer candles
    anchored_vwap: VwapPiece | None  # None without an anchor
    overlays: dict[str, tuple[float | None, ...]]
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()


async def chart_data(
    market: MarketData,
    request: ChartRequest,
    *,
    today: dt.date,
    synthetic: bool,
    fetch_from: dt.date | None = None,
    validate: ValidateBars = validate_in_domain,
) -> ChartData:
    """The chart of ``request``; bars from ``fetch_from`` (before the first date shown) only
    warm the overlays up and are not shown."""
    history = request.history
    symbol = history.symbols[0]
    calendar = resolve(_levels_request(request, history.end))[2]
    last_day = _last_session(history, calendar)
    levels = await compute_levels(
        market, _levels_request(request, last_day), today=today, synthetic=synthetic
    )
    warmed = attrs.evolve(history, start=fetch_from or history.start)
    fetched = await _fetch(market, warmed, validate)
    whole = _joined(fetched, history.interval)
    first_shown = request_window(symbol, history.start, history.end)[0]
    shown = next((i for i, ts in enumerate(whole.timestamps) if ts >= first_shown), len(whole))
    bars = _sliced(whole, shown)
    if not len(bars):
        raise NoData(
            f"no {history.interval} bars for {symbol} from {history.start.isoformat()} "
            f"to {history.end.isoformat()}",
            "widen the date range (weekends and holidays have no bars) or check the symbol",
        )
    overlays = {name: column[shown:] for name, column in compute(request.overlays, whole).items()}
    intraday = history.interval not in DAILY_INTERVALS
    notes = () if intraday else (f"no VWAP on {history.interval} candles (it needs intraday bars)",)
    return ChartData(
        request=request,
        symbol=str(symbol),
        zone=calendar.zone.key,
        bars=bars,
        levels=levels,
        session_vwap=_session_vwap(request, calendar, bars) if intraday else (),
        anchored_vwap=_anchored_vwap(request, calendar, bars, last_day) if intraday else None,
        overlays=overlays,
        findings=fetched.findings,
        notes=notes,
    )


def _levels_request(request: ChartRequest, day: dt.date) -> LevelsRequest:
    """The levels of session ``day``: its pivots, and the VWAP over the chart's hours."""
    history = request.history
    return LevelsRequest(
        history.symbols[0], request.symbol_raw, day, request.kind, history.session, history.roll
    )


def _last_session(history: HistoryRequest, calendar: Calendar) -> dt.date:
    """The last session in the chart's dates (the levels are that session's)."""
    symbol, end = history.symbols[0], history.end
    last = end if calendar.is_session(end) else calendar.previous_session(end)
    if last < history.start:
        raise NoData(
            f"no {calendar.name} session for {symbol} from {history.start.isoformat()} "
            f"to {end.isoformat()}",
            f"ask for a range with a session, e.g. --date {last.isoformat()}",
        )
    return last


async def _fetch(
    market: MarketData, history: HistoryRequest, validate: ValidateBars
) -> SymbolHistory:
    results: list[SymbolHistory] = []

    async def collect(result: SymbolHistory) -> None:
        results.append(result)

    await fetch_history(market, history, on_symbol=collect, validate=validate)
    return results[0]


def _joined(result: SymbolHistory, interval: str) -> BarSeries:
    """A continuous series' contract segments as one run of candles (a chart's few thousand
    candles at most: the domain's analytics take them per bar)."""
    return concat_bars(result.symbol, interval, [bars for _, bars in result.parts()]).to_series()


def _sliced(series: BarSeries, first: int) -> BarSeries:
    if first == 0:
        return series
    return BarSeries(
        series.symbol,
        series.interval,
        series.timestamps[first:],
        series.open[first:],
        series.high[first:],
        series.low[first:],
        series.close[first:],
        series.volume[first:],
    )


def _session_vwap(
    request: ChartRequest, calendar: Calendar, bars: BarSeries
) -> tuple[VwapPiece, ...]:
    """Each session's VWAP from its own first bar (it restarts every session)."""
    history = request.history
    symbol = history.symbols[0]
    futures = is_futures(symbol)
    has_extended = symbol.kind != "index"
    days = calendar.sessions(history.start, history.end)
    spans = [session_span(calendar, day, history.session, futures, has_extended) for day in days]
    pieces = [_piece(bars, span) for span in spans]
    return tuple(piece for piece in pieces if piece.rows)


def _anchored_vwap(
    request: ChartRequest, calendar: Calendar, bars: BarSeries, last_day: dt.date
) -> VwapPiece | None:
    if request.anchor is None:
        return None
    history = request.history
    symbol = history.symbols[0]
    span, _ = anchored_span(
        calendar, request.anchor, last_day, history.session, is_futures(symbol),
        symbol.kind != "index",
    )  # fmt: skip
    return _piece(bars, span)


def _piece(bars: BarSeries, span: SessionSpan) -> VwapPiece:
    """The running VWAP of the bars inside ``span``."""
    rows = tuple(row for row, ts in enumerate(bars.timestamps) if span.contains(ts))
    return VwapPiece(rows, running_vwap([bars[row] for row in rows], VWAP_PRICE))
