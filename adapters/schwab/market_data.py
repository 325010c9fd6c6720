"""``SchwabMarketData``: the ``MarketData`` port over Schwab's REST market-data API."""

import bisect
import datetime as dt
import logging
import urllib.parse
from types import TracebackType
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from trade_analyst import ports
from trade_analyst.adapters.schwab.history_plan import plan_history
from trade_analyst.adapters.schwab.http import SchwabHttp
from trade_analyst.adapters.schwab.mapping import history as history_map
from trade_analyst.adapters.schwab.mapping.history_body import HistoryBody, read_history_body
from trade_analyst.adapters.schwab.mapping.hours import map_hours
from trade_analyst.adapters.schwab.mapping.lists import map_instruments, map_movers
from trade_analyst.adapters.schwab.mapping.options import (
    is_truncated,
    map_chain,
    map_expirations,
)
from trade_analyst.adapters.schwab.mapping.quotes import map_quotes
from trade_analyst.adapters.schwab.mapping.values import expect_object
from trade_analyst.domain.models import OptionChain
from trade_analyst.ports import from_epoch_ms

log = logging.getLogger(__name__)

MAX_SYMBOLS_PER_CALL = 500  # "Search combination should not exceed 500."
# What Schwab serves: intraday bars reach back ~48 days at 1 minute and ~9 months at 5 to
# 30 minutes (hourly bars are built from 30-minute ones); daily candles are stamped at
# midnight US/Central of their trade date (and so is a previous close's date).
_DAILY_ZONE = "America/Chicago"
CAPABILITIES = ports.ProviderCapabilities(
    lookback_days={"1m": 48, "5m": 270, "10m": 270, "15m": 270, "30m": 270, "1h": 270},
    daily_bar_zone=_DAILY_ZONE,
)
# ``regular`` adds the regular session's last price, which after the close differs from
# ``lastPrice`` (then an extended-hours print).
_QUOTE_FIELDS = "quote,reference,regular"
_CONTRACT_TYPES = {"call": "CALL", "put": "PUT", "all": "ALL"}
_SORTS = {
    "volume": "VOLUME",
    "trades": "TRADES",
    "percent_change_up": "PERCENT_CHANGE_UP",
    "percent_change_down": "PERCENT_CHANGE_DOWN",
}
_PROJECTIONS: dict[str, str] = {
    "symbol": "symbol-search",
    "symbol_regex": "symbol-regex",
    "description": "desc-search",
    "description_regex": "desc-regex",
}


