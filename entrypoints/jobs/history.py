"""``ta history``: fetch bars for many symbols concurrently, futures roots as continuous series.

Each symbol becomes one or more segments (a futures root has one per front contract along
the roll schedule); each segment is fetched in chunks so long backfills show progress and
run several requests at once under a concurrency limit (the provider adapter applies its
own rate limit on top). A symbol is handed to ``on_symbol`` as soon as all its chunks are
in, so an interrupted backfill keeps every symbol that completed.
"""

import bisect
import datetime as dt
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, Protocol

import anyio
import attrs

from trade_analyst.domain.calendars import Calendar
from trade_analyst.domain.futures import (
    ContractBars,
    back_adjust,
    front_month,
    roll_gap,
    roll_schedule,
    root_calendar,
    trim,
)
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol
from trade_analyst.domain.validation import Finding, validate_bars
from trade_analyst.entrypoints.jobs.requests import HistoryRequest, check_reach
from trade_analyst.entrypoints.jobs.windows import is_futures, request_window, session_check
from trade_analyst.ports import HistoryQuery, MarketData

# How much time one request covers, per interval: small enough for steady progress and
# parallel requests, large enough not to waste requests on long daily histories.
CHUNK_DAYS: dict[str, int] = {
    "1m": 5, "5m": 31, "10m": 31, "15m": 31, "30m": 62, "1h": 62,
    "1d": 3660, "1w": 3660, "1mo": 3660,
}  # fmt: skip
DEFAULT_CONCURRENCY = 4


@attrs.frozen
class Segment:
    """One contract's (or the plain symbol's) part of a symbol's history."""

    fetch_symbol: str
    contract: FuturesContract | None
    start: dt.datetime  # keep bars from here ...
    end: dt.datetime  # ... up to here (exclusive)
    fetch_from: dt.datetime  # earlier than start when the roll gap must be measured


@attrs.frozen
class SymbolHistory:
    """Every bar of one requested symbol, segment by segment, and what validation found."""

    symbol: str
    segments: tuple[ContractBars | BarSeries, ...]
    findings: tuple[Finding, ...]

    @property
    def bar_count(self) -> int:
        return sum(len(_series(segment)) for segment in self.segments)

    def parts(self) -> list[tuple[str | None, BarSeries]]:
        """(contract or None, bars) per segment, bars relabelled with the requested symbol."""
        out: list[tuple[str | None, BarSeries]] = []
        for segment in self.segments:
            if isinstance(segment, ContractBars):
                out.append((str(segment.contract), self._labelled(segment.series)))
            else:
                out.append((None, self._labelled(segment)))
        return out

    def _labelled(self, series: BarSeries) -> BarSeries:
        # evolve checks every value again: only relabel bars that carry another name.
        if series.symbol == self.symbol:
            return series
        return attrs.evolve(series, symbol=self.symbol)


Progress = Callable[[int, int], None]
OnSymbol = Callable[[SymbolHistory], Awaitable[None]]


class ValidateBars(Protocol):
    """Gives ``domain.validation.validate_bars``' findings (the domain's own function, or
    one that computes the same findings faster, e.g. on Arrow columns)."""

    def __call__(
        self,
        series: BarSeries,
        *,
        is_open_at: Callable[[dt.datetime], bool] | None = None,
        allow_negative: bool = False,
    ) -> list[Finding]: ...


def plan_segments(symbol: Symbol, request: HistoryRequest) -> list[Segment]:
    """The fetches one symbol needs: one, or one per front contract for a futures root."""
    window_start, window_end = request_window(symbol, request.start, request.end)
    if window_start >= window_end:
        return []
    if not isinstance(symbol, FuturesRoot):
        return [Segment(str(symbol), _contract_of(symbol), window_start, window_end, window_start)]
    return _continuous_segments(symbol, request, window_start, window_end)


def _contract_of(symbol: Symbol) -> FuturesContract | None:
    return symbol if isinstance(symbol, FuturesContract) else None


