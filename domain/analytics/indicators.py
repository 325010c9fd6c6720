"""Technical indicators over one series of bars, aligned with the input.

Every function returns one value per input row and ``None`` where the indicator is not yet
defined (its warm-up), so results line up with the bars they annotate. Definitions follow
the originals: Wilder's smoothing for RSI and ATR, EMAs seeded with the SMA of their first
``n`` values, Bollinger bands with the population standard deviation.

ATR and MACD have two conventions that differ in their first rows (``CONVENTIONS``):
``"talib"`` (the default) starts them as TA-Lib does, the reference most charting tools and
backtests agree with; ``"textbook"`` starts them as their authors' books describe.
"""

import math
from collections.abc import Sequence
from typing import Literal, get_args

from trade_analyst.domain.errors import DomainError

__all__ = [
    "CONVENTIONS",
    "Convention",
    "atr",
    "bollinger",
    "ema",
    "macd",
    "rolling_volatility",
    "rsi",
    "sma",
    "true_range",
]

Column = tuple[float | None, ...]
Convention = Literal["talib", "textbook"]
CONVENTIONS: tuple[Convention, ...] = get_args(Convention)


def _check_convention(convention: str) -> None:
    if convention not in CONVENTIONS:
        raise DomainError(
            f"unknown indicator convention {convention!r}; known: {', '.join(CONVENTIONS)}"
        )


def _check_period(name: str, period: int) -> None:
    if isinstance(period, bool) or not isinstance(period, int) or period < 1:
        raise DomainError(f"{name} period must be a whole number >= 1, got {period!r}")


def sma(values: Sequence[float], period: int) -> Column:
    """Mean of the last ``period`` values."""
    _check_period("sma", period)
    out: list[float | None] = [None] * len(values)
    for index in range(period - 1, len(values)):
        out[index] = math.fsum(values[index - period + 1 : index + 1]) / period
    return tuple(out)


def _ema_from(values: Sequence[float], period: int, alpha: float) -> list[float | None]:
    """EMA seeded with the SMA of the first ``period`` values; ``alpha`` is the weight."""
    out: list[float | None] = [None] * len(values)
    if len(values) < period:
        return out
    average = math.fsum(values[:period]) / period
    out[period - 1] = average
    for index in range(period, len(values)):
        average += alpha * (values[index] - average)
        out[index] = average
    return out


def ema(values: Sequence[float], period: int) -> Column:
    """Exponential moving average with α = 2/(period+1), first defined at row period-1."""
    _check_period("ema", period)
    return tuple(_ema_from(values, period, 2 / (period + 1)))


def rsi(closes: Sequence[float], period: int = 14) -> Column:
    """Wilder's RSI: averages of gains and losses, seeded by their mean over the first
    ``period`` changes, then smoothed as avg = (avg·(n−1) + x)/n. 100 when no losses,
    50 when the price did not move at all."""
    _check_period("rsi", period)
    out: list[float | None] = [None] * len(closes)
    if len(closes) <= period:
        return tuple(out)
    changes = [closes[i] - closes[i - 1] for i in range(1, len(closes))]
    gain = math.fsum(max(c, 0.0) for c in changes[:period]) / period
    loss = math.fsum(max(-c, 0.0) for c in changes[:period]) / period
    out[period] = _rsi_value(gain, loss)
    for index in range(period + 1, len(closes)):
        change = changes[index - 1]
        gain = (gain * (period - 1) + max(change, 0.0)) / period
        loss = (loss * (period - 1) + max(-change, 0.0)) / period
        out[index] = _rsi_value(gain, loss)
    return tuple(out)


def _rsi_value(gain: float, loss: float) -> float:
    if loss == 0:
        return 50.0 if gain == 0 else 100.0
    return 100 - 100 / (1 + gain / loss)


def true_range(high: Sequence[float], low: Sequence[float], close: Sequence[float]) -> Column:
    """max(H−L, |H−C₋₁|, |L−C₋₁|); the first bar has no previous close, so H−L."""
    _same_length(high, low, close)
    out: list[float | None] = []
    for index in range(len(high)):
        span = high[index] - low[index]
        if index == 0:
            out.append(span)
        else:
            previous = close[index - 1]
            out.append(max(span, abs(high[index] - previous), abs(low[index] - previous)))
    return tuple(out)


