"""Inputs of the analytics: a prior session's bar, a session's minute bars as a price path,
OHLC price columns, and indicator spec texts."""

import datetime as dt

from hypothesis import strategies as st

from trade_analyst.domain.analytics import IndicatorSpec, PriorBar, parse_specs
from trade_analyst.domain.models import Bar

# A regular session's first minute (09:30 New York in June); any instant would do.
SESSION_START = dt.datetime(2025, 6, 24, 13, 30, tzinfo=dt.UTC)


@st.composite
def prior_bars(draw: st.DrawFn) -> PriorBar:
    """Valid bars with a range that is not lost in rounding (high > low)."""
    low = draw(st.floats(0.01, 100_000.0, allow_nan=False))
    span = low * draw(st.floats(1e-6, 2.0))
    high = low + span
    open_ = low + span * draw(st.floats(0.0, 1.0))
    close = low + span * draw(st.floats(0.0, 1.0))
    return PriorBar(min(max(open_, low), high), high, low, min(max(close, low), high))


@st.composite
def session_bars(draw: st.DrawFn, start: dt.datetime = SESSION_START) -> list[Bar]:
    """One to twenty minute bars from ``start``, each opening within 5% of the last close."""
    # Up to twenty bars: the laws of a weighted mean need no more, and each bar costs five
    # draws (a whole 390-minute session would make the tests slow, not stronger).
    count = draw(st.integers(1, 20))
    price = draw(st.floats(1.0, 10_000.0))
    out = []
    for minute in range(count):
        low = price * draw(st.floats(0.95, 1.0))
        high = price * draw(st.floats(1.0, 1.05))
        open_ = draw(st.floats(low, high))
        close = draw(st.floats(low, high))
        volume = float(draw(st.integers(0, 1_000_000)))
        out.append(Bar(start + dt.timedelta(minutes=minute), open_, high, low, close, volume))
        price = close
    return out


@st.composite
def price_columns(draw: st.DrawFn) -> tuple[list[float], list[float], list[float]]:
    """Highs, lows and closes of 1 to 60 bars: low <= close <= high on every row."""
    closes = draw(st.lists(st.floats(1.0, 1000.0), min_size=1, max_size=60))
    highs = [c * draw(st.floats(1.0, 1.1)) for c in closes]
    lows = [c * draw(st.floats(0.9, 1.0)) for c in closes]
    return highs, lows, closes


def spec_texts() -> st.SearchStrategy[str]:
    """One indicator spec as ``ta indicators`` takes it (``sma:20``, ``macd:12:26:9``)."""
    return st.one_of(
        st.builds("sma:{}".format, st.integers(1, 40)),
        st.builds("ema:{}".format, st.integers(1, 40)),
        st.builds("rsi:{}".format, st.integers(1, 40)),
        st.builds("atr:{}".format, st.integers(1, 40)),
        st.builds("bb:{}".format, st.integers(1, 40)),
        st.builds("vol:{}".format, st.integers(2, 40)),
        st.builds(lambda f, d, g: f"macd:{f}:{f + d}:{g}", *(st.integers(1, 12),) * 3),
    )


def indicator_specs() -> st.SearchStrategy[IndicatorSpec]:
    return spec_texts().map(lambda text: parse_specs(text)[0])
