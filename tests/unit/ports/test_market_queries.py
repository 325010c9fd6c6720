"""The market-data query values refuse, as they are built, every request no provider could
serve, with exactly one message and hint; what they accept they keep as given (times in UTC).

Each refusal below is the one every provider used to give for the same bad arguments: the
providers now never see such a request (``market_data_contract`` checks they serve every
query that can be built).
"""

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.ports import (
    MARKETS,
    ChainQuery,
    ExpirationsQuery,
    HistoryQuery,
    HoursQuery,
    InstrumentsQuery,
    InvalidInput,
    MoversQuery,
    QuotesQuery,
)

NEW_YORK = ZoneInfo("America/New_York")
MORNING = dt.datetime(2025, 7, 2, 9, 30, tzinfo=NEW_YORK)
MIDNIGHT = dt.datetime(2025, 7, 1, tzinfo=dt.UTC)
DAY = dt.date(2025, 7, 3)

# name: (building the query, the message, the hint)
BAD_QUERIES: dict[str, tuple[Callable[[], object], str, str]] = {
    "no symbols": (
        lambda: QuotesQuery([]),
        "quotes need a list of one or more symbols",
        "e.g. AAPL /ES $SPX",
    ),
    "one symbol not in a list": (
        lambda: QuotesQuery("AAPL"),
        "quotes need a list of one or more symbols",
        "e.g. AAPL /ES $SPX",
    ),
    "start after end": (
        lambda: HistoryQuery("AAPL", MORNING, MIDNIGHT, "5m"),
        "start 2025-07-02T09:30:00-04:00 is after end 2025-07-01T00:00:00+00:00",
        "give a start no later than the end",
    ),
    "naive start": (
        lambda: HistoryQuery("AAPL", dt.datetime(2025, 7, 1), MORNING, "5m"),
        "start must be an aware datetime, got datetime.datetime(2025, 7, 1, 0, 0)",
        "give a time zone",
    ),
    "naive end": (
        lambda: HistoryQuery("AAPL", MIDNIGHT, dt.datetime(2025, 7, 2, 16), "5m"),
        "end must be an aware datetime, got datetime.datetime(2025, 7, 2, 16, 0)",
        "give a time zone",
    ),
    "a date for a time": (
        lambda: HistoryQuery("AAPL", "2025-07-01", MORNING, "5m"),  # type: ignore[arg-type]
        "start must be an aware datetime, got '2025-07-01'",
        "give a time zone",
    ),
    "unknown interval": (
        lambda: HistoryQuery("AAPL", MIDNIGHT, MORNING, "2h"),  # type: ignore[arg-type]
        "unsupported interval '2h'",
        "valid intervals: 1m, 5m, 10m, 15m, 30m, 1h, 1d, 1w, 1mo",
    ),
    "unknown session": (
        lambda: HistoryQuery("AAPL", MIDNIGHT, MORNING, "5m", "night"),  # type: ignore[arg-type]
        "unknown session 'night'",
        "valid: regular, extended",
    ),
    "chain window ending before it starts": (
        lambda: ChainQuery("SPY", dt.date(2025, 2, 1), dt.date(2025, 1, 1)),
        "from 2025-02-01 is after to 2025-01-01",
        "give from <= to",
    ),
    "no strikes": (
        lambda: ChainQuery("SPY", strike_count=0),
        "strike count must be a positive number, got 0",
        "e.g. 10",
    ),
    "strikes as text": (
        lambda: ChainQuery("SPY", strike_count="10"),  # type: ignore[arg-type]
        "strike count must be a positive number, got '10'",
        "e.g. 10",
    ),
    "unknown contract type": (
        lambda: ChainQuery("SPY", contract_type="straddle"),  # type: ignore[arg-type]
        "unknown contract type 'straddle'",
        "valid: call, put, all",
    ),
    "no markets": (
        lambda: HoursQuery([], DAY),
        "market hours need one or more markets",
        "valid: equity, option, future, forex, bond",
    ),
    "one market not in a list": (
        lambda: HoursQuery("equity", DAY),  # type: ignore[arg-type]
        "market hours need one or more markets",
        "valid: equity, option, future, forex, bond",
    ),
    "unknown market": (
        lambda: HoursQuery(["equity", "moon", "mars"], DAY),  # type: ignore[list-item]
        "unknown market 'moon'",
        "valid markets: equity, option, future, forex, bond",
    ),
    "unknown movers index": (
        lambda: MoversQuery("NOT_AN_INDEX"),
        "unknown movers index 'NOT_AN_INDEX'",
        "valid: $DJI, $COMPX, $SPX, NYSE, NASDAQ, OTCBB, INDEX_ALL, EQUITY_ALL, OPTION_ALL, "
        "OPTION_PUT, OPTION_CALL",
    ),
    "unknown movers sort": (
        lambda: MoversQuery("$SPX", "alphabetical"),  # type: ignore[arg-type]
        "unknown movers sort 'alphabetical'",
        "valid: volume, trades, percent_change_up, percent_change_down",
    ),
    "blank instrument query": (
        lambda: InstrumentsQuery("  "),
        "an instrument search needs a query",
        "give a symbol or words of a name",
    ),
    "unknown instrument search": (
        lambda: InstrumentsQuery("AAPL", "fuzzy"),  # type: ignore[arg-type]
        "unknown instrument search 'fuzzy'",
        "valid: symbol, symbol_regex, description, description_regex, cusip",
    ),
}