class SchwabMarketData:
    """Market data from Schwab. Use ``async with`` (or call ``aclose``) to release the one
    HTTP client it keeps for the whole run."""

    def __init__(self, http: SchwabHttp) -> None:
        self._http = http

    @property
    def name(self) -> str:
        return "schwab"

    @property
    def capabilities(self) -> ports.ProviderCapabilities:
        return CAPABILITIES

    async def __aenter__(self) -> "SchwabMarketData":
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._http.client.aclose()

    async def _get(self, path: str, params: dict[str, str], what: str) -> Any:
        return await self._http.get_json(path, params, what=what)

    # ------------------------------------------------------------------ quotes
    async def quotes(self, query: ports.QuotesQuery) -> ports.QuoteBatch:
        asked = [s.strip() for s in query.symbols]
        if not all(asked):
            raise ports.InvalidInput("a symbol is empty", "give symbols such as AAPL /ES $SPX")
        unique = list(dict.fromkeys(asked))
        found: dict[str, Any] = {}
        invalid: set[str] = set()
        for first in range(0, len(unique), MAX_SYMBOLS_PER_CALL):
            batch = unique[first : first + MAX_SYMBOLS_PER_CALL]
            params = {"symbols": ",".join(batch), "fields": _QUOTE_FIELDS}
            answer = await self._get("/quotes", params, "a quotes request")
            payload = expect_object(answer, "quotes")
            quotes, unknown = map_quotes(payload, batch)
            found.update((q.symbol, q) for q in quotes)
            invalid.update(unknown)
        return ports.QuoteBatch(
            tuple(found[s] for s in asked if s in found),
            tuple(dict.fromkeys(s for s in asked if s in invalid)),
        )

    # ------------------------------------------------------------------ history
    async def price_history(self, query: ports.HistoryQuery) -> ports.BarColumns:
        plan = plan_history(query)
        what = f"the price history of {plan.symbol}"
        chunks = []
        tops = []
        for chunk in plan.chunks:
            # Read from the body's bytes: a long history costs no Python object per candle.
            body = await self._http.get_body(
                "/pricehistory",
                plan.params(chunk),
                what=what,
                decode=lambda raw: read_history_body(raw, what),
                shape=_top_of,
            )
            chunks.append(body.columns())
            tops.append(body.top)
        candles = history_map.merge_columns(chunks)
        if plan.fetch.hours_from_half_hours:
            candles = history_map.Candles.from_rows(
                history_map.hours_from_half_hours(candles.rows())
            )
        bars = candles.trim(plan.start, plan.end).to_bars(plan.symbol, plan.interval)
        if not (query.previous_close and tops):
            return bars
        close, day = _previous_close(tops[0], candles, bars)
        return attrs.evolve(bars, previous_close=close, previous_close_date=day)

    # ------------------------------------------------------------------ options
    async def option_chain(self, query: ports.ChainQuery) -> OptionChain:
        underlying, from_date, to_date = query.underlying, query.from_date, query.to_date
        kind = _CONTRACT_TYPES[query.contract_type]
        params = {
            "symbol": underlying,
            "contractType": kind,
            "strategy": "SINGLE",
            "includeUnderlyingQuote": "false",
        }
        if query.strike_count is not None:
            params["strikeCount"] = str(query.strike_count)
        if from_date is not None:
            params["fromDate"] = from_date.isoformat()
        if to_date is not None:
            params["toDate"] = to_date.isoformat()
        what = f"the option chain of {underlying}"
        payload = expect_object(await self._get("/chains", params, what), what)
        if is_truncated(payload):
            log.warning(
                "Schwab cut the option chain of %s short (isChainTruncated): some contracts "
                "are missing; ask for less with --from/--to or --strikes",
                underlying,
            )
        chain = map_chain(payload, underlying)
        # Filter again client-side: the dates bound expirations both ways, inclusive.
        kept = tuple(
            c
            for c in chain.contracts
            if (from_date is None or c.expiration >= from_date)
            and (to_date is None or c.expiration <= to_date)
            and (query.contract_type == "all" or c.right == kind[0])
        )
        return OptionChain(chain.underlying, chain.underlying_price, kept)

    async def option_expirations(self, query: ports.ExpirationsQuery) -> list[dt.date]:
        what = f"the expirations of {query.underlying}"
        payload = await self._get("/expirationchain", {"symbol": query.underlying}, what)
        return map_expirations(expect_object(payload, what))

    # ------------------------------------------------------------------ reference
    async def market_hours(self, query: ports.HoursQuery) -> list[ports.MarketHours]:
        wanted = list(dict.fromkeys(query.markets))
        params = {"markets": ",".join(wanted), "date": query.on.isoformat()}
        payload = await self._get("/markets", params, "a market hours request")
        return map_hours(expect_object(payload, "market hours"), wanted, query.on)

    async def movers(self, query: ports.MoversQuery) -> list[ports.Mover]:
        index, order = query.index, _SORTS[query.sort]
        path = "/movers/" + urllib.parse.quote(index, safe="$")
        params = {"sort": order, "frequency": str(query.frequency)}
        payload = await self._get(path, params, f"movers of {index}")
        return map_movers(expect_object(payload, "movers"))[:10]

    async def instruments(self, query: ports.InstrumentsQuery) -> list[ports.Instrument]:
        if query.search == "cusip":
            cusip = query.query.strip()
            path = "/instruments/" + urllib.parse.quote(cusip, safe="")
            try:
                return map_instruments(await self._get(path, {}, f"the instrument {cusip}"))
            except ports.NoData:
                return []  # Schwab answers an unknown CUSIP with a 404; a search finds nothing
        params = {"symbol": query.query.strip(), "projection": _PROJECTIONS[query.search]}
        return map_instruments(await self._get("/instruments", params, "an instrument search"))


def _previous_close(
    top: object, candles: history_map.Candles, bars: ports.BarColumns
) -> tuple[float | None, dt.date | None]:
    """The close before the first bar. Schwab gives the one before the first chunk's
    start; daily chunks start a day early (see ``plan_history``), so a daily candle fetched
    but trimmed off before the first bar is the nearer one."""
    zone = ZoneInfo(_DAILY_ZONE)
    if bars.interval == "1d" and len(bars):
        before = bisect.bisect_left(candles.times, bars.timestamps[0])
        if before:
            stamp = from_epoch_ms(candles.times[before - 1])
            return candles.close[before - 1], stamp.astimezone(zone).date()
    return history_map.previous_close(top, zone)


def _top_of(body: HistoryBody) -> object:
    return body.top
