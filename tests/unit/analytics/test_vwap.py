"""Session VWAP and its bands: hand-worked values and the laws of a weighted mean."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.analytics import session_vwap
from domain.models import Bar

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


@st.composite
def sessions(draw):
    count = draw(st.integers(1, 60))
    price = draw(st.floats(1.0, 10_000.0))
    out = []
    for minute in range(count):
        low = price * draw(st.floats(0.95, 1.0))
        high = price * draw(st.floats(1.0, 1.05))
        open_ = draw(st.floats(low, high))
        close = draw(st.floats(low, high))
        volume = float(draw(st.integers(0, 1_000_000)))
        out.append(bar(open_, high, low, close, volume, minute))
        price = close
    return out


@given(sessions())
def test_vwap_lies_within_the_sessions_low_and_high(bars):
    result = session_vwap(bars)
    traded = [b for b in bars if b.volume > 0]
    if not traded:
        assert result is None
        return
    assert min(b.low for b in traded) <= result.vwap <= max(b.high for b in traded)


@given(sessions())
def test_bands_are_symmetric_and_ordered(bars):
    result = session_vwap(bars)
    if result is None:
        return
    assert result.stdev >= 0
    assert result.lower_2 <= result.lower_1 <= result.vwap <= result.upper_1 <= result.upper_2
    assert result.upper_1 - result.vwap == pytest.approx(result.vwap - result.lower_1)


@given(sessions(), st.floats(0.1, 10.0))
def test_scaling_every_volume_changes_nothing(bars, factor):
    result = session_vwap(bars)
    scaled = session_vwap([bar(b.open, b.high, b.low, b.close, b.volume * factor) for b in bars])
    if result is None:
        assert scaled is None
        return
    assert scaled.vwap == pytest.approx(result.vwap, rel=1e-9)
    assert scaled.stdev == pytest.approx(result.stdev, rel=1e-6, abs=1e-9)
