"""Mock quotes: every symbol kind, as of the clock, consistent with the history."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.mock.conftest import NOW, provider, run, utc
from trade_analyst.domain.calendars import nyse
from trade_analyst.domain.futures import front_month, last_trade_date, listed_contracts
from trade_analyst.domain.models import Quote
from trade_analyst.domain.symbols import FuturesContract
from trade_analyst.domain.validation import has_errors, validate_quotes
from trade_analyst.ports import HistoryQuery, QuoteBatch, QuotesQuery

NEW_YORK = ZoneInfo("America/New_York")
KINDS = {
    "AAPL": "EQUITY",
    "SPY": "ETF",
    "BRK.B": "EQUITY",
    "$SPX": "INDEX",
    "/ES": "FUTURE",
    "/ESH26": "FUTURE",
    "EUR/USD": "FOREX",
    "SPY   251219C00600000": "OPTION",
}


def quotes(symbols: list[str], at: dt.datetime = NOW) -> QuoteBatch:
    return run(lambda: provider(at).quotes(QuotesQuery(symbols)))


def one(symbol: str, at: dt.datetime = NOW) -> Quote:
    (quote,) = quotes([symbol], at).quotes
    return quote


def test_every_kind_is_quoted_synthetic_in_request_order() -> None:
    batch = quotes(list(KINDS))
    assert [q.symbol for q in batch.quotes] == list(KINDS)
    assert [q.asset_type for q in batch.quotes] == list(KINDS.values())
    assert all(q.synthetic and q.provider == "mock" for q in batch.quotes)
    assert not has_errors(validate_quotes(batch.quotes, now=NOW, max_age=dt.timedelta(hours=1)))


def test_unknown_malformed_and_expired_symbols_are_reported_not_fatal() -> None:
    asked = ["ZZZZZZ", "AAPL", "not!", "/ESU25", "./OZCZ25C565", "SPY   250117C00600000"]
    batch = quotes(asked)
    assert [q.symbol for q in batch.quotes] == ["AAPL"]
    assert batch.invalid == ("ZZZZZZ", "not!", "/ESU25", "./OZCZ25C565", "SPY   250117C00600000")


def test_a_stock_quote_has_a_book_a_day_range_and_a_change() -> None:
    quote = one("AAPL")
    assert quote.bid is not None
    assert quote.ask is not None
    assert quote.last is not None
    assert quote.bid <= quote.last <= quote.ask
    assert quote.bid_size
    assert quote.ask_size
    assert quote.volume
    assert quote.low is not None
    assert quote.high is not None
    assert quote.low <= quote.last <= quote.high
    assert quote.close is not None
    assert quote.net_change == pytest.approx(quote.last - quote.close)
    assert quote.quote_time == NOW
    assert quote.trade_time is not None
    assert quote.trade_time <= NOW


def test_an_index_has_no_book_and_forex_no_volume() -> None:
    index, pair = quotes(["$SPX", "EUR/USD"]).quotes
    assert (index.bid, index.ask, index.bid_size, index.volume) == (None, None, None, None)
    assert pair.volume is None
    assert pair.bid is not None
    assert pair.ask is not None
    assert pair.mark == pytest.approx((pair.bid + pair.ask) / 2)


def test_a_futures_root_is_quoted_as_its_front_contract() -> None:
    root, contract = quotes(["/ES", str(front_month("ES", NOW.date()))]).quotes
    assert root.symbol == "/ES"
    assert root.contract == str(front_month("ES", NOW.date()))
    assert (root.last, root.close) == (contract.last, contract.close)


def test_the_quote_agrees_with_todays_minute_bars() -> None:
    market = provider()
    bars = run(lambda: market.price_history(HistoryQuery("AAPL", utc(2025, 11, 26), NOW, "1m")))
    quote = one("AAPL")
    assert quote.last == bars.close[-1]
    assert (quote.open, quote.high, quote.low) == (bars.open[0], max(bars.high), min(bars.low))
    daily = HistoryQuery("AAPL", utc(2025, 11, 25), utc(2025, 11, 26), "1d")
    yesterday = run(lambda: market.price_history(daily))
    assert quote.close == yesterday.close[-1]


def test_before_the_open_the_day_range_is_empty_and_last_is_premarket() -> None:
    premarket = dt.datetime(2025, 11, 26, 8, 0, tzinfo=NEW_YORK)
    quote = one("AAPL", premarket)
    assert (quote.open, quote.high, quote.low) == (None, None, None)
    assert quote.last is not None


def test_on_a_closed_day_the_last_session_is_quoted() -> None:
    thanksgiving = dt.datetime(2025, 11, 27, 12, 0, tzinfo=NEW_YORK)
    quote = one("AAPL", thanksgiving)
    assert quote.trade_time is not None
    assert quote.trade_time.astimezone(NEW_YORK).date() == dt.date(2025, 11, 26)
    assert quote.quote_time == dt.datetime(2025, 11, 26, 20, 0, tzinfo=NEW_YORK)


@settings(max_examples=30)
@given(
    st.datetimes(dt.datetime(2010, 1, 1), dt.datetime(2030, 12, 31), timezones=st.just(dt.UTC)),
    st.sampled_from(["AAPL", "$SPX", "/ES", "/CL", "EUR/USD", "/ZC", "QQQ"]),
)
def test_quotes_at_any_moment_are_valid_and_not_from_the_future(
    at: dt.datetime, symbol: str
) -> None:
    quote = one(symbol, at)
    assert not has_errors(validate_quotes([quote]))
    assert quote.trade_time is not None
    assert quote.quote_time is not None
    assert quote.trade_time <= quote.quote_time <= at


def test_an_option_quote_is_priced_off_its_underlying() -> None:
    call, put = quotes(["SPY   251219C00600000", "SPY   251219P00600000"]).quotes
    assert call.bid is not None
    assert call.ask is not None
    assert call.mark is not None
    assert put.mark is not None
    assert call.bid < call.mark < call.ask
    spot = one("SPY").last
    assert spot is not None
    assert call.mark - put.mark == pytest.approx(spot - 600 * 0.9975, abs=0.5)
    assert nyse().is_session(dt.date(2025, 12, 19))


@settings(max_examples=30)
@given(
    st.sampled_from(["/VX", "/ES", "/CL", "/GC", "/ZN", "/6E", "/BTC", "/ZC", "/SR3"]),
    st.integers(2024, 2026),
    st.integers(1, 12),
    st.times(),
)
def test_contracts_are_quoted_at_any_time_of_their_last_trade_date(
    root: str, year: int, month: int, time: dt.time
) -> None:
    contract = next_contract_after(root, dt.date(year, month, 1))
    expiry = last_trade_date(contract)
    at = dt.datetime.combine(expiry, time, tzinfo=ZoneInfo("America/Chicago"))
    batch = quotes([str(contract)], at)
    assert len(batch.quotes) + len(batch.invalid) == 1
    for quote in batch.quotes:
        assert quote.contract == str(contract)
        assert quote.trade_time is not None
        assert quote.trade_time <= at


def next_contract_after(root: str, day: dt.date) -> FuturesContract:
    return listed_contracts(root, day)[0]
