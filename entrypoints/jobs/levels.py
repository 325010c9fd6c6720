"""``ta levels``: pivots from the prior session's daily bar and the VWAP of the session.

The prior session is the previous NYSE session for equities and indices, the previous CME
trade date of the root's calendar for futures; a futures root is resolved to its front
contract on the target date and every bar comes from that contract (for an anchored VWAP,
every session of the window too: there is no roll inside it). Each provider request
gets an id recorded in the result, so a levels.v1 document names exactly what it used.
"""

import datetime as dt
import math
import uuid
from collections.abc import Callable
from typing import Literal

import attrs

from trade_analyst.domain.analytics import (
    BarPrice,
    PivotKind,
    PivotLevels,
    PriorBar,
    SessionVwap,
    anchored_vwap,
    pivot_levels,
)
from trade_analyst.domain.calendars import Calendar, get_calendar, nyse
from trade_analyst.domain.models import Bar
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol
from trade_analyst.entrypoints.jobs.windows import daily_bar_date, day_start
from trade_analyst.ports import (
    DataValidationFailed,
    HistoryQuery,
    Interval,
    InvalidInput,
    MarketData,
    NoData,
    ProviderCapabilities,
)

__all__ = [
    "LevelsRequest",
    "LevelsResult",
    "ProviderRequest",
    "SessionSpan",
    "anchored_span",
    "compute_levels",
    "levels_record",
    "resolve",
    "session_span",
]

SessionName = Literal["regular", "extended"]
# Finest first: the VWAP is taken from the finest bars the provider still serves for D.
INTRADAY_CHOICES: tuple[tuple[Interval, int], ...] = (("1m", 1), ("5m", 5))
VWAP_PRICE: BarPrice = "ohlc4"


@attrs.frozen
class LevelsRequest:
    symbol: Symbol
    symbol_raw: str
    date: dt.date
    kind: PivotKind = "classic"
    session: SessionName = "regular"
    roll: str = "auto"
    anchor: dt.date | None = None  # None: the VWAP of session ``date`` alone


@attrs.frozen
class ProviderRequest:
    """One call made to the provider, as recorded in the output's provenance."""

    id: str
    purpose: Literal["prior_daily_bar", "session_intraday_bars"]
    symbol: str
    interval: str
    session: str
    start: dt.datetime
    end: dt.datetime
    bars: int


@attrs.frozen
class SessionSpan:
    """The part of session D the VWAP covers: trading windows inside ``[start, end)``."""

    start: dt.datetime
    end: dt.datetime
    windows: tuple[tuple[dt.datetime, dt.datetime], ...]
    label: str

    def contains(self, ts: dt.datetime) -> bool:
        return any(open_ <= ts < close for open_, close in self.windows)

    def minutes(self) -> float:
        return sum((close - open_).total_seconds() / 60 for open_, close in self.windows)


@attrs.frozen
class LevelsResult:
    request: LevelsRequest
    symbol: str  # what was fetched: the equity, or the resolved futures contract
    contract: FuturesContract | None
    calendar: str
    prior_date: dt.date
    prior_bar: Bar
    levels: PivotLevels
    vwap: SessionVwap | None
    vwap_reason: str | None  # why vwap is None
    span: SessionSpan
    interval: str | None  # the intraday interval used (None when none could be asked for)
    bars_expected: int | None
    bars_received: int
    requests: tuple[ProviderRequest, ...]
    provider: str
    synthetic: bool
    sessions: int = 1  # sessions the VWAP window spans (anchor through date)
    notes: tuple[str, ...] = ()  # what a reader of an anchored result must know

    @property
    def vwap_kind(self) -> Literal["session", "anchored"]:
        return "session" if self.request.anchor is None else "anchored"

    @property
    def coverage_pct(self) -> float:
        if not self.bars_expected:
            return 100.0 if self.bars_received else 0.0
        return min(100.0, round(100 * self.bars_received / self.bars_expected, 1))

    @property
    def vwap_method(self) -> str:
        """How the VWAP was made: ``bars_<interval>_<price>``, or ``unavailable``."""
        if self.vwap is None or self.interval is None:
            return "unavailable"
        return f"bars_{self.interval}_{self.vwap.price}"


def _new_id() -> str:
    return uuid.uuid4().hex


