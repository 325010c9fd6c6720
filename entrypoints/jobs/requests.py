"""Checking a history request before any data is fetched or written.

Everything a user can get wrong (a malformed or unknown symbol, start after end, an
interval the range cannot have) is caught here, so a bad request never leaves files. How
far back an interval reaches depends on the provider: ``check_reach`` asks the one given.
"""

import datetime as dt
from collections.abc import Sequence
from typing import cast

import attrs

from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol, parse_symbol
from trade_analyst.ports import (
    Interval,
    InvalidInput,
    ProviderCapabilities,
    TradingSession,
    parse_interval,
)

ADJUSTMENTS = ("none", "difference", "ratio")


@attrs.frozen
class HistoryRequest:
    """What ``ta history`` was asked for, already checked; ``today`` is the market date it
    was asked on, from which the provider's reach is counted."""

    symbols: tuple[Symbol, ...]
    start: dt.date
    end: dt.date
    interval: Interval
    session: TradingSession = "regular"
    roll: str = "auto"
    adjust: str = "none"
    today: dt.date = attrs.field(kw_only=True)

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