def _continuous_segments(
    root: FuturesRoot, request: HistoryRequest, window_start: dt.datetime, window_end: dt.datetime
) -> list[Segment]:
    calendar = root_calendar(root)
    first_day = (
        request.start
        if calendar.is_session(request.start)
        else calendar.next_session(request.start)
    )
    contract = front_month(root.root, first_day, request.roll)
    rolls = roll_schedule(root.root, first_day, request.end, request.roll)
    segments: list[Segment] = []
    start = window_start
    for roll in rolls:
        day = roll.date if calendar.is_session(roll.date) else calendar.next_session(roll.date)
        boundary = calendar.session_bounds(day)[0]
        if boundary > start:
            segments.append(_segment(contract, start, min(boundary, window_end), calendar))
        contract, start = roll.to_contract, max(start, boundary)
    if start < window_end:
        segments.append(_segment(contract, start, window_end, calendar))
    return segments


def _segment(
    contract: FuturesContract, start: dt.datetime, end: dt.datetime, calendar: Calendar
) -> Segment:
    # Fetch one extra session before a roll boundary: the old and new contracts must share
    # bars there for back-adjustment to measure the gap.
    opens_day = calendar.trade_date_at(start) or start.date()
    earlier = calendar.previous_session(opens_day)
    fetch_from = min(start, calendar.session_bounds(earlier)[0])
    return Segment(str(contract), contract, start, end, fetch_from)


def chunks(
    start: dt.datetime, end: dt.datetime, interval: str
) -> list[tuple[dt.datetime, dt.datetime]]:
    """``[start, end)`` cut into consecutive pieces of at most the interval's chunk length."""
    step = dt.timedelta(days=CHUNK_DAYS[interval])
    pieces = []
    cursor = start
    while cursor < end:
        pieces.append((cursor, min(cursor + step, end)))
        cursor += step
    return pieces


async def fetch_history(
    market: MarketData,
    request: HistoryRequest,
    *,
    on_symbol: OnSymbol,
    progress: Progress | None = None,
    concurrency: int = DEFAULT_CONCURRENCY,
    validate: ValidateBars = validate_bars,
) -> None:
    """Fetch every symbol of ``request``; each completed symbol goes to ``on_symbol``
    with the findings of ``validate``.

    ``InvalidInput`` before any fetch when the provider's bars do not reach back to the
    request's start.
    """
    check_reach(request, market.capabilities)
    daily_bar_zone = market.capabilities.daily_bar_zone
    plans = {symbol: plan_segments(symbol, request) for symbol in request.symbols}
    adjusting = request.adjust != "none"
    # A weekly or monthly bar starts up to a month before the roll: reach back that far so
    # the old and new contracts share a bar to measure the gap on.
    reach = dt.timedelta(days=40 if request.interval in ("1w", "1mo") else 0)
    work = [
        (symbol, index, piece)
        for symbol, segments in plans.items()
        for index, segment in enumerate(segments)
        for piece in chunks(
            segment.fetch_from - reach if adjusting else segment.start,
            segment.end,
            request.interval,
        )
    ]
    total, done = len(work), 0
    if progress:
        progress(0, total)
    limiter = anyio.CapacityLimiter(concurrency)
    fetched: dict[tuple[Symbol, int], list[BarSeries]] = {}
    remaining = {symbol: sum(1 for s, _, _ in work if s == symbol) for symbol in plans}

    async def fetch_one(symbol: Symbol, index: int, piece: tuple[dt.datetime, dt.datetime]) -> None:
        nonlocal done
        segment = plans[symbol][index]
        async with limiter:
            bars = await market.price_history(
                HistoryQuery(
                    segment.fetch_symbol, piece[0], piece[1], request.interval, request.session
                )
            )
        fetched.setdefault((symbol, index), []).append(bars)
        done += 1
        remaining[symbol] -= 1
        if progress:
            progress(done, total)
        if remaining[symbol] == 0:
            await on_symbol(
                _assemble(symbol, plans[symbol], fetched, request, daily_bar_zone, validate)
            )

    try:
        async with anyio.create_task_group() as group:
            for symbol in plans:
                if remaining[symbol] == 0:  # nothing to fetch: report an empty history now
                    await on_symbol(
                        _assemble(symbol, plans[symbol], fetched, request, daily_bar_zone, validate)
                    )
            for symbol, index, piece in work:
                group.start_soon(fetch_one, symbol, index, piece)
    except BaseExceptionGroup as failures:
        # One failed request cancels the rest; report what failed, not the group around it.
        raise _first_failure(failures) from None


