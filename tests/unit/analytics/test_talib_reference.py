"""The indicators against TA-Lib itself (a dev-only oracle): the default conventions give
TA-Lib's numbers on every row TA-Lib defines, and define no row before TA-Lib does."""

import math
import random

import pytest

from trade_analyst.domain.analytics import atr, bollinger, ema, macd, rsi, sma

talib = pytest.importorskip("talib")
np = pytest.importorskip("numpy")

TOLERANCE = 3e-11  # prices near 100: the last digits the two summation orders leave


def walk(seed: int, rows: int = 400) -> tuple[list[float], list[float], list[float]]:
    """A seeded random walk of closes with highs above and lows below them."""
    rng = random.Random(seed)
    close = [100.0]
    for _ in range(rows - 1):
        close.append(close[-1] * math.exp(rng.gauss(0.0, 0.02)))
    high = [c * (1 + abs(rng.gauss(0.0, 0.01))) for c in close]
    low = [c * (1 - abs(rng.gauss(0.0, 0.01))) for c in close]
    return high, low, close


def same_as_talib(ours: tuple[float | None, ...], reference: object) -> None:
    expected = [None if math.isnan(v) else float(v) for v in np.asarray(reference)]
    assert len(ours) == len(expected)
    first_ours = next(i for i, v in enumerate(ours) if v is not None)
    first_theirs = next(i for i, v in enumerate(expected) if v is not None)
    assert first_ours <= first_theirs
    for mine, theirs in zip(ours[first_theirs:], expected[first_theirs:], strict=True):
        assert mine is not None
        assert theirs is not None
        assert abs(mine - theirs) <= TOLERANCE


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("period", [1, 2, 5, 14, 30])
def test_atr_is_talibs_and_starts_on_the_same_row(seed: int, period: int) -> None:
    high, low, close = walk(seed)
    ours = atr(high, low, close, period)
    reference = talib.ATR(np.array(high), np.array(low), np.array(close), timeperiod=period)
    same_as_talib(ours, reference)
    assert ours.index(next(v for v in ours if v is not None)) == period


@pytest.mark.parametrize("seed", [1, 2])
@pytest.mark.parametrize(("fast", "slow", "signal"), [(12, 26, 9), (3, 10, 16), (5, 6, 1)])
def test_macd_is_talibs(seed: int, fast: int, slow: int, signal: int) -> None:
    close = walk(seed)[2]
    ours = macd(close, fast, slow, signal)
    reference = talib.MACD(np.array(close), fast, slow, signal)
    for column, theirs in zip(ours, reference, strict=True):
        same_as_talib(column, theirs)


def test_the_textbook_variants_are_not_talibs() -> None:
    high, low, close = walk(1)
    talib_atr = talib.ATR(np.array(high), np.array(low), np.array(close), timeperiod=14)
    textbook_atr = atr(high, low, close, 14, "textbook")[14]
    assert textbook_atr is not None
    assert abs(textbook_atr - talib_atr[14]) > 1e-6
    talib_line = talib.MACD(np.array(close), 12, 26, 9)[0]
    textbook_line = macd(close, 12, 26, 9, "textbook")[0][33]
    assert textbook_line is not None
    assert abs(textbook_line - talib_line[33]) > 1e-6


@pytest.mark.parametrize("period", [2, 14, 30])
def test_sma_ema_rsi_and_bollinger_are_talibs(period: int) -> None:
    close = walk(4)[2]
    array = np.array(close)
    same_as_talib(sma(close, period), talib.SMA(array, period))
    same_as_talib(ema(close, period), talib.EMA(array, period))
    same_as_talib(rsi(close, period), talib.RSI(array, period))
    middle, upper, lower = bollinger(close, period, 2.0)
    talib_upper, talib_middle, talib_lower = talib.BBANDS(array, period, 2.0, 2.0)
    same_as_talib(middle, talib_middle)
    same_as_talib(upper, talib_upper)
    same_as_talib(lower, talib_lower)
