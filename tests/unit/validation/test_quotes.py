"""Quote rules: book, prices, sizes, day range, staleness, duplicates."""

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import Quote
from trade_analyst.domain.validation import Finding, has_errors, validate_quotes

NOW = dt.datetime(2025, 3, 3, 15, 0, tzinfo=dt.UTC)


def quote(**fields: Any) -> Quote:
    base: dict[str, Any] = {
        "symbol": "AAPL",
        "asset_type": "EQUITY",
        "provider": "test",
        "bid": 100.0,
        "ask": 100.1,
        "last": 100.05,
        "mark": 100.05,
        "bid_size": 3,
        "ask_size": 5,
        "volume": 1_000,
        "open": 99.0,
        "high": 101.0,
        "low": 98.0,
        "close": 99.5,
        "net_change": 0.55,
        "quote_time": NOW - dt.timedelta(seconds=2),
    }
    base.update(fields)
    return Quote(**base)


def rules(findings: list[Finding]) -> list[tuple[str, int | None, str | None]]:
    return [(f.rule_id, f.row, f.field) for f in findings]


def test_good_quote_has_no_findings() -> None:
    assert validate_quotes([quote()], now=NOW, max_age=dt.timedelta(minutes=1)) == []


def test_quote_with_only_a_symbol_has_no_findings() -> None:
    bare = Quote(symbol="$SPX", asset_type="INDEX", provider="test")
    assert validate_quotes([bare]) == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"bid": 100.2, "ask": 100.1}, [("quotes.crossed", "bid", "error")]),
        ({"bid": 100.1, "ask": 100.1}, [("quotes.locked", "bid", "warning")]),
        ({"bid": 0.0}, [("quotes.zero_price", "bid", "warning")]),
        (
            {"bid": 0.0, "ask": 0.0},
            [("quotes.zero_price", "bid", "warning"), ("quotes.zero_price", "ask", "warning")],
        ),
        ({"last": 0.0}, [("quotes.zero_price", "last", "warning")]),
        ({"close": -2.0}, [("quotes.negative_price", "close", "error")]),
        ({"mark": -1.0}, [("quotes.negative_price", "mark", "error")]),
        ({"last": math.nan}, [("quotes.non_finite", "last", "error")]),
        ({"close": math.inf}, [("quotes.non_finite", "close", "error")]),
        ({"ask": -999.0}, [("quotes.sentinel", "ask", "warning")]),
        ({"volume": -999}, [("quotes.sentinel", "volume", "warning")]),
        ({"bid_size": -1}, [("quotes.negative_size", "bid_size", "error")]),
        ({"low": 102.0}, [("quotes.ohlc_consistency", None, "error")]),
        ({"open": 101.5}, [("quotes.ohlc_consistency", None, "error")]),
        ({"net_change": -3.0}, []),
    ],
)
def test_defects(fields: dict[str, Any], expected: list[tuple[str, str | None, str]]) -> None:
    findings = validate_quotes([quote(), quote(**fields)])
    assert [(f.rule_id, f.field, f.severity) for f in findings] == expected
    assert all(f.row == 1 for f in findings)


def test_schwab_zero_placeholders_are_warnings_only() -> None:
    # Schwab's /ESZ21 example has mark 0; before the open, open/high/low are 0 too.
    future = quote(symbol="/ESZ21", mark=0.0, open=0.0, high=0.0, low=0.0)
    findings = validate_quotes([future])
    assert [(f.rule_id, f.field) for f in findings] == [
        ("quotes.zero_price", "mark"),
        ("quotes.zero_price", "open"),
        ("quotes.zero_price", "high"),
        ("quotes.zero_price", "low"),
    ]
    assert not has_errors(findings)


def test_negative_prices_allowed_on_request() -> None:
    cl = quote(
        symbol="/CLK20",
        bid=-40.5,
        ask=-40.3,
        last=-40.4,
        mark=-40.4,
        open=17.7,
        high=17.9,
        low=-40.3,
        close=18.27,
        net_change=-58.67,
    )
    assert [f.rule_id for f in validate_quotes([cl])].count("quotes.negative_price") == 5
    assert validate_quotes([cl], allow_negative=True) == []


def test_stale_and_missing_times_need_now_and_max_age() -> None:
    old = quote(quote_time=NOW - dt.timedelta(minutes=10))
    undated = quote(quote_time=None)
    fresh = quote()
    quotes = [fresh, old, undated]
    assert validate_quotes(quotes) == []
    assert validate_quotes(quotes, now=NOW) == []
    findings = validate_quotes(quotes, now=NOW, max_age=dt.timedelta(minutes=5))
    assert rules(findings) == [
        ("quotes.stale", 1, "quote_time"),
        ("quotes.missing_time", 2, None),
    ]


def test_now_in_another_zone_is_compared_as_an_instant() -> None:
    from zoneinfo import ZoneInfo

    now_ny = NOW.astimezone(ZoneInfo("America/New_York"))
    old = quote(quote_time=NOW - dt.timedelta(seconds=90))
    assert rules(validate_quotes([old], now=now_ny, max_age=dt.timedelta(minutes=1))) == [
        ("quotes.stale", 0, "quote_time")
    ]


def test_naive_now_is_a_programming_error() -> None:
    with pytest.raises(DomainError, match="aware"):
        validate_quotes([quote()], now=dt.datetime(2025, 3, 3), max_age=dt.timedelta(1))


def test_duplicate_rows() -> None:
    q = quote()
    assert rules(validate_quotes([q, quote(bid=99.9), q])) == [("quotes.duplicate_row", 2, None)]


def test_empty_is_a_warning() -> None:
    assert [(f.rule_id, f.severity) for f in validate_quotes([])] == [("quotes.empty", "warning")]


prices = st.none() | st.floats() | st.sampled_from([-999.0, 0.0, -1.0])
sizes = st.none() | st.integers() | st.just(-999)


@given(
    st.lists(
        st.builds(
            Quote,
            symbol=st.text(max_size=5),
            asset_type=st.just("EQUITY"),
            provider=st.just("test"),
            bid=prices,
            ask=prices,
            last=prices,
            mark=prices,
            open=prices,
            high=prices,
            low=prices,
            close=prices,
            net_change=prices,
            bid_size=sizes,
            ask_size=sizes,
            volume=sizes,
            quote_time=st.none() | st.datetimes(timezones=st.just(dt.UTC)),
        ),
        max_size=10,
    ),
    st.booleans(),
)
def test_never_raises_and_rows_in_range(quotes: list[Quote], allow_negative: bool) -> None:
    findings = validate_quotes(
        quotes, now=NOW, max_age=dt.timedelta(minutes=1), allow_negative=allow_negative
    )
    for finding in findings:
        assert finding.row is None or 0 <= finding.row < len(quotes)
