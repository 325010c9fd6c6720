"""The fake's market-data endpoints: Schwab's parameters and rules, data from the mock.

Requests are checked the way Schwab checks them (at most 500 symbols, valid
period/frequency combinations, known markets and mover indices) and answered from
``adapters.mock.MockMarketData`` on the state's clock, dressed in the real JSON shapes
(``schwab_shapes``). Quirks kept on purpose: intraday history ignores the time of day of its
bounds (whole New York days come back), daily candles are stamped at midnight US/Central,
unknown symbols are listed under ``errors.invalidSymbols`` in a 200.
"""

import datetime as dt
import urllib.parse
from collections.abc import Callable, Coroutine
from typing import Any

import attrs

from tests.fakes import schwab_shapes as shapes
from tests.fakes.schwab_http import (
    Request,
    Response,
    body_overflow,
    json_response,
    schwab_error,
)
from tests.fakes.schwab_state import FakeSchwabState, NowSource
from trade_analyst.adapters.mock import MockMarketData
from trade_analyst.adapters.schwab.history_plan import is_valid_combination
from trade_analyst.domain.models import OptionChain
from trade_analyst.ports import (
    MARKETS,
    MOVER_INDICES,
    ChainQuery,
    ExpirationsQuery,
    HistoryQuery,
    HoursQuery,
    InstrumentsQuery,
    InvalidInput,
    MarketData,
    MoversQuery,
    NoData,
    QuotesQuery,
    from_epoch_ms,
    to_epoch_ms,
)

_QUOTE_FIELDS = {"all", "fundamental", "reference", "extended", "quote", "regular", ""}
_INTERVALS = {"minute": "m", "daily": "1d", "weekly": "1w", "monthly": "1mo"}
_DEFAULT_FREQUENCY_TYPE = {"day": "minute", "month": "weekly", "year": "monthly", "ytd": "weekly"}
_DEFAULT_PERIOD = {"day": 10, "month": 1, "year": 1, "ytd": 1}
# How far back Schwab serves minute bars (1-minute ~48 days, others ~9 months).
_LOOKBACK = {1: dt.timedelta(days=48)}
_LONG_LOOKBACK = dt.timedelta(days=270)
_SORTS = {
    "VOLUME": "volume",
    "TRADES": "trades",
    "PERCENT_CHANGE_UP": "percent_change_up",
    "PERCENT_CHANGE_DOWN": "percent_change_down",
}
_PROJECTIONS = {
    "symbol-search": "symbol",
    "symbol-regex": "symbol_regex",
    "desc-search": "description",
    "desc-regex": "description_regex",
    "search": "symbol",
    "fundamental": "symbol",
}


@attrs.frozen
class _Clock:
    source: NowSource

    def now(self) -> dt.datetime:
        return self.source.now()

    def today(self, zone: dt.tzinfo) -> dt.date:
        return self.now().astimezone(zone).date()


def market_of(state: FakeSchwabState) -> MarketData:
    return state.market if state.market is not None else MockMarketData(_Clock(state.clock))


def _bool(value: str | None, default: bool = False) -> bool:
    return default if value is None else value.strip().lower() == "true"


def _today(state: FakeSchwabState) -> dt.date:
    return state.clock.now().astimezone(shapes.NEW_YORK).date()


Handler = Callable[[FakeSchwabState, dict[str, str], str], Coroutine[Any, Any, Response]]


async def handle(state: FakeSchwabState, request: Request, route: str) -> Response:
    params = request.query()
    # A symbol in the path arrives percent-encoded (``%2FES``); take it from the raw path.
    raw_route = request.raw_path.split("/marketdata/v1", 1)[-1]
    parts = [urllib.parse.unquote(p) for p in raw_route.split("/") if p]
    if state.cache_responses:
        key = request.raw_path + "?" + request.query_string
        cached = state.response_cache.get(key)
        if cached is None:
            cached = await _dispatch(state, params, parts, route)
            if cached.status == 200:
                state.response_cache[key] = cached
        return cached
    return await _dispatch(state, params, parts, route)


