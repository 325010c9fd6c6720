"""Session and anchored VWAP and their bands: hand-worked values and the laws of a weighted
mean."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.analytics import anchored_vwap, running_vwap, session_vwap
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import Bar
from trade_analyst.testing.strategies.analytics import session_bars

T0 = dt.datetime(2025, 6, 24, 13, 30, tzinfo=dt.UTC)


def bar(o, h, low, c, v, minute=0):
    return Bar(T0 + dt.timedelta(minutes=minute), o, h, low, c, v)


def test_vwap_weights_each_bar_price_by_its_volume():
    # Prices 10 (volume 100) and 20 (volume 300): VWAP = 7000/400 = 17.5;
    # variance = (100·7.5² + 300·2.5²)/400 = 18.75, σ = 4.330127.
    result = session_vwap([bar(10, 10, 10, 10, 100), bar(20, 20, 20, 20, 300, 1)])
    assert result is not None
    assert result.vwap == pytest.approx(17.5)
    assert result.stdev == pytest.approx(math.sqrt(18.75))
    assert (result.lower_2, result.lower_1, result.upper_1, result.upper_2) == pytest.approx(
        (17.5 - 2 * 4.330127, 17.5 - 4.330127, 17.5 + 4.330127, 17.5 + 2 * 4.330127)
    )
    assert (result.volume, result.bars, result.low, result.high) == (400, 2, 10, 20)


def test_the_bar_price_is_the_mean_of_its_four_prices_unless_told_otherwise():
    one = [bar(10.0, 12.0, 9.0, 10.5, 50)]
    assert session_vwap(one).vwap == pytest.approx(41.5 / 4)  # ohlc4
    assert session_vwap(one, "hlc3").vwap == pytest.approx(31.5 / 3)
    assert session_vwap(one, "close").vwap == pytest.approx(10.5)


def test_no_bars_or_no_volume_gives_none_not_a_guess():
    assert session_vwap([]) is None
    assert session_vwap([bar(10, 11, 9, 10, 0)]) is None


def test_zero_volume_bars_carry_no_weight():
    result = session_vwap([bar(10, 10, 10, 10, 100), bar(50, 50, 50, 50, 0, 1)])
    assert result.vwap == pytest.approx(10.0)
    assert result.high == 10  # the weightless bar is not part of the session range used


@given(session_bars(T0))
def test_vwap_lies_within_the_sessions_low_and_high(bars):
    result = session_vwap(bars)
    traded = [b for b in bars if b.volume > 0]
    if not traded:
        assert result is None
        return
    assert min(b.low for b in traded) <= result.vwap <= max(b.high for b in traded)


@given(session_bars(T0))
def test_bands_are_symmetric_and_ordered(bars):
    result = session_vwap(bars)
    if result is None:
        return
    assert result.stdev >= 0
    assert result.lower_2 <= result.lower_1 <= result.vwap <= result.upper_1 <= result.upper_2
    assert result.upper_1 - result.vwap == pytest.approx(result.vwap - result.lower_1)


@given(session_bars(T0), st.floats(0.1, 10.0))
def test_scaling_every_volume_changes_nothing(bars, factor):
    result = session_vwap(bars)
    scaled = session_vwap([bar(b.open, b.high, b.low, b.close, b.volume * factor) for b in bars])
    if result is None:
        assert scaled is None
        return
    assert scaled.vwap == pytest.approx(result.vwap, rel=1e-9)
    assert scaled.stdev == pytest.approx(result.stdev, rel=1e-6, abs=1e-9)


# -- anchored VWAP ----------------------------------------------------------------------


def test_anchored_vwap_starts_at_the_anchor_and_keeps_every_bar_after_it():
    # Prices 100 (v 50), 10 (v 100), 20 (v 300) on three minutes.
    bars = [bar(100, 100, 100, 100, 50), bar(10, 10, 10, 10, 100, 1), bar(20, 20, 20, 20, 300, 2)]
    # Anchored on the second bar: 7000/400 = 17.5, σ² = 18.75 as in the session example.
    later = anchored_vwap(bars, T0 + dt.timedelta(minutes=1))
    assert later.vwap == pytest.approx(17.5)
    assert later.stdev == pytest.approx(math.sqrt(18.75))
    assert (later.bars, later.volume, later.low, later.high) == (2, 400, 10, 20)
    # Anchored on the first: 12000/450 = 80/3; deviations 220/3, -50/3, -20/3, so
    # σ² = (50·48400 + 100·2500 + 300·400) / 9 / 450 = 6200/9.
    whole = anchored_vwap(bars, T0)
    assert whole.vwap == pytest.approx(80 / 3)
    assert whole.stdev == pytest.approx(math.sqrt(6200 / 9))
    assert whole.upper_2 == pytest.approx(80 / 3 + 2 * math.sqrt(6200 / 9))
    assert (whole.bars, whole.low, whole.high) == (3, 10, 100)


def test_an_anchor_after_every_bar_gives_none():
    assert anchored_vwap([bar(10, 10, 10, 10, 100)], T0 + dt.timedelta(minutes=1)) is None


@given(session_bars(T0), st.integers(0, 30))
def test_anchored_on_or_before_the_sessions_first_bar_is_the_session_vwap(bars, minutes_before):
    anchor = bars[0].timestamp - dt.timedelta(minutes=minutes_before)
    assert anchored_vwap(bars, anchor) == session_vwap(bars)


@st.composite
def anchored_windows(draw):
    """Several sessions' bars one day apart, and an anchor instant somewhere among them."""
    days = draw(st.lists(session_bars(T0), min_size=1, max_size=4))
    bars = [
        Bar(b.timestamp + dt.timedelta(days=i), b.open, b.high, b.low, b.close, b.volume)
        for i, day in enumerate(days)
        for b in day
    ]
    anchor = draw(st.sampled_from([b.timestamp for b in bars]))
    return bars, anchor


