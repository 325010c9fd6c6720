"""``AsyncClient``: the API's calls as coroutines, over the jobs the ``ta`` commands run.

Each call checks its input with the functions ``ta`` uses (so a mistake is the same
``InvalidInput``, exit code 2, with the same hint), runs the job on the provider, and
answers a pyarrow Table of the columns ``ta`` writes to the matching dataset.
"""

import datetime as dt
import functools
import warnings
from collections.abc import Awaitable, Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

import attrs

from trade_analyst.entrypoints.api.inputs import as_date, as_optional_date, symbol_texts
from trade_analyst.entrypoints.config import Settings
from trade_analyst.ports import Clock, MarketData, TradeAnalystError

if TYPE_CHECKING:
    import pyarrow as pa

    from trade_analyst.domain.validation import Finding
    from trade_analyst.entrypoints.jobs.history import SymbolHistory

P = ParamSpec("P")
R = TypeVar("R")
CLOSED_HINT = "open another with trade_analyst.connect() or connect_async()"


class ValidationWarning(UserWarning):
    """Fetched data broke a validation rule (``strict=True`` raises instead)."""


def reported(
    call: Callable[Concatenate["AsyncClient", P], Awaitable[R]],
) -> Callable[Concatenate["AsyncClient", P], Awaitable[R]]:
    """A call of an open client whose errors leave as ``TradeAnalystError`` with their hint
    shown under the traceback; a domain error (a bad symbol or date deep in a job) is bad
    input (exit 2)."""

    @functools.wraps(call)
    async def run(client: "AsyncClient", /, *args: P.args, **kwargs: P.kwargs) -> R:
        from trade_analyst.domain.errors import DomainError
        from trade_analyst.ports import InvalidInput

        try:
            if client.closed:
                raise InvalidInput("the client is closed", CLOSED_HINT)
            return await call(client, *args, **kwargs)
        except TradeAnalystError as exc:
            exc.add_note(f"hint: {exc.hint}")
            raise
        except DomainError as exc:
            error = InvalidInput(str(exc), "see help() of the call for the valid forms")
            error.add_note(f"hint: {error.hint}")
            raise error from None

    return run