async def _dispatch(
    state: FakeSchwabState, params: dict[str, str], parts: list[str], route: str
) -> Response:
    if parts == ["quotes"]:
        return await _quotes(state, params)
    if len(parts) == 2 and parts[1] == "quotes":
        return await _one_quote(state, params, parts[0])
    if parts == ["pricehistory"]:
        return await _history(state, params)
    if parts == ["chains"]:
        return await _chain(state, params)
    if parts == ["expirationchain"]:
        return await _expirations(state, params)
    if parts == ["markets"]:
        return await _hours(state, params.get("markets", "").split(","), params.get("date"))
    if len(parts) == 2 and parts[0] == "markets":
        return await _hours(state, [parts[1]], params.get("date"))
    if len(parts) == 2 and parts[0] == "movers":
        return await _movers(state, params, parts[1])
    if parts == ["instruments"]:
        return await _instruments(state, params)
    if len(parts) == 2 and parts[0] == "instruments":
        return await _by_cusip(state, parts[1])
    return schwab_error(404, f"no route {route}")


async def _quotes(state: FakeSchwabState, params: dict[str, str]) -> Response:
    symbols = [s.strip() for s in params.get("symbols", "").split(",") if s.strip()]
    if not symbols:
        return schwab_error(400, "Search combination should have min of 1.")
    if len(symbols) > 500:
        return schwab_error(400, "Search combination should not exceed 500.")
    fields = {f.strip() for f in params.get("fields", "all").split(",")}
    if not fields <= _QUOTE_FIELDS:
        return schwab_error(
            400,
            "valid fields should be any of all,fundamental,reference,extended,quote,regular "
            "or empty value",
        )
    funds = [s for s in dict.fromkeys(symbols) if s in state.mutual_funds]
    others = [s for s in dict.fromkeys(symbols) if s not in state.mutual_funds]
    body: dict[str, object] = {}
    if others:
        body = shapes.quotes_body(await market_of(state).quotes(QuotesQuery(others)))
    for symbol in funds:
        body[symbol] = shapes.fund_entry(symbol, state.mutual_funds[symbol])
    return json_response(200, _with_quirks(state, body, fields))


def _with_quirks(
    state: FakeSchwabState, body: dict[str, object], fields: set[str]
) -> dict[str, object]:
    """The quote map as the real API answers it, with the quirks the state switches on."""
    answered: dict[str, object] = {}
    for key, entry in body.items():
        if key == "errors" or not isinstance(entry, dict):
            answered[key] = entry
            continue
        if fields & {"all", "regular", ""} and entry.get("assetMainType") == "EQUITY":
            entry = {**entry, "regular": shapes.regular_group(entry)}
        if key in state.extended_last:
            entry = {**entry, "quote": {**entry["quote"], "lastPrice": state.extended_last[key]}}
        if key in state.untraded:
            entry = shapes.untraded(entry)
        contract = entry.get("reference", {}).get("futureActiveSymbol")
        if state.roots_keyed_by_contract and isinstance(contract, str) and contract != key:
            answered[contract] = {**entry, "symbol": contract}
        else:
            answered[key] = entry
    return answered


async def _one_quote(state: FakeSchwabState, params: dict[str, str], symbol: str) -> Response:
    batch = await market_of(state).quotes(QuotesQuery([symbol]))
    if not batch.quotes:
        return schwab_error(404, None)
    return json_response(200, shapes.quotes_body(batch))


def _history_window(
    state: FakeSchwabState, params: dict[str, str], period_type: str, period: int
) -> tuple[dt.datetime, dt.datetime]:
    now = state.clock.now()
    end = from_epoch_ms(int(params["endDate"])) if "endDate" in params else now
    if "startDate" in params:
        start = from_epoch_ms(int(params["startDate"]))
    else:
        days = {"day": 1, "month": 31, "year": 366, "ytd": 366}[period_type] * period
        start = end - dt.timedelta(days=days)
    return start, end