def resolve(request: LevelsRequest) -> tuple[str, FuturesContract | None, Calendar]:
    """The symbol to fetch, the contract behind it and the calendar its sessions follow."""
    from trade_analyst.domain.futures import contract_spec, front_month, root_calendar

    symbol = request.symbol
    if isinstance(symbol, FuturesRoot | FuturesContract):
        from trade_analyst.domain.errors import DomainError

        try:
            contract_spec(symbol.root)
        except DomainError as exc:
            raise InvalidInput(str(exc), "'ta futures roots' lists every known root") from None
        calendar = root_calendar(symbol.root)
        contract = (
            symbol
            if isinstance(symbol, FuturesContract)
            else front_month(symbol.root, request.date, request.roll)
        )
        return str(contract), contract, calendar
    if symbol.kind in ("equity", "index"):
        return str(symbol), None, get_calendar("nyse")
    raise InvalidInput(
        f"levels need an exchange-traded symbol with sessions, not {symbol.kind} {symbol}",
        "use an equity (AAPL), an index ($SPX), a futures root (/ES) or a contract (/ESZ25)",
    )


def session_span(
    calendar: Calendar,
    day: dt.date,
    session: SessionName,
    futures: bool,
    has_extended_hours: bool = True,
) -> SessionSpan:
    """The windows of session ``day`` the VWAP covers.

    Equities: the NYSE session (09:30-16:00 ET, or its early close), or with ``extended``
    the calendar's extended hours (04:00-20:00 ET, 17:00 after a 13:00 half day); indices
    have no extended hours, so theirs is the regular session. Futures: the NYSE's regular
    hours (09:30-16:00 ET) inside the Globex windows of trade date ``day``, or the whole
    Globex session (from the evening before) with ``extended``.
    """
    new_york = nyse().zone.key
    if futures and session == "extended":
        windows = calendar.session_windows(day)
        label = f"{day.isoformat()} Globex session (trade date), {_span_text(windows, calendar)}"
    elif futures:
        day_open, day_close = nyse().regular_hours(day)
        windows = tuple(
            (max(open_, day_open), min(close, day_close))
            for open_, close in calendar.session_windows(day)
            if open_ < day_close and close > day_open
        )
        label = f"{day.isoformat()} {_ny_span(windows, day)} {new_york} (Globex hours)"
    elif session == "extended" and has_extended_hours:
        windows = (calendar.extended_hours(day),)
        label = f"{day.isoformat()} {_ny_span(windows, day)} {new_york} (extended hours)"
    else:
        windows = calendar.session_windows(day)
        label = f"{day.isoformat()} {_ny_span(windows, day)} {new_york}"
    if not windows:  # a futures trade date whose Globex hours miss 09:30-16:00 ET entirely
        instant = nyse().regular_hours(day)[0]
        return SessionSpan(instant, instant, (), label)
    return SessionSpan(windows[0][0], windows[-1][1], tuple(windows), label)


def anchored_span(
    calendar: Calendar,
    anchor: dt.date,
    day: dt.date,
    session: SessionName,
    futures: bool,
    has_extended_hours: bool = True,
) -> tuple[SessionSpan, int]:
    """The windows of every session from ``anchor`` through ``day`` (each by the rules of
    :func:`session_span`), and how many sessions that is."""
    days = calendar.sessions(anchor, day)
    spans = [session_span(calendar, d, session, futures, has_extended_hours) for d in days]
    windows = tuple(window for span in spans for window in span.windows)
    label = (
        spans[0].label
        if len(spans) == 1
        else f"{spans[0].label} through {spans[-1].label} ({len(days)} sessions)"
    )
    if not windows:
        return SessionSpan(spans[0].start, spans[-1].end, (), label), len(days)
    return SessionSpan(windows[0][0], windows[-1][1], windows, label), len(days)


def _ny_span(windows: tuple[tuple[dt.datetime, dt.datetime], ...], day: dt.date) -> str:
    """The New York times the windows span; the NYSE's regular hours when there are none."""
    zone = nyse().zone
    if not windows:
        opens, closes = nyse().regular_hours(day)
        return f"{opens.astimezone(zone):%H:%M}–{closes.astimezone(zone):%H:%M} (no trading)"
    first, last = windows[0][0].astimezone(zone), windows[-1][1].astimezone(zone)
    return f"{first:%H:%M}–{last:%H:%M}"


def _span_text(windows: tuple[tuple[dt.datetime, dt.datetime], ...], calendar: Calendar) -> str:
    """The windows in the exchange's own time, named."""

    def fmt(ts: dt.datetime) -> str:
        return ts.astimezone(calendar.zone).strftime("%Y-%m-%d %H:%M")

    return ", ".join(f"{fmt(a)}–{fmt(b)}" for a, b in windows) + f" {calendar.zone.key}"


