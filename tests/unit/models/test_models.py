"""Market-data models: type and time-zone checks, UTC storage, columnar bars."""

import datetime as dt
import math
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import (
    Bar,
    BarSeries,
    MarketHours,
    MarketSession,
    OptionChain,
    OptionContract,
    Quote,
    Trade,
)

NEW_YORK = ZoneInfo("America/New_York")
T0 = dt.datetime(2025, 3, 7, 14, 30, tzinfo=dt.UTC)

bars = st.builds(
    Bar,
    timestamp=st.datetimes(timezones=st.just(dt.UTC)),
    open=st.floats(allow_nan=False),
    high=st.floats(allow_nan=False),
    low=st.floats(allow_nan=False),
    close=st.floats(allow_nan=False),
    volume=st.floats(allow_nan=False),
)


def test_times_are_converted_to_utc() -> None:
    local = dt.datetime(2025, 3, 7, 9, 30, tzinfo=NEW_YORK)  # EST, UTC-5
    trade = Trade(local, 101.25, 300)
    assert trade.timestamp == T0
    assert trade.timestamp.tzinfo is dt.UTC
    quote = Quote(symbol="AAPL", asset_type="EQUITY", provider="mock", quote_time=local)
    assert quote.quote_time is not None
    assert quote.quote_time.utcoffset() == dt.timedelta(0)
    assert quote.quote_time.hour == 14


@pytest.mark.parametrize(
    "build",
    [
        lambda: Trade(dt.datetime(2025, 3, 7, 9, 30), 1.0, 1),
        lambda: Bar(dt.datetime(2025, 3, 7), 1, 1, 1, 1, 1),
        lambda: Quote(symbol="A", asset_type="EQUITY", provider="x", trade_time=dt.datetime.min),
        lambda: Trade(dt.date(2025, 3, 7), 1.0, 1),
        lambda: Trade(T0, "1.0", 1),
        lambda: Trade(T0, True, 1),
        lambda: Quote(symbol="A", asset_type="EQUITY", provider="x", bid="1.5"),
        lambda: Quote(symbol="A", asset_type="EQUITY", provider="x", volume=1.5),
        lambda: Quote(symbol=1, asset_type="EQUITY", provider="x"),  # type: ignore[arg-type]
        lambda: OptionContract(symbol="X", underlying="X", expiration=T0, right="C", strike=1.0),
        lambda: OptionContract(
            symbol="X",
            underlying="X",
            expiration=T0.date(),
            right="CALL",  # type: ignore[arg-type]
            strike=1.0,
        ),
        lambda: OptionChain("X", 1.0, ("not a contract",)),  # type: ignore[arg-type]
    ],
)
def test_wrong_types_raise_domain_error(build: object) -> None:
    with pytest.raises(DomainError):
        build()  # type: ignore[operator]


def test_quote_keeps_implausible_values_for_validation_to_report() -> None:
    quote = Quote(
        symbol="/CLK20",
        asset_type="FUTURE",
        provider="schwab",
        bid=-40.32,
        ask=-40.5,
        last=math.nan,
        volume=12.0,
    )
    assert quote.bid == -40.32
    assert quote.ask == -40.5
    assert quote.last is not None
    assert math.isnan(quote.last)
    assert quote.volume == 12
    assert isinstance(quote.volume, int)
    assert quote.mark is None
    assert quote.synthetic is False


def test_integers_become_floats() -> None:
    bar = Bar(T0, 100, 101, 99, 100, 5)
    assert isinstance(bar.open, float)
    assert isinstance(bar.volume, float)


def test_bar_series_columns_must_have_equal_length() -> None:
    with pytest.raises(DomainError, match="equal lengths"):
        BarSeries("ES", "1min", (T0, T0), (1.0, 2.0), (1.0, 2.0), (1.0,), (1.0, 2.0), (1, 2))


def test_bar_series_accepts_any_iterables_and_stores_tuples() -> None:
    series = BarSeries("ES", "1min", [T0], [1], iter([2]), [0.5], [1.5], [10])
    assert series.high == (2.0,)
    assert isinstance(series.timestamps, tuple)
    assert len(series) == 1
    assert series[0] == Bar(T0, 1.0, 2.0, 0.5, 1.5, 10.0)


def test_empty_series() -> None:
    series = BarSeries.from_bars("ES", "1d", [])
    assert len(series) == 0
    assert list(series.bars()) == []


@given(st.lists(bars, max_size=20))
def test_from_bars_then_bars_round_trips(rows: list[Bar]) -> None:
    series = BarSeries.from_bars("AAPL", "5min", rows)
    assert len(series) == len(rows)
    assert list(series.bars()) == rows
    assert [series[i] for i in range(len(series))] == rows
    assert series.close == tuple(bar.close for bar in rows)


def test_models_are_frozen() -> None:
    trade = Trade(T0, 1.0, 1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        trade.price = 2.0  # type: ignore[misc]


def test_option_chain_expirations_are_distinct_and_sorted() -> None:
    def contract(day: int, right: str) -> OptionContract:
        return OptionContract(
            symbol=f"SPY   2503{day:02d}{right}00500000",
            underlying="SPY",
            expiration=dt.date(2025, 3, day),
            right=right,  # type: ignore[arg-type]
            strike=500,
        )

    chain = OptionChain("SPY", 501.2, [contract(21, "C"), contract(14, "P"), contract(21, "P")])
    assert len(chain) == 3
    assert isinstance(chain.contracts, tuple)
    assert chain.expirations() == (dt.date(2025, 3, 14), dt.date(2025, 3, 21))


def test_market_hours_sessions_in_utc() -> None:
    regular = MarketSession(
        "regular",
        dt.datetime(2024, 10, 18, 9, 30, tzinfo=NEW_YORK),
        dt.datetime(2024, 10, 18, 16, 0, tzinfo=NEW_YORK),
    )
    hours = MarketHours("equity", "EQ", dt.date(2024, 10, 18), True, [regular])
    assert hours.sessions == (regular,)
    found = hours.session("regular")
    assert found is not None
    assert found.start == dt.datetime(2024, 10, 18, 13, 30, tzinfo=dt.UTC)  # EDT, UTC-4
    assert hours.session("pre_market") is None
    closed = MarketHours("equity", "EQ", dt.date(2024, 12, 25), False)
    assert closed.sessions == ()


def test_market_hours_rejects_naive_sessions_and_wrong_items() -> None:
    with pytest.raises(DomainError):
        MarketSession("regular", dt.datetime(2024, 1, 2, 9, 30), T0)
    with pytest.raises(DomainError):
        MarketHours("equity", "EQ", dt.date(2024, 1, 2), True, ["09:30-16:00"])  # type: ignore[list-item]
