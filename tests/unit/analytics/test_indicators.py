"""Indicators: values worked by hand, and agreement with plain reference implementations
(written here from the textbook definitions, deliberately naive) on random series."""

import math
import statistics

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.analytics import atr, bollinger, ema, macd, rolling_volatility, rsi, sma
from trade_analyst.domain.errors import DomainError
from trade_analyst.testing.strategies.analytics import price_columns

# -- hand-worked values ---------------------------------------------------------------


def test_sma_is_the_mean_of_the_last_n():
    assert sma([1.0, 2.0, 3.0, 4.0, 5.0], 3) == (None, None, 2.0, 3.0, 4.0)


def test_ema_is_seeded_with_the_sma_then_weighted_two_over_n_plus_one():
    # n=3: α = 0.5; seed (1+2+3)/3 = 2; then 2 + .5(4−2) = 3; 3 + .5(5−3) = 4.
    assert ema([1.0, 2.0, 3.0, 4.0, 5.0], 3) == pytest.approx([None, None, 2.0, 3.0, 4.0])


def test_rsi_uses_wilders_smoothing():
    # n=2, changes +1, +1, −1: first averages gain 1, loss 0 -> 100; then gain (1+0)/2 =
    # .5, loss (0+1)/2 = .5 -> RS 1 -> 50.
    assert rsi([1.0, 2.0, 3.0, 2.0], 2) == (None, None, 100.0, 50.0)


def test_rsi_of_a_flat_series_is_fifty():
    assert rsi([5.0] * 4, 2)[2:] == (50.0, 50.0)


def test_textbook_atr_averages_true_ranges_from_bar_0_then_smooths_like_wilder():
    # TR: 1 (first bar: H−L), max(2, |11−9.5|, |9−9.5|) = 2, max(2, |12−10|, 0) = 2.
    # ATR(2): (1+2)/2 = 1.5, then (1.5·1 + 2)/2 = 1.75.
    high, low, close = [10.0, 11.0, 12.0], [9.0, 9.0, 10.0], [9.5, 10.0, 11.0]
    assert atr(high, low, close, 2, "textbook") == pytest.approx([None, 1.5, 1.75])


def test_talib_atr_starts_from_bar_1_the_first_with_a_previous_close():
    # TR of bars 1..3: 2, 2, then max(1, |14−11|, |13−11|) = 3.
    # ATR(2): (2+2)/2 = 2 on row 2, then (2·1 + 3)/2 = 2.5.
    high, low, close = [10.0, 11.0, 12.0, 14.0], [9.0, 9.0, 10.0, 13.0], [9.5, 10.0, 11.0, 13.5]
    assert atr(high, low, close, 2) == pytest.approx([None, None, 2.0, 2.5])
    assert atr(high, low, close, 2, "talib") == atr(high, low, close, 2)


def test_atr_of_too_few_bars_is_undefined_and_keeps_the_length():
    assert atr([], [], [], 3) == ()
    assert atr([10.0], [9.0], [9.5], 1) == (None,)
    assert atr([10.0], [9.0], [9.5], 1, "textbook") == (1.0,)
    assert atr([10.0, 11.0], [9.0, 9.0], [9.5, 10.0], 3) == (None, None)


def test_true_range_reaches_back_to_the_previous_close():
    # A gap up: H−L = 1 but |H − previous close| = 5.
    assert atr([10.0, 16.0], [9.0, 15.0], [10.0, 15.5], 1, "textbook") == pytest.approx([1.0, 6.0])
    assert atr([10.0, 16.0], [9.0, 15.0], [10.0, 15.5], 1) == pytest.approx([None, 6.0])


def test_an_unknown_convention_is_refused_by_name():
    with pytest.raises(DomainError, match=r"'wilder'.*talib, textbook"):
        atr([1.0], [1.0], [1.0], 1, "wilder")  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="'appel'"):
        macd([1.0] * 5, 2, 3, 2, "appel")  # type: ignore[arg-type]


def test_bollinger_uses_the_population_deviation():
    middle, upper, lower = bollinger([1.0, 2.0, 3.0], 3, 2.0)
    sigma = math.sqrt(2 / 3)  # deviations −1, 0, 1 over n = 3
    assert (middle[2], upper[2], lower[2]) == pytest.approx((2.0, 2 + 2 * sigma, 2 - 2 * sigma))
    assert middle[:2] == upper[:2] == lower[:2] == (None, None)