class AsyncClient:
    """Market data from one provider; every call is a coroutine answering a pyarrow Table.

    Made by ``trade_analyst.connect_async``. Close it with ``async with`` or ``aclose()``.
    """

    def __init__(self, market: MarketData, settings: Settings, clock: Clock, provider: str):
        self._market = market
        self._settings = settings
        self._clock = clock
        self.provider = provider
        self.closed = False

    @property
    def synthetic(self) -> bool:
        """Whether this provider makes its data up (the mock), as every row also says."""
        return self.provider == "mock"

    async def __aenter__(self) -> "AsyncClient":
        return self

    async def __aexit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Release the provider's connections (Schwab's HTTP client); calling it twice is fine."""
        if self.closed:
            return
        self.closed = True
        # Only providers holding a connection (Schwab) have aclose; the port does not ask for it.
        closer: Callable[[], Awaitable[None]] | None = getattr(self._market, "aclose", None)
        if closer is not None:
            await closer()

    @reported
    async def history(
        self,
        symbols: str | Sequence[str],
        *,
        start: dt.date | str,
        end: dt.date | str,
        interval: str = "1d",
        session: str = "regular",
        roll: str | None = None,
        adjust: str = "none",
        strict: bool = False,
        change: bool = False,
    ) -> "pa.Table":
        """Bars of ``symbols`` from ``start`` to ``end`` (inclusive), as ``ta history``.

        A futures root (``/ES``) is a continuous series: ``contract`` names each bar's
        contract, switching on the roll dates of ``roll`` (``auto`` or ``expiry``; default
        the configured policy); ``adjust`` (``difference`` or ``ratio``) back-adjusts
        earlier contracts. ``interval``: 1m 5m 10m 15m 30m 1h 1d 1w 1mo; ``session``:
        ``regular`` or ``extended`` hours for equities. Columns as the ``bars_<interval>``
        dataset, symbols in the order asked. Validation findings are a
        ``ValidationWarning``, or ``DataValidationFailed`` (exit 6) with ``strict``;
        ``NoData`` (exit 4) when no symbol has a bar in the range. ``change`` adds
        ``previous_close`` (the close before each bar; null where unknown and at a roll)
        and ``net_change`` (close minus previous_close), as ``ta history --change``.
        """
        import pyarrow as pa

        from trade_analyst.entrypoints.bootstrap import build_bar_tables, build_bar_validator
        from trade_analyst.entrypoints.jobs.findings import enforce_strict
        from trade_analyst.entrypoints.jobs.history import fetch_history
        from trade_analyst.entrypoints.jobs.requests import (
            check_history_request,
            check_symbols_exist,
            no_bars,
            parse_symbols,
        )
        from trade_analyst.entrypoints.jobs.windows import market_today

        today = market_today(self._clock)
        request = check_history_request(
            parse_symbols(symbol_texts(symbols), today),
            as_date(start, "start"),
            as_date(end, "end"),
            interval,
            today=today,
            session=session,
            roll=self._roll(roll),
            adjust=adjust,
        )
        request = attrs.evolve(request, previous_close=change)
        await check_symbols_exist(self._market, request.symbols)
        histories: dict[str, SymbolHistory] = {}

        async def collect(history: "SymbolHistory") -> None:
            histories[history.symbol] = history

        await fetch_history(
            self._market, request, on_symbol=collect, validate=build_bar_validator()
        )
        in_order = [histories[str(symbol)] for symbol in request.symbols]
        for history in in_order:
            enforce_strict(strict, f"{history.symbol} bars", history.findings)
        to_table = build_bar_tables()
        tables = [to_table(history.parts(), synthetic=self.synthetic) for history in in_order]
        if change:
            tables = [_with_change(t, h) for t, h in zip(tables, in_order, strict=True)]
        if not any(table.num_rows for table in tables):
            raise no_bars(request)  # not a warning per empty symbol first
        for history in in_order:
            _warn(f"{history.symbol} bars", history.findings)
        return pa.concat_tables(tables)

    @reported
    async def quotes(self, symbols: str | Sequence[str], *, strict: bool = False) -> "pa.Table":
        """The latest quote of each symbol, as ``ta quotes`` (a futures root names its
        front contract in ``contract``). Columns as the ``quotes`` dataset; an unknown
        symbol is ``InvalidInput`` (exit 2) naming it."""
        from trade_analyst.entrypoints.bootstrap import build_arrow_tables
        from trade_analyst.entrypoints.jobs.requests import parse_symbols
        from trade_analyst.entrypoints.jobs.snapshots import fetch_quotes
        from trade_analyst.entrypoints.jobs.windows import market_today
        from trade_analyst.ports import quotes_table

        parsed = parse_symbols(symbol_texts(symbols), market_today(self._clock))
        quotes, findings = await fetch_quotes(self._market, parsed, self._clock)
        self._check("quotes", findings, strict)
        return build_arrow_tables()(quotes_table(quotes, self._clock.now()))

    @reported
    async def chain(
        self,
        underlying: str,
        *,
        expiration: dt.date | str | None = None,
        from_date: dt.date | str | None = None,
        to_date: dt.date | str | None = None,
        strikes: int | None = None,
        type: str = "all",
        strict: bool = False,
    ) -> "pa.Table":
        """The option chain of ``underlying``, as ``ta chain``: one ``expiration``, or those
        from ``from_date`` to ``to_date``; ``strikes`` around the money; ``type`` call, put
        or all. Columns as the ``option_chains`` dataset (greeks, IV, bid/ask)."""
        from trade_analyst.entrypoints.bootstrap import build_arrow_tables
        from trade_analyst.entrypoints.jobs.requests import (
            check_chain_window,
            check_choice,
            parse_symbols,
        )
        from trade_analyst.entrypoints.jobs.snapshots import fetch_option_chain
        from trade_analyst.entrypoints.jobs.windows import market_today
        from trade_analyst.ports import CONTRACT_TYPES, chain_table

        window = check_chain_window(
            as_optional_date(expiration, "expiration"),
            as_optional_date(from_date, "from_date"),
            as_optional_date(to_date, "to_date"),
            strikes,
        )
        check_choice("type", type, CONTRACT_TYPES)
        today = market_today(self._clock)
        (symbol,) = parse_symbols([underlying], today)
        chain, findings = await fetch_option_chain(
            self._market,
            symbol,
            window,
            strikes=strikes,
            contract_type=type,  # type: ignore[arg-type]  # checked against CONTRACT_TYPES
            today=today,
        )
        self._check(f"{symbol} chain", findings, strict)
        table = chain_table(chain, self._clock.now(), synthetic=self.synthetic)
        return build_arrow_tables()(table)

    @reported
    async def levels(
        self,
        symbol: str,
        date: dt.date | str,
        *,
        kind: str = "classic",
        session: str = "regular",
        roll: str | None = None,
        anchor: dt.date | str | None = None,
    ) -> "pa.Table":
        """Pivot levels for session ``date`` from the prior session's bar, and the VWAP of
        ``date`` with 1σ/2σ bands (anchored on session ``anchor`` when given), as
        ``ta levels``: one row of the columns ``ta levels --format json`` prints.
        ``kind``: classic, fibonacci, camarilla, woodie or demark. A futures root resolves
        to its front contract on ``date``. ``NoData`` (exit 4) names the dates it lacked."""
        from trade_analyst.domain.analytics import PIVOT_KINDS
        from trade_analyst.entrypoints.api.tables import levels_table
        from trade_analyst.entrypoints.jobs.levels import (
            LevelsRequest,
            compute_levels,
            levels_record,
        )
        from trade_analyst.entrypoints.jobs.requests import check_choice, parse_symbols
        from trade_analyst.entrypoints.jobs.windows import market_today
        from trade_analyst.ports import TRADING_SESSIONS

        check_choice("kind", kind, PIVOT_KINDS)
        check_choice("session", session, TRADING_SESSIONS)
        today = market_today(self._clock)
        request = LevelsRequest(
            parse_symbols([symbol], today)[0],
            symbol,
            as_date(date, "date"),
            kind,  # type: ignore[arg-type]  # checked against PIVOT_KINDS
            session,  # type: ignore[arg-type]  # checked against TRADING_SESSIONS
            self._roll(roll),
            as_optional_date(anchor, "anchor"),
        )
        result = await compute_levels(self._market, request, today=today, synthetic=self.synthetic)
        return levels_table(levels_record(result))

    def _roll(self, roll: str | None) -> str:
        """The roll policy asked for, else the configured one (as ``--roll``)."""
        from trade_analyst.domain.futures import POLICIES
        from trade_analyst.entrypoints.jobs.requests import check_choice

        chosen = roll or self._settings.roll_policy
        check_choice("roll", chosen, POLICIES)
        return chosen

    @staticmethod
    def _check(label: str, findings: "Sequence[Finding]", strict: bool) -> None:
        """With ``strict``, error findings raise (exit 6); findings are a warning."""
        from trade_analyst.entrypoints.jobs.findings import enforce_strict

        enforce_strict(strict, label, findings)
        _warn(label, findings)


def _warn(label: str, findings: "Sequence[Finding]") -> None:
    """Findings as one ``ValidationWarning``: how many of each severity, and the first."""
    from trade_analyst.entrypoints.jobs.findings import counts_text

    if findings:
        first = findings[0]
        where = f" row {first.row}" if first.row is not None else ""
        warnings.warn(
            f"validation: {label}: {counts_text(findings)}; first: {first.severity} "
            f"{first.rule_id}{where}: {first.message}",
            ValidationWarning,
            stacklevel=4,
        )


def _with_change(table: "pa.Table", history: "SymbolHistory") -> "pa.Table":
    """``table`` (one symbol's bars, in order) with ``previous_close`` and ``net_change``."""
    import pyarrow as pa
    import pyarrow.compute as pc

    before = pa.array(history.previous_closes(), pa.float64())
    table = table.append_column("previous_close", before)
    return table.append_column("net_change", pc.subtract(table.column("close"), before))
