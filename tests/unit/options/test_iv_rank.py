"""IV rank and percentile by hand, and with too little history."""

import datetime as dt
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.options import IvObservation, daily_series, iv_rank


def test_rank_and_percentile_by_hand():
    # Window 10..30 with today at 25: rank 100*(25-10)/(30-10) = 75; earlier values below
    # 25 are 10, 20, 15 of the four earlier ones: percentile 75.
    result = iv_rank([0.10, 0.20, 0.30, 0.15, 0.25], min_observations=5)
    assert result.rank == pytest.approx(75.0)
    assert result.percentile == pytest.approx(75.0)
    assert (result.observations, result.used, result.low, result.high) == (5, 5, 0.10, 0.30)
    assert result.reason is None


def test_only_the_last_window_observations_count():
    history = [0.9, 0.1, 0.2, 0.3]
    result = iv_rank(history, window=3, min_observations=2)
    assert result.observations == 4
    assert result.used == 3
    assert result.high == 0.30  # the 0.90 fell out of the window
    assert result.rank == 100.0


def test_too_little_history_says_how_much_exists():
    result = iv_rank([0.2, 0.25, 0.3])
    assert result.rank is None
    assert result.percentile is None
    assert result.observations == 3
    assert "3 observation(s)" in result.reason
    assert "at least 20" in result.reason


def test_flat_history_has_no_rank_but_a_percentile():
    result = iv_rank([0.2] * 30)
    assert result.rank is None
    assert result.percentile == 0.0
    assert "equal" in result.reason


def test_sentinels_and_non_volatilities_are_dropped_and_counted():
    result = iv_rank([0.2, -999.0, math.nan, 0.0, 50.0, 0.3], min_observations=2)
    assert result.dropped == 4
    assert result.observations == 2
    assert result.rank == 100.0


def test_window_and_minimum_must_be_meaningful():
    with pytest.raises(DomainError):
        iv_rank([0.2, 0.3], window=1)


def test_daily_series_keeps_the_last_observation_of_a_date_in_date_order():
    day = dt.date(2025, 6, 2)
    series = daily_series(
        [
            IvObservation(day + dt.timedelta(days=1), 0.3),
            IvObservation(day, 0.1),
            IvObservation(day, 0.2),
        ]
    )
    assert series == [0.2, 0.3]


@given(st.lists(st.floats(0.01, 3.0), min_size=20, max_size=400))
def test_rank_and_percentile_lie_in_0_to_100(history):
    result = iv_rank(history)
    assert result.used == min(len(history), 252)
    assert result.percentile is not None
    assert 0.0 <= result.percentile <= 100.0
    if result.rank is not None:
        assert 0.0 <= result.rank <= 100.0