async def _history(state: FakeSchwabState, params: dict[str, str]) -> Response:
    symbol = params.get("symbol", "").strip()
    if not symbol:
        return schwab_error(400, "symbol is required")
    period_type = params.get("periodType", "day")
    frequency_type = params.get("frequencyType", _DEFAULT_FREQUENCY_TYPE.get(period_type, ""))
    try:
        period = int(params.get("period", _DEFAULT_PERIOD.get(period_type, 0)))
        frequency = int(params.get("frequency", "1"))
        start, end = _history_window(state, params, period_type, period)
    except ValueError:
        return schwab_error(400, "period, frequency and dates must be whole numbers")
    if not is_valid_combination(period_type, period, frequency_type, frequency):
        return schwab_error(400, "invalid periodType/period/frequencyType/frequency combination")
    minute = frequency_type == "minute"
    interval = f"{frequency}m" if minute else _INTERVALS[frequency_type]
    session = "extended" if _bool(params.get("needExtendedHoursData")) else "regular"
    if minute:
        # Schwab ignores the time of day of intraday bounds and serves whole days.
        first = start.astimezone(shapes.NEW_YORK).date()
        last = end.astimezone(shapes.NEW_YORK).date() + dt.timedelta(days=1)
        lo = dt.datetime.combine(first, dt.time(), shapes.NEW_YORK).astimezone(dt.UTC)
        hi = dt.datetime.combine(last, dt.time(), shapes.NEW_YORK).astimezone(dt.UTC)
        lo = max(lo, state.clock.now() - _LOOKBACK.get(frequency, _LONG_LOOKBACK))
    else:
        lo, hi = start - dt.timedelta(days=3), end + dt.timedelta(days=3)
    body: list[dict[str, object]] = []
    if lo < hi:
        try:
            query = HistoryQuery(symbol, lo, hi, interval, session)  # type: ignore[arg-type]
            series = (await market_of(state).price_history(query)).to_series()
        except NoData:
            series = None
        except InvalidInput:
            return schwab_error(404, None)
        if series is not None:
            body = shapes.candles(series, daily=not minute)
    if not minute:
        first_ms, last_ms = int(start.timestamp() * 1000), int(end.timestamp() * 1000)
        body = [c for c in body if first_ms <= int(c["datetime"]) <= last_ms]  # type: ignore[call-overload]
    answer: dict[str, object] = {"candles": body, "symbol": symbol, "empty": not body}
    if _bool(params.get("needPreviousClose")):
        answer.update(await _previous_close(state, symbol, start))
    return json_response(200, answer)


async def _previous_close(
    state: FakeSchwabState, symbol: str, start: dt.datetime
) -> dict[str, object]:
    """``previousClose`` and ``previousCloseDate``: the last daily candle of a trade date
    before ``start``'s New York date (its time, like the candle's, at midnight Central);
    nothing when there is none."""
    day = start.astimezone(shapes.NEW_YORK).date()
    cutoff = dt.datetime.combine(day, dt.time(), shapes.CHICAGO)
    query = HistoryQuery(symbol, cutoff - dt.timedelta(days=14), cutoff, "1d")
    try:
        series = (await market_of(state).price_history(query)).to_series()
    except (NoData, InvalidInput):
        return {}
    limit = to_epoch_ms(cutoff)
    before = [c for c in shapes.candles(series, daily=True) if int(str(c["datetime"])) < limit]
    if not before:
        return {}
    return {"previousClose": before[-1]["close"], "previousCloseDate": before[-1]["datetime"]}


