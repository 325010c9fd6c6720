"""What a market-data request may ask for, as values that cannot hold a bad request.

Each ``MarketData`` method takes one of these queries. A query refuses, as it is built,
what no provider could serve (start after end, a naive time, an unknown interval, market,
sort...), with the same message and hint whichever provider is asked next. A provider is
therefore never handed a request it has to check again: it keeps only the checks of its
own making (what its API or its data cannot serve).
"""

import datetime as dt
from collections.abc import Sequence
from typing import Literal, get_args

import attrs

from trade_analyst.ports.errors import InvalidInput

Interval = Literal["1m", "5m", "10m", "15m", "30m", "1h", "1d", "1w", "1mo"]
INTERVALS: tuple[Interval, ...] = ("1m", "5m", "10m", "15m", "30m", "1h", "1d", "1w", "1mo")
TradingSession = Literal["regular", "extended"]
TRADING_SESSIONS: tuple[TradingSession, ...] = get_args(TradingSession)
ContractType = Literal["call", "put", "all"]
CONTRACT_TYPES: tuple[ContractType, ...] = get_args(ContractType)
Market = Literal["equity", "option", "future", "forex", "bond"]
MARKETS: tuple[Market, ...] = ("equity", "option", "future", "forex", "bond")
MoverSort = Literal["volume", "trades", "percent_change_up", "percent_change_down"]
MOVER_SORTS: tuple[MoverSort, ...] = get_args(MoverSort)
# ``cusip``: the instrument with exactly this CUSIP (nine characters).
InstrumentSearch = Literal["symbol", "symbol_regex", "description", "description_regex", "cusip"]
INSTRUMENT_SEARCHES: tuple[InstrumentSearch, ...] = get_args(InstrumentSearch)
# Movers ranked over all of today (0) or only the last 1, 5, 10, 30 or 60 minutes.
MOVER_FREQUENCIES = (0, 1, 5, 10, 30, 60)
# What Schwab's /movers accepts; other providers serve the same names.
MOVER_INDICES = (
    "$DJI",
    "$COMPX",
    "$SPX",
    "NYSE",
    "NASDAQ",
    "OTCBB",
    "INDEX_ALL",
    "EQUITY_ALL",
    "OPTION_ALL",
    "OPTION_PUT",
    "OPTION_CALL",
)


def parse_interval(text: str) -> Interval:
    """An interval as users type it, in any case (``1D``, ``5M``, ``1Mo``): the one place
    where a typed interval becomes an ``Interval``.

    ``1M`` alone is refused: other tools read it as a month, ours as a minute, and a
    guess either way would fetch thousands of times too many or too few bars.
    """
    cleaned = text.strip()
    if cleaned == "1M":
        raise InvalidInput(
            "ambiguous interval '1M'", "write 1m for one-minute bars or 1mo for monthly bars"
        )
    for interval in INTERVALS:
        if cleaned.lower() == interval:
            return interval
    raise InvalidInput(f"unsupported interval {text!r}", f"choose one of: {', '.join(INTERVALS)}")


def _require_one_of(value: object, valid: tuple[str, ...], what: str, listing: str) -> None:
    """InvalidInput naming ``value`` and listing ``valid`` when ``value`` is not one of them."""
    if value not in valid:
        raise InvalidInput(f"{what} {value!r}", f"{listing}: {', '.join(valid)}")


def _symbol_list(symbols: Sequence[str]) -> tuple[str, ...]:
    # A bare string is one symbol, not a list of its letters.
    if isinstance(symbols, str) or not symbols:
        raise InvalidInput("quotes need a list of one or more symbols", "e.g. AAPL /ES $SPX")
    return tuple(symbols)


def _market_list(markets: Sequence[Market]) -> tuple[Market, ...]:
    if isinstance(markets, str) or not markets:
        raise InvalidInput("market hours need one or more markets", f"valid: {', '.join(MARKETS)}")
    for market in markets:
        _require_one_of(market, MARKETS, "unknown market", "valid markets")
    return tuple(markets)