async def compute_levels(
    market: MarketData,
    request: LevelsRequest,
    *,
    today: dt.date,
    synthetic: bool,
    new_id: Callable[[], str] = _new_id,
) -> LevelsResult:
    """Pivots from the prior session's bar and the VWAP of session ``request.date``."""
    fetch_symbol, contract, calendar = resolve(request)
    futures = contract is not None
    day = request.date
    if request.anchor is not None:
        _check_anchor(calendar, request.anchor, day, fetch_symbol)
    if not calendar.is_session(day):
        before, after = calendar.previous_session(day), calendar.next_session(day)
        raise NoData(
            f"{day.isoformat()} is not a {calendar.name} session for {fetch_symbol}: "
            f"looked for sessions {before.isoformat()} (prior) and {day.isoformat()}",
            f"ask for a session date, e.g. {before.isoformat()} or {after.isoformat()}",
        )
    prior = calendar.previous_session(day)
    requests: list[ProviderRequest] = []
    prior_bar = await _prior_bar(
        market, fetch_symbol, calendar, futures, prior, day, requests, new_id
    )
    try:
        levels = pivot_levels(
            PriorBar(prior_bar.open, prior_bar.high, prior_bar.low, prior_bar.close),
            request.kind,
        )
    except ValueError as exc:
        raise DataValidationFailed(
            f"the {prior.isoformat()} daily bar of {fetch_symbol} is inconsistent: {exc}",
            "the provider sent a bad bar; try again later or another provider",
        ) from None
    has_extended = request.symbol.kind != "index"
    sessions = 1
    notes: tuple[str, ...] = ()
    if request.anchor is None:
        span = session_span(calendar, day, request.session, futures, has_extended)
    else:
        span, sessions = anchored_span(
            calendar, request.anchor, day, request.session, futures, has_extended
        )
        notes = _anchor_notes(request, contract)
    intraday = await _session_bars(
        market, fetch_symbol, span, futures, request.session, day, today, requests, new_id,
        oldest=request.anchor or day,
    )  # fmt: skip
    return LevelsResult(
        request=request,
        symbol=fetch_symbol,
        contract=contract,
        calendar=calendar.name,
        prior_date=prior,
        prior_bar=prior_bar,
        levels=levels,
        vwap=intraday.vwap,
        vwap_reason=intraday.reason,
        span=span,
        interval=intraday.interval,
        bars_expected=intraday.expected,
        bars_received=intraday.received,
        requests=tuple(requests),
        provider=market.name,
        synthetic=synthetic,
        sessions=sessions,
        notes=notes,
    )


def _check_anchor(calendar: Calendar, anchor: dt.date, day: dt.date, symbol: str) -> None:
    """An anchor is a session on or before ``day``; anything else is a usage error."""
    if anchor > day:
        raise InvalidInput(
            f"--anchor {anchor.isoformat()} is after --date {day.isoformat()}",
            f"anchor on a session on or before {day.isoformat()}, or leave --anchor out "
            "for the session VWAP",
        )
    if not calendar.is_session(anchor):
        before, after = calendar.previous_session(anchor), calendar.next_session(anchor)
        hint = f"anchor on a session, e.g. {before.isoformat()}"
        if after <= day:
            hint += f" or {after.isoformat()}"
        raise InvalidInput(
            f"--anchor {anchor.isoformat()} is not a {calendar.name} session for {symbol}",
            hint,
        )


def _anchor_notes(request: LevelsRequest, contract: FuturesContract | None) -> tuple[str, ...]:
    """A futures root is resolved once, on ``date``: say that its contract serves the whole
    anchored window, and name the contract that was front on the anchor if it differs."""
    from trade_analyst.domain.futures import front_month

    anchor = request.anchor
    if contract is None or anchor is None or isinstance(request.symbol, FuturesContract):
        return ()
    note = (
        f"{request.symbol} resolved to its front contract on {request.date.isoformat()}, "
        f"{contract}; the anchored VWAP uses {contract} for every session from "
        f"{anchor.isoformat()} (no roll inside the window)"
    )
    front_at_anchor = front_month(contract.root, anchor, request.roll)
    if front_at_anchor != contract:
        note += f"; the front contract on {anchor.isoformat()} was {front_at_anchor}"
    return (note,)


async def _prior_bar(
    market: MarketData,
    symbol: str,
    calendar: Calendar,
    futures: bool,
    prior: dt.date,
    day: dt.date,
    requests: list[ProviderRequest],
    new_id: Callable[[], str],
) -> Bar:
    """The prior session's daily bar: ask for exactly that session, then keep only a bar
    stamped with that trade date (never "the last candle", which was D's own)."""
    if futures:
        start, end = calendar.session_bounds(prior)
    else:
        start = day_start(prior)
        end = start + dt.timedelta(days=1)
    daily = await market.price_history(HistoryQuery(symbol, start, end, "1d", "regular"))
    requests.append(
        ProviderRequest(
            new_id(), "prior_daily_bar", symbol, "1d", "regular", start, end, len(daily)
        )
    )
    trade_date = daily_bar_date(calendar, market.capabilities.daily_bar_zone)
    matching = [bar for bar in daily.to_series().bars() if trade_date(bar.timestamp) == prior]
    if not matching:
        raise NoData(
            f"no daily bar for {symbol} on {prior.isoformat()}, the session before "
            f"{day.isoformat()} (pivots need it; looked for {prior.isoformat()} and "
            f"{day.isoformat()})",
            "check the symbol traded then; the provider may not have that day yet",
        )
    return matching[-1]


