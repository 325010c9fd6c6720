"""Checking a history request before any data is fetched or written.

Everything a user can get wrong (a malformed or unknown symbol, start after end, an
interval the range cannot have) is caught here, so a bad request never leaves files. How
far back an interval reaches depends on the provider: ``check_reach`` asks the one given.
"""

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, cast

import attrs

from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol, parse_symbol
from trade_analyst.ports import (
    Interval,
    InvalidInput,
    NoData,
    ProviderCapabilities,
    TradingSession,
    parse_interval,
)

if TYPE_CHECKING:
    from trade_analyst.ports import MarketData

ADJUSTMENTS = ("none", "difference", "ratio")


@attrs.frozen
class HistoryRequest:
    """What ``ta history`` was asked for, already checked; ``today`` is the market date it
    was asked on, from which the provider's reach is counted. ``previous_close``: also ask
    for the close before each symbol's first bar (to show each bar's change)."""

    symbols: tuple[Symbol, ...]
    start: dt.date
    end: dt.date
    interval: Interval
    session: TradingSession = "regular"
    roll: str = "auto"
    adjust: str = "none"
    today: dt.date = attrs.field(kw_only=True)
    previous_close: bool = attrs.field(default=False, kw_only=True)

    def as_record(self) -> dict[str, object]:
        """The request as recorded in dataset metadata."""
        return {
            "symbols": [str(symbol) for symbol in self.symbols],
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "interval": self.interval,
            "session": self.session,
            "roll": self.roll,
            "adjust": self.adjust,
        }


def parse_symbols(texts: Sequence[str], today: dt.date) -> tuple[Symbol, ...]:
    """Parse every symbol or fail on the first bad one, naming it."""
    from trade_analyst.domain.errors import DomainError

    if not texts:
        raise InvalidInput("no symbol given", "name at least one symbol, e.g. AAPL or /ES")
    symbols: list[Symbol] = []
    for text in texts:
        try:
            symbols.append(parse_symbol(text, today=today))
        except DomainError as exc:
            raise InvalidInput(str(exc).split("; valid forms")[0], _symbol_hint()) from None
    return tuple(dict.fromkeys(symbols))  # the same symbol twice is one request


def check_history_request(
    symbols: tuple[Symbol, ...],
    start: dt.date,
    end: dt.date,
    interval: str,
    *,
    today: dt.date,
    session: str = "regular",
    roll: str = "auto",
    adjust: str = "none",
) -> HistoryRequest:
    """A ``HistoryRequest`` if every part is servable by any provider, else ``InvalidInput``
    with a hint (what one provider can serve is ``check_reach``'s)."""
    checked_interval = parse_interval(interval)
    if start > end:
        raise InvalidInput(
            f"--start {start} is after --end {end}", "give a --start on or before --end"
        )
    if adjust not in ADJUSTMENTS:
        raise InvalidInput(
            f"unknown --adjust {adjust!r}", f"choose one of: {', '.join(ADJUSTMENTS)}"
        )
    for symbol in symbols:
        _check_symbol_kind(symbol)
    if session not in ("regular", "extended"):
        raise InvalidInput(f"unknown --session {session!r}", "choose regular or extended")
    return HistoryRequest(
        symbols,
        start,
        end,
        checked_interval,
        cast(TradingSession, session),
        roll,
        adjust,
        today=today,
    )


def check_reach(request: HistoryRequest, capabilities: ProviderCapabilities) -> None:
    """``InvalidInput`` when the provider's bars at the request's interval do not reach
    back to its start."""
    lookback = capabilities.lookback(request.interval)
    if lookback is not None and (request.today - request.start).days > lookback:
        oldest = request.today - dt.timedelta(days=lookback)
        raise InvalidInput(
            f"{request.interval} bars reach back {lookback} days; "
            f"--start {request.start} is before {oldest}",
            f"use --start {oldest} or later, or a daily interval (1d, 1w, 1mo) for older data",
        )