@pytest.mark.parametrize("problem", list(BAD_QUERIES))
def test_a_query_no_provider_could_serve_cannot_be_built(problem: str) -> None:
    build, message, hint = BAD_QUERIES[problem]
    with pytest.raises(InvalidInput) as refused:
        build()
    assert (refused.value.message, refused.value.hint) == (message, hint)


def test_a_query_is_checked_again_when_changed() -> None:
    query = HistoryQuery("AAPL", MIDNIGHT, MORNING, "5m")
    with pytest.raises(InvalidInput, match="unsupported interval"):
        attrs.evolve(query, interval="2h")  # type: ignore[arg-type]


_ZONES = st.sampled_from([dt.UTC, NEW_YORK, ZoneInfo("Asia/Tokyo"), ZoneInfo("Asia/Kolkata")])
_TIMES = st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2060, 1, 1), timezones=_ZONES)


@given(_TIMES, _TIMES)
def test_history_times_are_the_same_instants_in_utc(a: dt.datetime, b: dt.datetime) -> None:
    start, end = sorted((a, b))
    query = HistoryQuery("/ES", start, end, "1m", "extended")
    # Timestamps: == between zones is False for a local time that a clock change repeats.
    assert (query.start.timestamp(), query.end.timestamp()) == (start.timestamp(), end.timestamp())
    assert query.start.tzinfo is dt.UTC
    assert query.end.tzinfo is dt.UTC


def test_an_empty_range_is_a_query() -> None:
    query = HistoryQuery("AAPL", MORNING, MORNING, "1d")
    assert query.start == query.end


@given(st.lists(st.sampled_from(MARKETS), min_size=1))
def test_lists_are_kept_in_order_as_tuples(markets: list[str]) -> None:
    hours = HoursQuery(markets, DAY)  # type: ignore[arg-type]
    quotes = QuotesQuery(markets)
    assert hours.markets == quotes.symbols == tuple(markets)
    assert hash(hours) == hash(HoursQuery(list(markets), DAY))  # type: ignore[arg-type]


def test_the_defaults_are_the_widest_plain_request() -> None:
    assert HistoryQuery("AAPL", MIDNIGHT, MORNING, "1d").session == "regular"
    chain = ChainQuery("SPY")
    assert (chain.from_date, chain.to_date, chain.strike_count, chain.contract_type) == (
        None,
        None,
        None,
        "all",
    )
    assert MoversQuery("$SPX").sort == "volume"
    assert InstrumentsQuery("AAPL").search == "symbol"
    assert ExpirationsQuery("SPY").underlying == "SPY"


def test_strike_count_and_contract_type_are_named_not_positional() -> None:
    with pytest.raises(TypeError):
        ChainQuery("SPY", None, None, 5)  # type: ignore[call-arg]