@given(anchored_windows())
def test_anchored_vwap_lies_within_the_windows_low_and_high(window):
    bars, anchor = window
    result = anchored_vwap(bars, anchor)
    traded = [b for b in bars if b.timestamp >= anchor and b.volume > 0]
    if not traded:
        assert result is None
        return
    assert min(b.low for b in traded) <= result.vwap <= max(b.high for b in traded)
    assert result.lower_2 <= result.lower_1 <= result.vwap <= result.upper_1 <= result.upper_2


# -- running VWAP (the line a chart draws) ------------------------------------------------


def test_running_vwap_follows_the_hand_worked_session():
    # Prices 10 (v 100), then 20 (v 300): 10 after the first bar, 17.5 and σ² = 18.75 after
    # the second; a bar without volume before them leaves the line undefined.
    bars = [bar(99, 99, 99, 99, 0), bar(10, 10, 10, 10, 100, 1), bar(20, 20, 20, 20, 300, 2)]
    first, second, third = running_vwap(bars)
    assert first is None
    assert (second.vwap, second.stdev) == (pytest.approx(10.0), pytest.approx(0.0, abs=1e-9))
    assert third.vwap == pytest.approx(17.5)
    assert third.stdev == pytest.approx(math.sqrt(18.75))


@given(session_bars())
def test_each_running_value_is_the_vwap_of_the_bars_so_far(bars):
    for count, value in enumerate(running_vwap(bars), start=1):
        expected = session_vwap(bars[:count])
        if expected is None:
            assert value is None
            continue
        assert value.vwap == pytest.approx(expected.vwap, rel=1e-9)
        # E[p²] − VWAP² loses digits to cancellation where σ is tiny next to the price.
        assert value.stdev == pytest.approx(expected.stdev, rel=1e-3, abs=expected.vwap * 1e-5)
        assert (value.bars, value.low, value.high) == (expected.bars, expected.low, expected.high)


def test_a_session_at_one_price_has_no_spread_at_all():
    # Every bar at 10: the deviation is exactly zero (no floor), so the bands close on the VWAP.
    result = session_vwap([bar(10, 10, 10, 10, 100), bar(10, 10, 10, 10, 5, 1)])
    assert result is not None
    assert result.stdev == 0.0
    assert result.upper_2 == result.lower_2 == 10.0


def test_a_spread_smaller_than_one_is_kept_as_it_is():
    # Prices 10 and 11, equal volumes: VWAP 10.5, σ = 0.5.
    result = session_vwap([bar(10, 10, 10, 10, 100), bar(11, 11, 11, 11, 100, 1)])
    assert result is not None
    assert result.stdev == pytest.approx(0.5)


def test_the_result_names_the_bar_price_it_used():
    bars = [bar(10.0, 12.0, 9.0, 10.5, 50)]
    assert session_vwap(bars).price == "ohlc4"
    assert session_vwap(bars, "hlc3").price == "hlc3"


def test_anchored_vwap_uses_the_bar_price_it_is_given():
    bars = [bar(10.0, 12.0, 9.0, 10.5, 50), bar(11.0, 13.0, 10.0, 12.5, 150, 1)]
    for price in ("ohlc4", "hlc3", "close"):
        anchored = anchored_vwap(bars, T0, price)
        assert anchored == session_vwap(bars, price)
        assert anchored.price == price
    # Closes 10.5 (50) and 12.5 (150): 12; the four-price means 41.5/4 and 46.5/4: 9050/800.
    assert anchored_vwap(bars, T0, "close").vwap == pytest.approx(12.0)
    assert anchored_vwap(bars, T0).vwap == pytest.approx(9050 / 800)


def test_an_unknown_bar_price_is_refused_naming_the_valid_ones():
    with pytest.raises(DomainError, match=r"unknown bar price 'vwap'; valid: ohlc4, hlc3, close$"):
        session_vwap([bar(10, 10, 10, 10, 100)], "vwap")  # type: ignore[arg-type]
