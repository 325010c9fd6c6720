"""Back-adjusted continuous bar series: laws of difference and ratio adjustment."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import ContractBars, back_adjust, roll_gap, trim
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.symbols import FuturesContract

START = dt.datetime(2025, 6, 2, 13, 30, tzinfo=dt.UTC)
STEP = dt.timedelta(minutes=5)


def series(symbol: str, closes: list[float], first: int = 0) -> BarSeries:
    stamps = [START + STEP * (first + i) for i in range(len(closes))]
    return BarSeries(
        symbol,
        "5m",
        stamps,
        closes,
        [c + 1 for c in closes],
        [c - 1 for c in closes],
        closes,
        [100.0] * len(closes),
    )


prices = st.lists(st.floats(min_value=1.0, max_value=10_000.0), min_size=2, max_size=30)


def test_gap_is_measured_at_the_latest_common_bar():
    old = series("/ESM25", [100.0, 101.0, 102.0])
    new = series("/ESU25", [110.0, 112.5], first=1)  # overlaps old at rows 1 and 2
    assert roll_gap(old, new, "difference") == pytest.approx(112.5 - 102.0)
    assert roll_gap(old, new, "ratio") == pytest.approx(112.5 / 102.0)


def test_no_common_bar_is_an_error():
    with pytest.raises(DomainError, match="share no bar"):
        roll_gap(series("/ESM25", [1.0]), series("/ESU25", [2.0], first=5), "difference")


def test_trim_keeps_the_half_open_window():
    whole = series("/ES", [1.0, 2.0, 3.0, 4.0])
    part = trim(whole, START + STEP, START + 3 * STEP)
    assert part.close == (2.0, 3.0)


@given(old=prices, new=prices, adjustment=st.sampled_from(["difference", "ratio"]))
def test_adjusted_old_contract_meets_the_new_one_at_the_roll(old, new, adjustment):
    old_series = series("/ESM25", old)
    new_series = series("/ESU25", new, first=len(old) - 1)  # one shared bar
    gap = roll_gap(old_series, new_series, adjustment)
    segments = [
        ContractBars(FuturesContract("ES", 6, 2025), old_series),
        ContractBars(FuturesContract("ES", 9, 2025), new_series),
    ]
    adjusted = back_adjust(segments, [gap], adjustment)
    assert adjusted[1] == segments[1]  # the newest segment is never rewritten
    assert adjusted[0].series.close[-1] == pytest.approx(new[0], rel=1e-9)


@given(closes=prices, gap=st.floats(-500, 500))
def test_difference_keeps_every_bar_to_bar_change(closes, gap):
    segment = ContractBars(FuturesContract("ES", 6, 2025), series("/ESM25", closes))
    last = ContractBars(FuturesContract("ES", 9, 2025), series("/ESU25", [1.0], first=99))
    moved = back_adjust([segment, last], [gap], "difference")[0].series.close
    for before, after, raw_before, raw_after in zip(
        moved, moved[1:], closes, closes[1:], strict=False
    ):
        assert after - before == pytest.approx(raw_after - raw_before, abs=1e-6)


@given(closes=prices, factor=st.floats(0.5, 2.0))
def test_ratio_keeps_every_return(closes, factor):
    segment = ContractBars(FuturesContract("ES", 6, 2025), series("/ESM25", closes))
    last = ContractBars(FuturesContract("ES", 9, 2025), series("/ESU25", [1.0], first=99))
    moved = back_adjust([segment, last], [factor], "ratio")[0].series.close
    for before, after, raw_before, raw_after in zip(
        moved, moved[1:], closes, closes[1:], strict=False
    ):
        assert after / before == pytest.approx(raw_after / raw_before, rel=1e-9)


def test_gaps_accumulate_backwards_and_none_changes_nothing():
    contracts = [FuturesContract("ES", m, 2025) for m in (3, 6, 9)]
    segments = [ContractBars(c, series(str(c), [100.0], first=i)) for i, c in enumerate(contracts)]
    adjusted = back_adjust(segments, [5.0, 2.0], "difference")
    assert [s.series.close[0] for s in adjusted] == [107.0, 102.0, 100.0]
    assert back_adjust(segments, [5.0, 2.0], "none") == segments
    with pytest.raises(DomainError, match="one gap per roll"):
        back_adjust(segments, [1.0], "difference")
    with pytest.raises(DomainError, match="unknown adjustment"):
        back_adjust(segments, [1.0, 1.0], "panama")


def test_ratio_refuses_non_positive_prices_and_difference_copes():
    # CLK20 settled below zero days before its expiry: only a difference gap exists.
    old = series("/CLK20", [-37.63])
    new = series("/CLM20", [20.43])
    assert roll_gap(old, new, "difference") == pytest.approx(20.43 + 37.63)
    with pytest.raises(DomainError, match="positive"):
        roll_gap(old, new, "ratio")


def test_ratio_gaps_compound_backwards():
    contracts = [FuturesContract("ES", m, 2025) for m in (3, 6, 9)]
    segments = [ContractBars(c, series(str(c), [100.0], first=i)) for i, c in enumerate(contracts)]
    adjusted = back_adjust(segments, [1.5, 2.0], "ratio")
    assert [s.series.close[0] for s in adjusted] == pytest.approx([300.0, 200.0, 100.0])


def test_unknown_adjustment_names_the_valid_ones():
    old, new = series("/ESM25", [1.0]), series("/ESU25", [2.0])
    with pytest.raises(DomainError, match="none, difference, ratio"):
        roll_gap(old, new, "volume")
