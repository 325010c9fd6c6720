"""Futures in the mock: contracts stop on their last trade date, /ES rolls on schedule."""

import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.mock import conftest as mock
from tests.unit.mock.conftest import provider, run, utc
from trade_analyst.domain.futures import (
    as_contract,
    front_month,
    last_trade_date,
    last_trade_time,
    listed_contracts,
    roll_schedule,
    root_calendar,
)
from trade_analyst.ports import BarColumns, Interval, NoData, QuotesQuery


def history(symbol: str, start: dt.datetime, end: dt.datetime, interval: Interval) -> BarColumns:
    """The bars as ``price_history`` answers them: futures name each bar's contract."""
    bars = mock.columns(symbol, start, end, interval)
    assert len(bars.contracts) == len(bars)
    return bars


def test_a_contract_stops_at_its_last_trade_time() -> None:
    # /ESU25 last trades 2025-09-19 at 09:30 ET (the special opening quotation).
    stop = last_trade_time("/ESU25")
    assert stop is not None
    bars = history("/ESU25", utc(2025, 9, 15), utc(2025, 9, 25), "1m")
    assert bars.times()[-1] == stop - dt.timedelta(minutes=1)
    assert all(t < stop for t in bars.times())
    assert set(bars.contracts) == {"/ESU25"}


@settings(max_examples=10)
@given(st.sampled_from(["/ESH24", "/CLZ24", "/GCG25", "/ZNU24", "/6EM24", "/ZCN24"]))
def test_no_bars_after_the_last_trade_date(contract: str) -> None:
    expiry = last_trade_date(contract)
    start = dt.datetime.combine(expiry, dt.time(), tzinfo=dt.UTC) - dt.timedelta(days=6)
    daily = history(contract, start, start + dt.timedelta(days=14), "1d")
    calendar = root_calendar(contract[:-3])
    assert len(daily) > 0
    assert all(calendar.trade_date_at(t) <= expiry for t in daily.times())  # type: ignore[operator]
    assert calendar.trade_date_at(daily.times()[-1]) == expiry


def test_a_contract_asked_for_after_it_expired_has_no_data() -> None:
    with pytest.raises(NoData) as raised:
        history("/ESU25", utc(2025, 10, 1), utc(2025, 10, 10), "1d")
    assert "2025-09-19" in raised.value.message
    assert "/ES" in raised.value.hint


def test_the_root_is_continuous_across_contracts_switching_on_roll_dates() -> None:
    start, end = utc(2024, 1, 1), utc(2025, 1, 1)
    daily = history("/ES", start, end, "1d")
    calendar = root_calendar("/ES")
    trade_dates = [calendar.trade_date_at(t) for t in daily.times()]
    for day, contract in zip(trade_dates, daily.contracts, strict=True):
        assert day is not None
        assert contract == str(front_month("ES", day))
    rolls = roll_schedule("ES", dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    switches = [
        (day, old, new)
        for (_, old), (day, new) in itertools.pairwise(
            zip(trade_dates, daily.contracts, strict=True)
        )
        if old != new
    ]
    assert [(r.date, str(r.from_contract), str(r.to_contract)) for r in rolls] == switches


def test_minute_bars_of_the_root_change_contract_at_the_roll_sessions_open() -> None:
    roll = roll_schedule("ES", dt.date(2025, 3, 1), dt.date(2025, 3, 31))[0]
    opens, _ = root_calendar("/ES").session_bounds(roll.date)
    bars = history("/ES", opens - dt.timedelta(hours=3), opens + dt.timedelta(hours=3), "1m")
    before = {c for t, c in zip(bars.times(), bars.contracts, strict=True) if t < opens}
    after = {c for t, c in zip(bars.times(), bars.contracts, strict=True) if t >= opens}
    assert (before, after) == ({str(roll.from_contract)}, {str(roll.to_contract)})


def test_later_contracts_trade_above_earlier_ones_by_the_carry() -> None:
    near = history("/ESZ25", utc(2025, 7, 1), utc(2025, 7, 2), "1d")
    far = history("/ESH26", utc(2025, 7, 1), utc(2025, 7, 2), "1d")
    assert far.close[0] > near.close[0]
    assert far.close[0] / near.close[0] == pytest.approx(1.0075, abs=0.001)


def test_prices_are_on_the_contracts_tick() -> None:
    for symbol, tick in (("/ES", 0.25), ("/ZN", 1 / 64), ("/CL", 0.01)):
        bars = history(symbol, utc(2025, 7, 1), utc(2025, 7, 3), "5m")
        for price in (*bars.open, *bars.high, *bars.low, *bars.close):
            assert abs(price / tick - round(price / tick)) < 1e-6


def test_a_contract_trades_only_once_listed() -> None:
    # ES lists five quarterlies: /ESZ26 is listed once /ESU25 expires (2025-09-19).
    assert listed_contracts("ES", dt.date(2025, 9, 19))[-1] != as_contract("/ESZ26")
    bars = history("/ESZ26", utc(2025, 9, 15), utc(2025, 9, 26), "1d")
    calendar = root_calendar("/ES")
    first = calendar.trade_date_at(bars.times()[0])
    assert first == dt.date(2025, 9, 22)
    assert as_contract("/ESZ26") in listed_contracts("ES", dt.date(2025, 9, 22))
    batch = run(lambda: provider(utc(2025, 7, 1, 15)).quotes(QuotesQuery(["/ESZ26", "/ESH26"])))
    assert [q.symbol for q in batch.quotes] == ["/ESH26"]
    assert batch.invalid == ("/ESZ26",)


def test_deferred_contracts_trade_less_than_the_front() -> None:
    front = history("/ESU25", utc(2025, 7, 1), utc(2025, 7, 2), "1d")
    deferred = history("/ESZ25", utc(2025, 7, 1), utc(2025, 7, 2), "1d")
    assert deferred.volume[0] < front.volume[0] / 5
