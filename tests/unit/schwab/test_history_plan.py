"""Planning price-history calls: valid combinations, exact chunk cover, explicit bounds."""

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.schwab.history_plan import (
    MINUTE_CHUNK,
    chunk_range,
    is_valid_combination,
    plan_history,
)
from trade_analyst.ports import INTERVALS, HistoryQuery, Interval, InvalidInput, from_epoch_ms

BASE = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)
moments = st.integers(0, 5 * 365 * 24 * 60).map(lambda m: BASE + m * MINUTE)
span_minutes = st.integers(1, 60 * 24 * 40)


@given(moments, span_minutes, st.integers(0, 100), st.data())
def test_chunks_cover_the_range_exactly_once_in_order(
    start: dt.datetime, minutes: int, whole_spans: int, data: st.DataObject
) -> None:
    # Whole spans and a remainder (often none): up to a hundred chunks, as the cut is the
    # same for a million (which a one-minute span over years would make, slowly).
    span = minutes * MINUTE
    end = start + whole_spans * span + data.draw(st.integers(0, minutes - 1)) * MINUTE
    chunks = chunk_range(start, end, span)
    if start == end:
        assert chunks == ()
        return
    assert chunks[0][0] == start
    assert chunks[-1][1] == end
    for (_, hi), (lo, _) in itertools.pairwise(chunks):
        assert hi == lo  # touching, never overlapping or leaving a gap
    assert all(lo < hi and hi - lo <= span for lo, hi in chunks)


@pytest.mark.parametrize("interval", INTERVALS)
def test_every_interval_asks_for_a_valid_combination(interval: Interval) -> None:
    plan = plan_history(HistoryQuery("AAPL", BASE, BASE + dt.timedelta(days=3), interval))
    params = plan.params(plan.chunks[0])
    assert is_valid_combination(
        params["periodType"],
        int(params["period"]),
        params["frequencyType"],
        int(params["frequency"]),
    )


@given(moments, moments, st.sampled_from(INTERVALS))
def test_plans_send_explicit_inclusive_millisecond_bounds_inside_their_chunks(
    a: dt.datetime, b: dt.datetime, interval: Interval
) -> None:
    start, end = min(a, b), max(a, b)
    plan = plan_history(HistoryQuery("AAPL", start, end, interval))
    for chunk in plan.chunks:
        params = plan.params(chunk)
        assert from_epoch_ms(int(params["startDate"])) == chunk[0]
        assert from_epoch_ms(int(params["endDate"])) == chunk[1] - dt.timedelta(milliseconds=1)
    if plan.chunks:
        # The fetched span starts at or before the request and ends exactly at its end.
        assert plan.chunks[0][0] <= start
        assert plan.chunks[-1][1] == end
    if plan.fetch.frequency_type == "minute":
        assert all(hi - lo <= MINUTE_CHUNK for lo, hi in plan.chunks)


def test_an_hour_is_built_from_half_hours() -> None:
    plan = plan_history(HistoryQuery("AAPL", BASE, BASE + dt.timedelta(days=1), "1h"))
    assert plan.fetch.frequency == 30
    assert plan.fetch.hours_from_half_hours


def test_extended_hours_are_asked_for_only_with_the_extended_session() -> None:
    end = BASE + dt.timedelta(days=1)
    regular = plan_history(HistoryQuery("AAPL", BASE, end, "5m"))
    extended = plan_history(HistoryQuery("AAPL", BASE, end, "5m", "extended"))
    assert regular.params(regular.chunks[0])["needExtendedHoursData"] == "false"
    assert extended.params(extended.chunks[0])["needExtendedHoursData"] == "true"


def test_an_empty_range_plans_no_call() -> None:
    assert plan_history(HistoryQuery("AAPL", BASE, BASE, "1m")).chunks == ()
    assert plan_history(HistoryQuery("AAPL", BASE, BASE, "1d")).chunks == ()


@pytest.mark.parametrize("symbol", ["", "   "])
def test_a_blank_symbol_is_invalid_input(symbol: str) -> None:
    with pytest.raises(InvalidInput, match="no symbol given"):
        plan_history(HistoryQuery(symbol, BASE, BASE + dt.timedelta(days=1), "1d"))


def test_invalid_combinations_are_recognised() -> None:
    assert not is_valid_combination("day", 7, "minute", 1)
    assert not is_valid_combination("day", 1, "daily", 1)
    assert not is_valid_combination("year", 1, "minute", 1)
    assert not is_valid_combination("day", 1, "minute", 60)
    assert is_valid_combination("ytd", 1, "weekly", 1)


def test_the_previous_close_is_asked_for_on_the_first_chunk_only_when_wanted() -> None:
    end = BASE + dt.timedelta(days=30)
    plain = plan_history(HistoryQuery("AAPL", BASE, end, "5m"))
    wanted = plan_history(HistoryQuery("AAPL", BASE, end, "5m", previous_close=True))
    calls = len(wanted.chunks)
    assert calls > 1
    assert [plain.params(c)["needPreviousClose"] for c in plain.chunks] == ["false"] * calls
    asked = [wanted.params(c)["needPreviousClose"] for c in wanted.chunks]
    assert asked == ["true"] + ["false"] * (calls - 1)