def test_volatility_is_the_sample_deviation_of_log_returns():
    # Returns ln 1.1 and ln 0.9: sample σ of two values = |a − b|/√2.
    expected = abs(math.log(1.1) - math.log(0.9)) / math.sqrt(2)
    assert rolling_volatility([100.0, 110.0, 99.0], 2) == pytest.approx([None, None, expected])
    annual = rolling_volatility([100.0, 110.0, 99.0], 2, 252)[2]
    assert annual == pytest.approx(expected * math.sqrt(252))


def test_volatility_of_a_constant_growth_rate_is_zero():
    closes = [100 * 1.01**i for i in range(6)]
    assert rolling_volatility(closes, 3)[3:] == pytest.approx([0.0, 0.0, 0.0], abs=1e-12)


def test_macd_line_signal_and_histogram():
    closes = [float(v) for v in (1, 2, 3, 4, 5, 6, 7, 8)]
    line, signal, hist = macd(closes, 2, 3, 2, "textbook")
    # A straight line: EMA(2) lags by (2−1)/2 = .5, EMA(3) by (3−1)/2 = 1 once settled.
    assert line[2:] == pytest.approx([0.5] * 6, abs=0.1)
    assert line[:2] == (None, None)
    assert signal[:3] == (None, None, None)
    assert hist[3] == pytest.approx(line[3] - signal[3])


def test_talib_macd_starts_both_emas_on_the_slow_ones_first_row():
    # Fast EMA(2) seeded on row 2 with the mean of rows 1-2 (7/2), slow EMA(3) with rows 0-2
    # (8/3): line 5/6 on row 2; row 3: fast 7/2 + 2/3·(6 − 7/2) = 31/6, slow 8/3 + 1/2·(6 − 8/3)
    # = 26/6, line 5/6. Signal EMA(2) on row 3: the mean of 5/6 and 5/6.
    # Textbook: fast EMA(2) from row 1 (mean 5/2), on row 2: 5/2 + 2/3·(3 − 5/2) = 17/6,
    # line 17/6 − 16/6 = 1/6.
    closes = [1.0, 4.0, 3.0, 6.0]
    line, signal, hist = macd(closes, 2, 3, 2)
    assert line == pytest.approx([None, None, 5 / 6, 5 / 6])
    assert signal == pytest.approx([None, None, None, 5 / 6])
    assert hist == pytest.approx([None, None, None, 0.0])
    assert macd(closes, 2, 3, 2, "textbook")[0][2] == pytest.approx(1 / 6)


def test_macd_of_fewer_values_than_the_slow_period_is_undefined():
    assert macd([1.0, 2.0], 2, 3, 2) == ((None, None), (None, None), (None, None))
    assert macd([1.0, 2.0], 2, 3, 2, "textbook")[0] == (None, None)


@pytest.mark.parametrize(
    "call",
    [
        lambda: sma([1.0], 0),
        lambda: ema([1.0], -1),
        lambda: rsi([1.0], 0),
        lambda: bollinger([1.0], 2, 0.0),
        lambda: macd([1.0], 26, 12, 9),
        lambda: rolling_volatility([1.0], 1),
    ],
)
def test_bad_parameters_are_refused(call):
    with pytest.raises(DomainError):
        call()


def test_too_short_series_are_all_undefined():
    assert sma([1.0, 2.0], 3) == (None, None)
    assert ema([1.0, 2.0], 3) == (None, None)
    assert rsi([1.0, 2.0], 2) == (None, None)


# -- reference implementations ----------------------------------------------------------


def ref_sma(values, n):
    return [None if i < n - 1 else sum(values[i - n + 1 : i + 1]) / n for i in range(len(values))]


def ref_ema(values, n):
    out, prev = [], None
    for i, value in enumerate(values):
        if i < n - 1:
            out.append(None)
        elif i == n - 1:
            prev = sum(values[:n]) / n
            out.append(prev)
        else:
            prev = value * (2 / (n + 1)) + prev * (1 - 2 / (n + 1))
            out.append(prev)
    return out


def ref_rsi(closes, n):
    out = [None] * len(closes)
    gains = [max(closes[i] - closes[i - 1], 0) for i in range(1, len(closes))]
    losses = [max(closes[i - 1] - closes[i], 0) for i in range(1, len(closes))]
    avg_gain = avg_loss = None
    for i in range(n, len(closes)):
        if i == n:
            avg_gain, avg_loss = sum(gains[:n]) / n, sum(losses[:n]) / n
        else:
            avg_gain = (avg_gain * (n - 1) + gains[i - 1]) / n
            avg_loss = (avg_loss * (n - 1) + losses[i - 1]) / n
        if avg_loss == 0:
            out[i] = 50.0 if avg_gain == 0 else 100.0
        else:
            out[i] = 100 - 100 / (1 + avg_gain / avg_loss)
    return out