@attrs.frozen
class QuotesQuery:
    """Quotes of one or more symbols."""

    symbols: tuple[str, ...] = attrs.field(converter=_symbol_list)


@attrs.frozen
class HistoryQuery:
    """Bars of ``symbol`` starting in ``[start, end)``, of a known interval and trading
    session. The times must be aware, start no later than end (an empty range asks for an
    empty answer); they are kept in UTC.

    ``previous_close``: also give the close of the session before the first bar (the
    answer's ``previous_close`` and ``previous_close_date``)."""

    symbol: str
    start: dt.datetime
    end: dt.datetime
    interval: Interval
    session: TradingSession = "regular"
    previous_close: bool = attrs.field(default=False, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _require_one_of(self.interval, INTERVALS, "unsupported interval", "valid intervals")
        _require_one_of(self.session, TRADING_SESSIONS, "unknown session", "valid")
        for name, value in (("start", self.start), ("end", self.end)):
            if not isinstance(value, dt.datetime) or value.utcoffset() is None:
                raise InvalidInput(
                    f"{name} must be an aware datetime, got {value!r}", "give a time zone"
                )
        if self.start > self.end:
            raise InvalidInput(
                f"start {self.start.isoformat()} is after end {self.end.isoformat()}",
                "give a start no later than the end",
            )
        # Checked above in the caller's zone (the message shows the times as given); the
        # providers all receive UTC. Frozen: attrs' documented way to set a field here.
        object.__setattr__(self, "start", self.start.astimezone(dt.UTC))
        object.__setattr__(self, "end", self.end.astimezone(dt.UTC))


@attrs.frozen
class ChainQuery:
    """Option contracts on ``underlying`` expiring from ``from_date`` to ``to_date`` (both
    inclusive; None: open), at most ``strike_count`` strikes per expiration (a positive
    number; None: all), of one contract type."""

    underlying: str
    from_date: dt.date | None = None
    to_date: dt.date | None = None
    strike_count: int | None = attrs.field(default=None, kw_only=True)
    contract_type: ContractType = attrs.field(default="all", kw_only=True)

    def __attrs_post_init__(self) -> None:
        first, last, count = self.from_date, self.to_date, self.strike_count
        if first is not None and last is not None and first > last:
            raise InvalidInput(f"from {first} is after to {last}", "give from <= to")
        if count is not None and (not isinstance(count, int) or count < 1):
            raise InvalidInput(f"strike count must be a positive number, got {count!r}", "e.g. 10")
        _require_one_of(self.contract_type, CONTRACT_TYPES, "unknown contract type", "valid")


@attrs.frozen
class ExpirationsQuery:
    """The listed option expirations of ``underlying``."""

    underlying: str


@attrs.frozen
class HoursQuery:
    """The hours of one or more known markets on the date ``on``."""

    markets: tuple[Market, ...] = attrs.field(converter=_market_list)
    on: dt.date


@attrs.frozen
class MoversQuery:
    """The top movers of one of ``MOVER_INDICES``, ranked by a known sort."""

    index: str
    sort: MoverSort = "volume"
    frequency: int = 0  # one of MOVER_FREQUENCIES: minutes ranked over, 0 for the whole day

    def __attrs_post_init__(self) -> None:
        _require_one_of(self.index, MOVER_INDICES, "unknown movers index", "valid")
        _require_one_of(self.sort, MOVER_SORTS, "unknown movers sort", "valid")
        if self.frequency not in MOVER_FREQUENCIES:
            choices = ", ".join(str(f) for f in MOVER_FREQUENCIES)
            raise InvalidInput(
                f"unknown movers frequency {self.frequency}", f"give one of {choices}"
            )


@attrs.frozen
class InstrumentsQuery:
    """Instruments matching ``query`` (not blank) the way a known kind of ``search`` says."""

    query: str
    search: InstrumentSearch = "symbol"

    def __attrs_post_init__(self) -> None:
        _require_one_of(self.search, INSTRUMENT_SEARCHES, "unknown instrument search", "valid")
        if not isinstance(self.query, str) or not self.query.strip():
            raise InvalidInput(
                "an instrument search needs a query", "give a symbol or words of a name"
            )