def _first_failure(group: BaseExceptionGroup[BaseException]) -> BaseException:
    for failure in group.exceptions:
        if isinstance(failure, BaseExceptionGroup):
            return _first_failure(failure)
        return failure
    return group


def _assemble(
    symbol: Symbol,
    segments: Sequence[Segment],
    fetched: dict[tuple[Symbol, int], list[BarSeries]],
    request: HistoryRequest,
    daily_bar_zone: str | None,
    validate: ValidateBars,
) -> SymbolHistory:
    full = [
        _concat(str(symbol), request.interval, fetched.get((symbol, i), []))
        for i in range(len(segments))
    ]
    if is_futures(symbol) and any(segment.contract for segment in segments):
        parts = [
            ContractBars(s.contract, bars)
            for s, bars in zip(segments, full, strict=True)
            if s.contract
        ]
        kept = [
            ContractBars(p.contract, trim(p.series, s.start, s.end))
            for p, s in zip(parts, segments, strict=True)
        ]
        if request.adjust != "none" and len(kept) > 1:
            gaps = [
                roll_gap(kept[i].series, parts[i + 1].series, request.adjust)
                for i in range(len(kept) - 1)
            ]
            kept = back_adjust(kept, gaps, request.adjust)
        result: tuple[ContractBars | BarSeries, ...] = tuple(kept)
    else:
        result = tuple(trim(bars, s.start, s.end) for bars, s in zip(full, segments, strict=True))
    check = session_check(symbol, request.interval, request.session, daily_bar_zone)
    allow_negative = is_futures(symbol)  # e.g. CL settled below zero in April 2020
    findings: list[Finding] = []
    for segment in result:
        series = _series(segment)
        found = validate(series, is_open_at=check, allow_negative=allow_negative)
        if isinstance(segment, ContractBars) and len(result) > 1:
            # Rows count within each contract's segment: say which one.
            found = [attrs.evolve(f, message=f"{segment.contract}: {f.message}") for f in found]
        findings.extend(found)
    return SymbolHistory(str(symbol), result, tuple(findings))


def _concat(symbol: str, interval: str, pieces: list[BarSeries]) -> BarSeries:
    """The pieces' bars in time order; a bar at or before the previous piece's last is
    dropped (chunks are disjoint, but a provider may pad their edges).

    Works piece by piece with slices: each piece is ascending, so the padded edge is
    the prefix ``bisect`` finds, and no Python code runs per bar.
    """
    ordered = sorted((p for p in pieces if len(p)), key=lambda p: p.timestamps[0])
    if len(ordered) == 1 and ordered[0].symbol == symbol and ordered[0].interval == interval:
        return ordered[0]
    columns: list[list[Any]] = [[] for _ in range(6)]
    last: dt.datetime | None = None
    for piece in ordered:
        skip = 0 if last is None else bisect.bisect_right(piece.timestamps, last)
        if skip == len(piece):
            continue
        fields = (piece.timestamps, piece.open, piece.high, piece.low, piece.close, piece.volume)
        for column, field in zip(columns, fields, strict=True):
            column.extend(field[skip:])
        last = piece.timestamps[-1]
    return BarSeries(symbol, interval, *columns)


def _series(segment: ContractBars | BarSeries) -> BarSeries:
    return segment.series if isinstance(segment, ContractBars) else segment