async def _chain(state: FakeSchwabState, params: dict[str, str]) -> Response:
    symbol = params.get("symbol", "").strip()
    if not symbol:
        return schwab_error(400, "symbol is required")
    kind = params.get("contractType", "ALL").upper()
    if kind not in ("CALL", "PUT", "ALL"):
        return schwab_error(400, "contractType must be CALL, PUT or ALL")
    try:
        count = int(params["strikeCount"]) if "strikeCount" in params else None
        first = dt.date.fromisoformat(params["fromDate"]) if "fromDate" in params else None
        last = dt.date.fromisoformat(params["toDate"]) if "toDate" in params else None
    except ValueError:
        return schwab_error(400, "strikeCount must be a number and dates yyyy-MM-dd")
    today = _today(state)
    is_index = symbol.startswith("$")
    try:
        query = ChainQuery(
            symbol,
            first,
            last,
            strike_count=count,
            contract_type=kind.lower(),  # type: ignore[arg-type]
        )
        chain = await market_of(state).option_chain(query)
    except NoData:
        chain = None
        if first is not None or last is not None:  # a valid underlying, nothing in the window
            return json_response(
                200,
                {**shapes.chain_body(symbol, None, today, is_index=is_index), "status": "SUCCESS"},
            )
    except InvalidInput:
        chain = None
    size = len(chain.contracts) if chain is not None else 0
    if state.chain_overflow_above is not None and size > state.chain_overflow_above:
        return body_overflow()
    truncated = state.chain_truncate_above is not None and size > state.chain_truncate_above
    if chain is not None and truncated:
        kept = chain.contracts[: state.chain_truncate_above]
        chain = OptionChain(chain.underlying, chain.underlying_price, kept)
    body = shapes.chain_body(symbol, chain, today, is_index=is_index)
    body["isChainTruncated"] = truncated
    if state.untraded_chains:
        shapes.untraded_contracts(body)
    return json_response(200, body)


async def _expirations(state: FakeSchwabState, params: dict[str, str]) -> Response:
    symbol = params.get("symbol", "").strip()
    try:
        dates = await market_of(state).option_expirations(ExpirationsQuery(symbol))
    except (InvalidInput, NoData):
        return schwab_error(404, None)
    return json_response(200, shapes.expirations_body(symbol, dates, _today(state)))


async def _hours(state: FakeSchwabState, markets: list[str], day: str | None) -> Response:
    wanted = [m.strip().lower() for m in markets if m.strip()]
    if not wanted or any(m not in MARKETS for m in wanted):
        return schwab_error(400, "markets must be any of equity,option,bond,future,forex")
    try:
        on = dt.date.fromisoformat(day) if day else _today(state)
    except ValueError:
        return schwab_error(400, "date must be yyyy-MM-dd")
    hours = await market_of(state).market_hours(HoursQuery(wanted, on))  # type: ignore[arg-type]
    return json_response(200, shapes.hours_body(hours))


async def _movers(state: FakeSchwabState, params: dict[str, str], index: str) -> Response:
    if index not in MOVER_INDICES:
        return schwab_error(400, f"symbol_id must be one of {','.join(MOVER_INDICES)}")
    sort = _SORTS.get(params.get("sort", "VOLUME").upper())
    if sort is None or params.get("frequency", "0") not in ("0", "1", "5", "10", "30", "60"):
        return schwab_error(400, "sort or frequency is not valid")
    movers = await market_of(state).movers(MoversQuery(index, sort))  # type: ignore[arg-type]
    return json_response(200, shapes.movers_body(movers[:10]))


async def _instruments(state: FakeSchwabState, params: dict[str, str]) -> Response:
    search = _PROJECTIONS.get(params.get("projection", ""))
    query = params.get("symbol", "").strip()
    if search is None or not query:
        return schwab_error(400, "symbol and a valid projection are required")
    found = []
    for part in query.split(",") if search == "symbol" else [query]:
        try:
            search_query = InstrumentsQuery(part.strip(), search)  # type: ignore[arg-type]
            found.extend(await market_of(state).instruments(search_query))
        except InvalidInput:
            return schwab_error(400, "the search pattern is not valid")
    return json_response(200, shapes.instruments_body(found))


async def _by_cusip(state: FakeSchwabState, cusip: str) -> Response:
    known = state.instruments_by_cusip.get(cusip)
    found = [known] if known is not None else []
    if not found:
        found = await market_of(state).instruments(InstrumentsQuery(cusip, "cusip"))
    if not found:
        return schwab_error(404, f"no instrument with CUSIP {cusip}")
    # The real answer wraps the one instrument in a list, like a search.
    return json_response(200, shapes.instruments_body(found))