@attrs.frozen
class _Intraday:
    vwap: SessionVwap | None = None
    reason: str | None = None
    interval: str | None = None
    expected: int | None = None
    received: int = 0


def _reaches(capabilities: ProviderCapabilities, interval: str, age: int) -> bool:
    """Whether the provider still serves ``interval`` bars ``age`` days old."""
    lookback = capabilities.lookback(interval)
    return lookback is None or age <= lookback


async def _session_bars(
    market: MarketData,
    symbol: str,
    span: SessionSpan,
    futures: bool,
    session: SessionName,
    day: dt.date,
    today: dt.date,
    requests: list[ProviderRequest],
    new_id: Callable[[], str],
    *,
    oldest: dt.date,
) -> _Intraday:
    """The VWAP of ``span`` from the finest bars the provider still serves back to
    ``oldest`` (``day``, or the anchor), or the reason there is none."""
    if not span.windows:
        return _Intraday(reason=f"{symbol} has no trading hours in {span.label}")
    age = (today - oldest).days
    capabilities = market.capabilities
    choice = next(((n, m) for n, m in INTRADAY_CHOICES if _reaches(capabilities, n, age)), None)
    if choice is None:
        reach = capabilities.lookback(INTRADAY_CHOICES[-1][0])
        what = oldest.isoformat() if oldest == day else f"the anchor {oldest.isoformat()}"
        return _Intraday(reason=f"intraday bars reach back {reach} days; {what} is {age} days ago")
    interval, minutes = choice
    expected = math.ceil(span.minutes() / minutes)
    # Globex has no pre/post split: the window alone says which hours count.
    provider_session: SessionName = "extended" if futures or session == "extended" else "regular"
    series = await market.price_history(
        HistoryQuery(symbol, span.start, span.end, interval, provider_session)
    )
    requests.append(
        ProviderRequest(
            new_id(), "session_intraday_bars", symbol, interval, provider_session,
            span.start, span.end, len(series),
        )
    )  # fmt: skip
    bars = [bar for bar in series.to_series().bars() if span.contains(bar.timestamp)]
    # From the window's first open: the session VWAP is the anchored one anchored on D.
    vwap = anchored_vwap(bars, span.start, VWAP_PRICE)
    reason = None
    if not bars:
        reason = f"no {interval} bars for {symbol} in {span.label}"
        if day >= today:
            reason += " (the session has not started or no bars are published yet)"
    elif vwap is None:
        reason = f"the {len(bars)} {interval} bars of {span.label} carry no volume"
    return _Intraday(vwap, reason, interval, expected, len(bars))


def levels_record(result: LevelsResult) -> dict[str, object]:
    """One flat record (json, csv, table): levels, bands, the prior bar and data quality."""
    levels, vwap, bar = result.levels, result.vwap, result.prior_bar
    # Without --anchor the record keeps exactly its earlier columns.
    anchored: dict[str, object] = (
        {}
        if result.request.anchor is None
        else {
            "vwap_kind": result.vwap_kind,
            "anchor": result.request.anchor,
            "vwap_sessions": result.sessions,
            "notes": "; ".join(result.notes) or None,
        }
    )
    return {
        "symbol": result.symbol,
        "symbol_raw": result.request.symbol_raw,
        "date": result.request.date,
        "kind": levels.kind,
        "session": result.request.session,
        "prior_date": result.prior_date,
        "prior_open": bar.open,
        "prior_high": bar.high,
        "prior_low": bar.low,
        "prior_close": bar.close,
        **levels.as_dict(),
        "vwap": None if vwap is None else vwap.vwap,
        "vwap_upper_1": None if vwap is None else vwap.upper_1,
        "vwap_lower_1": None if vwap is None else vwap.lower_1,
        "vwap_upper_2": None if vwap is None else vwap.upper_2,
        "vwap_lower_2": None if vwap is None else vwap.lower_2,
        "vwap_stdev": None if vwap is None else vwap.stdev,
        "vwap_method": result.vwap_method,
        "vwap_unavailable_reason": result.vwap_reason,
        **anchored,
        "bars_expected": result.bars_expected,
        "bars_received": result.bars_received,
        "coverage_pct": result.coverage_pct,
        "session_window": result.span.label,
        "provider": result.provider,
        "synthetic": result.synthetic,
    }