def check_choice(option: str, value: str, allowed: Sequence[str]) -> None:
    """``InvalidInput`` naming the choices when ``value`` is not one of ``allowed`` (the
    command line checks its options' choices itself; the Python API checks them here)."""
    if value not in allowed:
        raise InvalidInput(f"unknown {option} {value!r}", f"choose one of: {', '.join(allowed)}")


def check_date_in_range(value: dt.date) -> None:
    """``InvalidInput`` for a date outside the range the calendars cover: one far outside
    it (0001-01-01, 9999-12-31) would otherwise overflow date arithmetic deep in a job."""
    from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE

    if not FIRST_DATE <= value <= LAST_DATE:
        raise InvalidInput(
            f"date {value.isoformat()} is outside the supported range "
            f"{FIRST_DATE.isoformat()}..{LAST_DATE.isoformat()}",
            f"give dates from {FIRST_DATE.isoformat()} to {LAST_DATE.isoformat()}",
        )


def check_chain_window(
    expiration: dt.date | None,
    from_date: dt.date | None,
    to_date: dt.date | None,
    strikes: int | None,
) -> tuple[dt.date | None, dt.date | None]:
    """The first and last expiration an option chain request asks for, or ``InvalidInput``
    (one expiration or a range, never both; a range in order; at least one strike)."""
    if expiration is not None and (from_date or to_date):
        raise InvalidInput(
            "--expiration cannot be combined with --from/--to", "use one or the other"
        )
    first, last = (expiration, expiration) if expiration else (from_date, to_date)
    if first and last and first > last:
        raise InvalidInput(f"--from {first} is after --to {last}", "give --from on or before --to")
    if strikes is not None and strikes < 1:
        raise InvalidInput(f"--strikes must be at least 1, got {strikes}", "try --strikes 10")
    return first, last


def unknown_symbols(invalid: Sequence[str]) -> InvalidInput:
    """The error for symbols the provider does not know (bad input: exit 2)."""
    return InvalidInput(
        f"unknown symbol(s): {', '.join(invalid)}",
        "check the spelling; 'ta instruments QUERY' searches for symbols",
    )


async def check_symbols_exist(market: "MarketData", symbols: Sequence[Symbol]) -> None:
    """Unknown symbols are bad input (exit 2) before anything is fetched or written."""
    from trade_analyst.entrypoints.jobs.windows import is_futures
    from trade_analyst.ports import QuotesQuery

    plain = [str(symbol) for symbol in symbols if not is_futures(symbol)]
    if not plain:
        return  # futures were checked against the contract registry already
    batch = await market.quotes(QuotesQuery(plain))
    if batch.invalid:
        raise unknown_symbols(batch.invalid)


def no_bars(request: HistoryRequest) -> NoData:
    """No bar at all in the range is exit 4 (as ``ta levels``), naming the dates."""
    symbols = ", ".join(str(symbol) for symbol in request.symbols)
    return NoData(
        f"no {request.interval} bars for {symbols} from {request.start.isoformat()} "
        f"to {request.end.isoformat()}",
        "widen the date range (weekends and holidays have no bars) or check the symbols",
    )


def _check_symbol_kind(symbol: Symbol) -> None:
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.futures import contract_spec

    if isinstance(symbol, FuturesRoot | FuturesContract):
        try:
            contract_spec(symbol.root)
        except DomainError as exc:
            raise InvalidInput(str(exc), "'ta futures roots' lists every known root") from None
        return
    if symbol.kind in ("option", "future_option"):
        raise InvalidInput(
            f"price history is not available for options ({symbol})",
            "ask for the underlying, or use 'ta chain' for option prices",
        )


def _symbol_hint() -> str:
    return (
        "symbols look like AAPL, BRK.B, $SPX, /ES (a futures root), /ESZ25 (a contract) or EUR/USD"
    )