def atr(
    high: Sequence[float],
    low: Sequence[float],
    close: Sequence[float],
    period: int = 14,
    convention: Convention = "talib",
) -> Column:
    """Wilder's average true range: a first average of ``period`` true ranges, then
    atr = (atr·(n−1) + tr)/n.

    ``"talib"``: the first average is of the true ranges of bars 1..n (each has a previous
    close), so the first value is on row n. ``"textbook"`` (Wilder's book): it starts at
    bar 0, whose true range is its high − low, so the first value is on row n−1.
    """
    _check_period("atr", period)
    _check_convention(convention)
    ranges = [value for value in true_range(high, low, close) if value is not None]
    if convention == "textbook":
        return tuple(_ema_from(ranges, period, 1 / period))
    return tuple([None, *_ema_from(ranges[1:], period, 1 / period)][: len(ranges)])


def bollinger(
    values: Sequence[float], period: int = 20, width: float = 2.0
) -> tuple[Column, Column, Column]:
    """(middle, upper, lower): the SMA and SMA ± width·σ, σ the population deviation of
    the same window (Bollinger's definition)."""
    _check_period("bollinger", period)
    if not math.isfinite(width) or width <= 0:
        raise DomainError(f"bollinger width must be a positive number, got {width!r}")
    middle = sma(values, period)
    upper: list[float | None] = [None] * len(values)
    lower: list[float | None] = [None] * len(values)
    for index, mean in enumerate(middle):
        if mean is None:
            continue
        window = values[index - period + 1 : index + 1]
        sigma = math.sqrt(math.fsum((v - mean) ** 2 for v in window) / period)
        upper[index], lower[index] = mean + width * sigma, mean - width * sigma
    return middle, tuple(upper), tuple(lower)


def macd(
    values: Sequence[float],
    fast: int = 12,
    slow: int = 26,
    signal: int = 9,
    convention: Convention = "talib",
) -> tuple[Column, Column, Column]:
    """(macd, signal, histogram): EMA(fast) − EMA(slow), the EMA(signal) of that line
    (over the rows where it exists), and their difference.

    ``"talib"``: both EMAs start on row slow−1, the fast one seeded with the SMA of the
    ``fast`` values ending there (TA-Lib aligns them; it also leaves the line blank until the
    signal starts, where this keeps it). ``"textbook"`` (Appel): two independent EMAs, the
    fast one started on row fast−1; the early rows differ, less and less as rows go by.
    """
    for name, period in (("macd fast", fast), ("macd slow", slow), ("macd signal", signal)):
        _check_period(name, period)
    if fast >= slow:
        raise DomainError(f"macd fast period ({fast}) must be shorter than slow ({slow})")
    _check_convention(convention)
    steady = ema(values, slow)
    if convention == "textbook":
        quick = ema(values, fast)
    else:
        late = slow - fast  # rows before the fast EMA's seed window
        quick = (*[None] * min(late, len(values)), *ema(values[late:], fast))
    line: list[float | None] = [
        None if a is None or b is None else a - b for a, b in zip(quick, steady, strict=True)
    ]
    first = next((i for i, v in enumerate(line) if v is not None), len(line))
    defined = [v for v in line[first:] if v is not None]
    smoothed = [None] * first + _ema_from(defined, signal, 2 / (signal + 1))
    histogram = [
        None if m is None or s is None else m - s for m, s in zip(line, smoothed, strict=True)
    ]
    return tuple(line), tuple(smoothed), tuple(histogram)


def rolling_volatility(
    closes: Sequence[float], period: int = 20, periods_per_year: float | None = None
) -> Column:
    """Sample standard deviation of the last ``period`` log returns, times
    √periods_per_year when given (e.g. 252 for daily bars). Needs positive prices: a
    non-positive close leaves the windows containing it undefined."""
    _check_period("volatility", period)
    if period < 2:
        raise DomainError("volatility needs a period of at least 2 returns")
    scale = 1.0 if periods_per_year is None else math.sqrt(periods_per_year)
    returns: list[float | None] = [None]
    for index in range(1, len(closes)):
        before, after = closes[index - 1], closes[index]
        returns.append(math.log(after / before) if before > 0 and after > 0 else None)
    out: list[float | None] = [None] * len(closes)
    for index in range(period, len(closes)):
        window = returns[index - period + 1 : index + 1]
        if any(value is None for value in window):
            continue
        numbers = [value for value in window if value is not None]
        mean = math.fsum(numbers) / period
        variance = math.fsum((value - mean) ** 2 for value in numbers) / (period - 1)
        out[index] = math.sqrt(variance) * scale
    return tuple(out)


def _same_length(*columns: Sequence[float]) -> None:
    if len({len(column) for column in columns}) > 1:
        raise DomainError("high, low and close must have the same length")