def ref_atr_talib(high, low, close, n):
    """TA-Lib's ATR: Wilder's smoothing of the true ranges of bars 1.. (bar 0 has none)."""
    trs = [
        max(high[i] - low[i], abs(high[i] - close[i - 1]), abs(low[i] - close[i - 1]))
        for i in range(1, len(high))
    ]
    out, prev = [None] * len(high), None
    for i in range(n - 1, len(trs)):
        prev = sum(trs[:n]) / n if i == n - 1 else (prev * (n - 1) + trs[i]) / n
        out[i + 1] = prev
    return out


def ref_atr(high, low, close, n):
    trs = [high[0] - low[0]] + [
        max(high[i] - low[i], abs(high[i] - close[i - 1]), abs(low[i] - close[i - 1]))
        for i in range(1, len(high))
    ]
    out, prev = [], None
    for i, tr in enumerate(trs):
        if i < n - 1:
            out.append(None)
        elif i == n - 1:
            prev = sum(trs[:n]) / n
            out.append(prev)
        else:
            prev = (prev * (n - 1) + tr) / n
            out.append(prev)
    return out


def ref_volatility(closes, n):
    out = [None] * len(closes)
    for i in range(n, len(closes)):
        returns = [math.log(closes[j] / closes[j - 1]) for j in range(i - n + 1, i + 1)]
        out[i] = statistics.stdev(returns)
    return out


def close_to(actual, expected):
    assert len(actual) == len(expected)
    for a, e in zip(actual, expected, strict=True):
        if e is None:
            assert a is None
        else:
            assert a == pytest.approx(e, rel=1e-9, abs=1e-9)


prices = st.lists(st.floats(1.0, 1000.0), min_size=0, max_size=80)
periods = st.integers(1, 30)


@given(prices, periods)
def test_sma_agrees_with_the_reference(values, n):
    close_to(sma(values, n), ref_sma(values, n))


@given(prices, periods)
def test_ema_agrees_with_the_reference(values, n):
    close_to(ema(values, n), ref_ema(values, n))


@given(prices, periods)
def test_rsi_agrees_with_the_reference_and_stays_in_0_100(values, n):
    result = rsi(values, n)
    close_to(result, ref_rsi(values, n))
    assert all(0 <= v <= 100 for v in result if v is not None)


@given(price_columns(), periods)
def test_atr_agrees_with_the_reference(bars, n):
    high, low, close = bars
    close_to(atr(high, low, close, n, "textbook"), ref_atr(high, low, close, n))
    close_to(atr(high, low, close, n), ref_atr_talib(high, low, close, n))


@given(prices, st.integers(2, 30), st.floats(0.5, 3.0))
def test_bollinger_agrees_with_the_reference(values, n, k):
    middle, upper, lower = bollinger(values, n, k)
    close_to(middle, ref_sma(values, n))
    for i, mean in enumerate(middle):
        if mean is None:
            continue
        sigma = statistics.pstdev(values[i - n + 1 : i + 1])
        assert upper[i] == pytest.approx(mean + k * sigma, rel=1e-9, abs=1e-9)
        assert lower[i] == pytest.approx(mean - k * sigma, rel=1e-9, abs=1e-9)


@given(
    prices,
    st.integers(1, 10),
    st.integers(1, 10),
    st.integers(1, 10),
    st.sampled_from(["talib", "textbook"]),
)
def test_macd_agrees_with_the_reference(values, fast, extra, signal, convention):
    slow = fast + extra
    line, smoothed, hist = macd(values, fast, slow, signal, convention)
    steady = ref_ema(values, slow)
    if convention == "textbook":
        quick = ref_ema(values, fast)
    else:  # the fast EMA's seed window ends where the slow one's does
        quick = [None] * min(extra, len(values)) + ref_ema(values[extra:], fast)
    expected_line = [None if s is None else q - s for q, s in zip(quick, steady, strict=True)]
    close_to(line, expected_line)
    defined = [v for v in expected_line if v is not None]
    expected_signal = [None] * (len(values) - len(defined)) + ref_ema(defined, signal)
    close_to(smoothed, expected_signal)
    for m, s, h in zip(line, smoothed, hist, strict=True):
        assert h is None if s is None else h == pytest.approx(m - s, abs=1e-9)


@given(prices, st.integers(2, 30))
def test_volatility_agrees_with_the_reference(values, n):
    close_to(rolling_volatility(values, n), ref_volatility(values, n))
