"""``ta history``: fetch bars for many symbols concurrently, futures roots as continuous series.

Each symbol becomes one or more segments (a futures root has one per front contract along
the roll schedule); each segment is fetched in chunks so long backfills show progress and
run several requests at once under a concurrency limit (the provider adapter applies its
own rate limit on top). A symbol is handed to ``on_symbol`` as soon as all its chunks are
in, so an interrupted backfill keeps every symbol that completed.
"""

import datetime as dt
from collections.abc import Awaitable, Callable, Sequence

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
)
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol
from trade_analyst.domain.validation import Finding
from trade_analyst.entrypoints.jobs.bar_rules import ValidateBars, validate_in_domain
from trade_analyst.entrypoints.jobs.requests import HistoryRequest, check_reach
from trade_analyst.entrypoints.jobs.windows import is_futures, request_window, session_check
from trade_analyst.ports import BarColumns, HistoryQuery, MarketData, concat_bars

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


Part = tuple[str | None, BarColumns]


@attrs.frozen
class SymbolHistory:
    """Every bar of one requested symbol, segment by segment, and what validation found.

    ``segments`` hold (contract or None, bars) per segment, the bars named for the
    requested symbol: one segment for a plain symbol, one per front contract for a root.
    The first segment's bars carry the provider's previous close when it was asked for.
    """

    symbol: str
    segments: tuple[Part, ...]
    findings: tuple[Finding, ...]

    @property
    def bar_count(self) -> int:
        return sum(len(bars) for _, bars in self.segments)

    def parts(self) -> list[Part]:
        """(contract or None, bars) per segment."""
        return list(self.segments)

    def previous_closes(self) -> list[float | None]:
        """The close before each bar, in order: the provider's previous close for the first
        bar, then the prior bar's close of the same contract; None where it is not known
        and at a roll (a contract's first bar is no change from another contract's)."""
        closes: list[float | None] = []
        for index, (_, bars) in enumerate(self.segments):
            before = bars.previous_close if index == 0 else None
            for close in bars.close:
                closes.append(before)
                before = close
        return closes


Progress = Callable[[int, int], None]
OnSymbol = Callable[[SymbolHistory], Awaitable[None]]


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
    validate: ValidateBars = validate_in_domain,
) -> None:
    """Fetch every symbol of ``request``; each completed symbol goes to ``on_symbol``
    with the findings of ``validate``.

    ``InvalidInput`` before any fetch when the provider's bars do not reach back to the
    request's start.
    """
    check_reach(request, market.capabilities)
    daily_bar_zone = market.capabilities.daily_bar_zone
    plans = {symbol: plan_segments(symbol, request) for symbol in request.symbols}
    # A weekly or monthly bar starts up to a month before the roll: reach back that far so
    # the old and new contracts share a bar to measure the gap on.
    reach = dt.timedelta(days=40 if request.interval in ("1w", "1mo") else 0)
    work = [
        (symbol, index, piece)
        for symbol, segments in plans.items()
        for index, segment in enumerate(segments)
        for piece in chunks(
            _fetch_start(segment, index, request, reach), segment.end, request.interval
        )
    ]
    total, done = len(work), 0
    if progress:
        progress(0, total)
    limiter = anyio.CapacityLimiter(concurrency)
    fetched: dict[tuple[Symbol, int], list[BarColumns]] = {}
    remaining = {symbol: sum(1 for s, _, _ in work if s == symbol) for symbol in plans}

    async def fetch_one(symbol: Symbol, index: int, piece: tuple[dt.datetime, dt.datetime]) -> None:
        nonlocal done
        segment = plans[symbol][index]
        # Only the first chunk's previous close is the one before the symbol's first bar.
        first = request.previous_close and index == 0 and piece[0] == segment.start
        async with limiter:
            bars = await market.price_history(
                HistoryQuery(
                    segment.fetch_symbol,
                    piece[0],
                    piece[1],
                    request.interval,
                    request.session,
                    previous_close=first,
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


def _fetch_start(
    segment: Segment, index: int, request: HistoryRequest, reach: dt.timedelta
) -> dt.datetime:
    """Where a segment's fetch starts: before the segment when back-adjusting (the roll gap
    is measured on the next contract's bars from before its roll), except the first
    segment when the previous close is asked for: no gap is measured on it, and its
    provider's previous close must be the one before the symbol's first bar."""
    if request.adjust == "none" or (index == 0 and request.previous_close):
        return segment.start
    return segment.fetch_from - reach


def _first_failure(group: BaseExceptionGroup[BaseException]) -> BaseException:
    for failure in group.exceptions:
        if isinstance(failure, BaseExceptionGroup):
            return _first_failure(failure)
        return failure
    return group


def _assemble(
    symbol: Symbol,
    segments: Sequence[Segment],
    fetched: dict[tuple[Symbol, int], list[BarColumns]],
    request: HistoryRequest,
    daily_bar_zone: str | None,
    validate: ValidateBars,
) -> SymbolHistory:
    name = str(symbol)
    full = [
        concat_bars(name, request.interval, fetched.get((symbol, i), []))
        for i in range(len(segments))
    ]
    kept = [bars.trim(s.start, s.end) for bars, s in zip(full, segments, strict=True)]
    contracts = [None if s.contract is None else str(s.contract) for s in segments]
    if request.adjust != "none" and len(kept) > 1 and all(segment.contract for segment in segments):
        adjusted = _back_adjusted(segments, full, kept, request.adjust)
        kept = [_adjusted_previous_close(kept[0], adjusted[0], request.adjust), *adjusted[1:]]
    check = session_check(symbol, request.interval, request.session, daily_bar_zone)
    allow_negative = is_futures(symbol)  # e.g. CL settled below zero in April 2020
    findings: list[Finding] = []
    for contract, bars in zip(contracts, kept, strict=True):
        found = validate(bars, is_open_at=check, allow_negative=allow_negative)
        if contract is not None and len(kept) > 1:
            # Rows count within each contract's segment: say which one.
            found = [attrs.evolve(f, message=f"{contract}: {f.message}") for f in found]
        findings.extend(found)
    return SymbolHistory(name, tuple(zip(contracts, kept, strict=True)), tuple(findings))


def _adjusted_previous_close(raw: BarColumns, adjusted: BarColumns, adjustment: str) -> BarColumns:
    """``adjusted`` with its previous close moved as its bars were (by the same difference
    or ratio), so that the first bar's change is the contract's own."""
    close = raw.previous_close
    if close is None or not len(raw):
        return adjusted
    if adjustment == "difference":
        moved: float | None = close + (adjusted.close[0] - raw.close[0])
    else:
        moved = close * adjusted.close[0] / raw.close[0] if raw.close[0] else None
    return attrs.evolve(adjusted, previous_close=moved)


def _back_adjusted(
    segments: Sequence[Segment],
    full: Sequence[BarColumns],
    kept: Sequence[BarColumns],
    adjustment: str,
) -> list[BarColumns]:
    """The segments shifted by the domain's roll gaps, each measured on the next contract's
    whole fetch (which reaches back before its roll)."""
    parts = [
        ContractBars(s.contract, bars.to_series())
        for s, bars in zip(segments, kept, strict=True)
        if s.contract
    ]
    gaps = [
        roll_gap(parts[i].series, full[i + 1].to_series(), adjustment)
        for i in range(len(parts) - 1)
    ]
    adjusted = back_adjust(parts, gaps, adjustment)
    return [
        attrs.evolve(
            bars,
            open=part.series.open,
            high=part.series.high,
            low=part.series.low,
            close=part.series.close,
        )
        for bars, part in zip(kept, adjusted, strict=True)
    ]
