"""Bars and bar tables that satisfy the OHLC laws, and tables with one labelled defect.

The laws: low <= open, close <= high; prices positive and finite; volume finite and not
negative; timestamps strictly increasing. ``session_bar_series`` also keeps every bar inside
its calendar's trading windows, with the gaps, midday halts and early closes real sessions
have.
"""

import datetime as dt
import random
from functools import lru_cache

import attrs
from hypothesis import strategies as st

from trade_analyst.domain.calendars import TradingCalendar
from trade_analyst.domain.models import Bar, BarSeries
from trade_analyst.testing.strategies.calendars import calendars, dates

# The start of the plain tables: any instant would do; a fixed one keeps examples readable.
SERIES_START = dt.datetime(2025, 3, 3, 14, 30, tzinfo=dt.UTC)
# Bar lengths of the session tables, in minutes.
INTERVAL_MINUTES = (1, 5, 15, 30, 60)
# The rules a labelled defect breaks (the rule ids of ``validate_bars``).
DEFECT_RULES = (
    "bars.ohlc_consistency",
    "bars.negative_volume",
    "bars.not_monotonic",
    "bars.duplicate_timestamp",
)


@st.composite
def bars(draw: st.DrawFn, timestamp: dt.datetime = SERIES_START) -> Bar:
    """One bar satisfying the OHLC laws."""
    low = draw(st.floats(0.01, 1e6))
    high = low + draw(st.floats(0, 1e3))
    open_ = _inside(draw(st.floats(0, 1)), low, high)
    close = _inside(draw(st.floats(0, 1)), low, high)
    return Bar(timestamp, open_, high, low, close, draw(st.floats(0, 1e9)))


def _inside(fraction: float, low: float, high: float) -> float:
    # Clamped: low + fraction * span can round past high.
    return min(high, max(low, low + fraction * (high - low)))


# Twenty rows hold every row-to-row case (time order, duplicate rows and stamps) and keep
# the draws, six a row, cheap.
@st.composite
def bar_series(
    draw: st.DrawFn,
    min_size: int = 1,
    max_size: int = 20,
    *,
    start: dt.datetime = SERIES_START,
    symbol: str = "ES",
    interval: str = "1min",
) -> BarSeries:
    """A table of bars satisfying the OHLC laws, 1 s to 1 day apart, with no calendar."""
    n = draw(st.integers(min_size, max_size))
    steps = draw(st.lists(st.integers(1, 86_400), min_size=n, max_size=n))
    rows = []
    when = start
    for step in steps:
        when += dt.timedelta(seconds=step)
        rows.append(draw(bars(when)))
    return BarSeries.from_bars(symbol, interval, rows)


@attrs.frozen
class SessionBars:
    """Bars of consecutive sessions of ``calendar``, every one inside a trading window."""

    calendar: TradingCalendar
    sessions: tuple[dt.date, ...]
    series: BarSeries


@lru_cache(maxsize=64)
def _special_sessions(calendar: TradingCalendar, year: int) -> tuple[dt.date, ...]:
    """The year's sessions that close early or halt at midday: the days bars get wrong."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    early = {close.date for close in calendar.early_closes(start, end)}
    halted = {
        day for day in calendar.sessions(start, end) if len(calendar.session_windows(day)) > 1
    }
    return tuple(sorted(early | halted))


@st.composite
def session_bar_series(
    draw: st.DrawFn,
    calendar: TradingCalendar | None = None,
    *,
    max_sessions: int = 3,
    symbol: str = "ES",
) -> SessionBars:
    """Bars of 1 to ``max_sessions`` consecutive sessions at a fixed interval, inside the
    trading windows: some bars missing (gaps), none in a midday halt or after an early close.

    Half the draws start on a session that closes early or halts. Prices follow a random
    walk seeded by the draw, so a table of hundreds of bars costs a handful of draws.
    """
    cal = calendar if calendar is not None else draw(calendars())
    day = draw(dates())
    special = _special_sessions(cal, day.year)
    on_special_day = draw(st.booleans())
    if special and on_special_day:
        day = draw(st.sampled_from(special))
    elif not cal.is_session(day):
        day = cal.next_session(day)
    days = [day]
    for _ in range(draw(st.integers(1, max_sessions)) - 1):
        days.append(cal.next_session(days[-1]))
    minutes = draw(st.sampled_from(INTERVAL_MINUTES))
    missing = draw(st.sampled_from([0.0, 0.05, 0.3]))
    walk = random.Random(draw(st.integers(0, 2**32 - 1)))  # noqa: S311 - test data, not secrets
    price = draw(st.floats(1.0, 10_000.0))
    rows = []
    step = dt.timedelta(minutes=minutes)
    for session in days:
        for opens, closes in cal.session_windows(session):
            when = opens
            while when < closes:
                price = max(0.01, price * (1 + walk.gauss(0, 0.002)))
                if walk.random() >= missing:
                    rows.append(_walk_bar(walk, when, price))
                when += step
    return SessionBars(cal, tuple(days), BarSeries.from_bars(symbol, f"{minutes}min", rows))


def _walk_bar(walk: random.Random, when: dt.datetime, price: float) -> Bar:
    high = price * (1 + abs(walk.gauss(0, 0.001)))
    low = price * (1 - abs(walk.gauss(0, 0.001)))
    open_ = _inside(walk.random(), low, high)
    close = _inside(walk.random(), low, high)
    return Bar(when, open_, high, low, close, float(walk.randrange(0, 10_000)))


@attrs.frozen
class LabelledDefect:
    """A bar table with exactly one defect: the rule it breaks and the row that breaks it."""

    series: BarSeries
    rule_id: str
    row: int


@st.composite
def defective_bar_series(draw: st.DrawFn, rule_id: str | None = None) -> LabelledDefect:
    """A ``bar_series`` with one defect a validator must report on its row, and only it.

    ``rule_id`` picks the defect (one of ``DEFECT_RULES``); by default any.
    """
    rule = rule_id if rule_id is not None else draw(st.sampled_from(DEFECT_RULES))
    needs_previous = rule in ("bars.not_monotonic", "bars.duplicate_timestamp")
    series = draw(bar_series(min_size=2 if needs_previous else 1))
    row = draw(st.integers(1 if needs_previous else 0, len(series) - 1))
    stamps, high, volume = list(series.timestamps), list(series.high), list(series.volume)
    if rule == "bars.ohlc_consistency":
        high[row] = series.low[row] / 2  # still positive, now below the low
    elif rule == "bars.negative_volume":
        volume[row] = -0.5 - draw(st.integers(0, 10**6))  # never a provider sentinel
    elif rule == "bars.not_monotonic":
        # Half a second before the previous bar: earlier than it, later than the one before.
        stamps[row] = stamps[row - 1] - dt.timedelta(milliseconds=500)
    elif rule == "bars.duplicate_timestamp":
        stamps[row] = stamps[row - 1]
        volume[row] = series.volume[row - 1] + 1  # different values, not a repeated row
    else:
        raise ValueError(f"no defect for rule {rule!r}; known: {', '.join(DEFECT_RULES)}")
    broken = BarSeries(
        series.symbol, series.interval, stamps, series.open, high, series.low, series.close, volume
    )
    return LabelledDefect(broken, rule, row)
