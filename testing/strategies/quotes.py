"""Quotes as a provider would report them, sane by the quote rules: bid <= ask, sizes not
negative, the day's low <= open <= high, prices positive."""

import datetime as dt

from hypothesis import strategies as st

from trade_analyst.domain.models import Quote
from trade_analyst.testing.strategies.calendars import instants
from trade_analyst.testing.strategies.symbols import symbol_texts

_ASSET_TYPES = ("EQUITY", "ETF", "INDEX", "FUTURE", "OPTION", "FOREX")


@st.composite
def quotes(
    draw: st.DrawFn, symbol: str | None = None, quote_time: dt.datetime | None = None
) -> Quote:
    """One quote with a consistent book and day range; optional fields sometimes absent."""
    mid = draw(st.floats(0.01, 100_000.0))
    half_spread = mid * draw(st.floats(0.0, 0.01))
    low = mid * draw(st.floats(0.9, 1.0))
    high = mid * draw(st.floats(1.0, 1.1))
    sizes = st.none() | st.integers(0, 100_000)
    return Quote(
        symbol=symbol if symbol is not None else draw(symbol_texts()),
        asset_type=draw(st.sampled_from(_ASSET_TYPES)),
        provider="hypothesis",
        synthetic=True,
        bid=max(0.01, mid - half_spread),
        ask=mid + half_spread,
        last=draw(st.none() | st.floats(low, high)),
        mark=mid,
        bid_size=draw(sizes),
        ask_size=draw(sizes),
        volume=draw(sizes),
        open=draw(st.floats(low, high)),
        high=high,
        low=low,
        close=draw(st.none() | st.floats(low, high)),
        quote_time=quote_time if quote_time is not None else draw(instants()),
    )


@st.composite
def quote_tapes(draw: st.DrawFn, symbol: str = "ES", max_size: int = 50) -> list[Quote]:
    """Quotes of one symbol in time order (equal stamps allowed)."""
    stamps = sorted(draw(st.lists(instants(), max_size=max_size)))
    return [draw(quotes(symbol, stamp)) for stamp in stamps]
