"""Mock price history: every interval is an aggregate of one seeded 1-minute path."""

import datetime as dt
import itertools
from bisect import bisect_left
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import anyio
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.mock import conftest as mock
from tests.unit.mock.conftest import NOW, history, provider, utc
from trade_analyst.domain.calendars import nyse
from trade_analyst.domain.futures import calendar_named, root_calendar
from trade_analyst.domain.models import Bar, BarSeries
from trade_analyst.domain.validation import has_errors, validate_bars
from trade_analyst.ports import INTERVALS, HistoryQuery, Interval, InvalidInput, TradingSession

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
# One of each kind of venue: NYSE stock, index, Globex (one window), grains (two windows
# a day), forex (CME FX windows).
SYMBOLS = ("AAPL", "$SPX", "/ES", "/ZC", "EUR/USD")
CALENDAR_OF = {"AAPL": "nyse", "$SPX": "nyse", "/ES": "/ES", "/ZC": "/ZC", "EUR/USD": "/6E"}

days = st.dates(dt.date(2015, 1, 1), dt.date(2025, 10, 31))


def summary(bars: Sequence[Bar]) -> tuple[float, float, float, float, float]:
    """The OHLCV one bar must have to summarise ``bars``."""
    return (
        bars[0].open,
        max(b.high for b in bars),
        min(b.low for b in bars),
        bars[-1].close,
        sum(b.volume for b in bars),
    )


def ohlcv(bar: Bar) -> tuple[float, float, float, float, float]:
    return bar.open, bar.high, bar.low, bar.close, bar.volume


def assert_summarises(coarse: BarSeries, fine: BarSeries, end: dt.datetime) -> None:
    """Each coarse bar equals the fine bars from its start to the next coarse bar's."""
    fine_bars, fine_times = list(fine.bars()), list(fine.timestamps)
    assert all(a < b for a, b in itertools.pairwise(fine_times))  # so bisect finds the bars
    stamps = [*coarse.timestamps, end]
    assert len(coarse) > 0
    for row, (opens, closes) in enumerate(itertools.pairwise(stamps)):
        inside = fine_bars[bisect_left(fine_times, opens) : bisect_left(fine_times, closes)]
        assert inside, f"no fine bars under coarse bar {row}"
        assert inside[0].timestamp == opens
        assert ohlcv(coarse[row]) == summary(inside)


def whole_days(day: dt.date, count: int) -> tuple[dt.datetime, dt.datetime]:
    """A range starting the evening before ``day`` (Globex opens then) and ``count`` days on."""
    start = dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC) - dt.timedelta(hours=12)
    return start, start + dt.timedelta(days=count)


@settings(max_examples=12)
@given(st.sampled_from(SYMBOLS), days, st.sampled_from(["5m", "10m", "15m", "30m", "1h"]))
def test_intraday_bars_are_aggregates_of_the_minute_bars(
    symbol: str, day: dt.date, interval: Interval
) -> None:
    start, end = whole_days(day, 6)  # long enough to hold a session after any holiday run
    assert_summarises(history(symbol, start, end, interval), history(symbol, start, end, "1m"), end)


@settings(max_examples=12)
@given(st.sampled_from(SYMBOLS), days, st.sampled_from(["regular", "extended"]))
def test_daily_bars_are_aggregates_of_their_sessions_minutes(
    symbol: str, day: dt.date, session: TradingSession
) -> None:
    start, end = whole_days(day, 5)
    later = end + dt.timedelta(days=5)
    daily = history(symbol, start, end, "1d", session)
    minutes = history(symbol, start, later, "1m", session)
    # The last daily bar runs until the next session opens.
    following = history(symbol, end, later, "1d", session).timestamps[0]
    assert_summarises(daily, minutes, following)


@settings(max_examples=10)
@given(st.sampled_from(SYMBOLS), days, st.integers(1, 12), st.integers(1, 12))
def test_a_sessions_minutes_do_not_depend_on_the_range_asked(
    symbol: str, day: dt.date, before: int, after: int
) -> None:
    start, end = whole_days(day, 1)
    alone = history(symbol, start, end, "1m")
    wider = history(symbol, start - dt.timedelta(days=before), end + dt.timedelta(days=after), "1m")
    assert list(alone.bars()) == [b for b in wider.bars() if start <= b.timestamp < end]


def test_a_daily_bar_opening_before_a_halt_holiday_is_in_the_range_holding_its_stamp() -> None:
    # Friday 2015-07-03 was a Globex halt holiday: trading from Thursday 17:00 CT until the
    # halt belongs to Monday's trade date, whose daily bar is stamped Thursday 22:00 UTC.
    # A hypothesis example once found that bar missing from both neighbouring ranges.
    thursday_evening = dt.datetime(2015, 7, 2, 22, tzinfo=dt.UTC)
    friday_noon = dt.datetime(2015, 7, 3, 12, tzinfo=dt.UTC)
    daily = history("/ES", thursday_evening - dt.timedelta(days=1), friday_noon, "1d")
    assert daily.timestamps[-1] == thursday_evening
    later = history("/ES", friday_noon, friday_noon + dt.timedelta(days=5), "1d")
    assert thursday_evening not in later.timestamps


@settings(max_examples=8)
@given(st.sampled_from(["AAPL", "/ES"]), days, st.sampled_from(["1w", "1mo"]))
def test_weekly_and_monthly_bars_are_aggregates_of_daily_bars(
    symbol: str, day: dt.date, interval: Interval
) -> None:
    start, end = whole_days(day, 45)
    coarse = history(symbol, start, end, interval)
    # No coarse bar starts before ``start``; the daily bars run on into the next month to
    # show where the last period ends.
    daily = history(symbol, start, end + dt.timedelta(days=35), "1d")
    last = coarse.timestamps[-1]
    following = [t for t in daily.timestamps if t > last]
    period_of = (
        (lambda t: t.astimezone(NEW_YORK).isocalendar()[:2])
        if interval == "1w"
        else (lambda t: (t.astimezone(NEW_YORK).year, t.astimezone(NEW_YORK).month))
    )
    if symbol == "/ES":  # Globex sessions open the evening before: date them by trade date
        calendar = root_calendar("/ES")

        def period_of(t: dt.datetime) -> tuple[int, int]:
            day = calendar.trade_date_at(t)
            assert day is not None
            return tuple(day.isocalendar()[:2]) if interval == "1w" else (day.year, day.month)  # type: ignore[return-value]

    end_of_last = next((t for t in following if period_of(t) != period_of(last)), None)
    if end_of_last is None:  # the last period runs to the end of the daily bars
        end_of_last = daily.timestamps[-1] + dt.timedelta(days=1)
    assert_summarises(coarse, daily, end_of_last)


@settings(max_examples=25)
@given(
    st.sampled_from((*SYMBOLS, "SPY", "USD/JPY", "/CL", "/ZN", "/6J", "/VX", "/BTC")),
    days,
    st.integers(1, 6),
    st.sampled_from(INTERVALS),
)
def test_every_request_gives_valid_ordered_bars_inside_the_range(
    symbol: str, day: dt.date, length: int, interval: Interval
) -> None:
    start, end = whole_days(day, length)
    bars = history(symbol, start, end, interval)
    assert all(start <= t < end for t in bars.timestamps)
    assert all(a < b for a, b in itertools.pairwise(bars.timestamps))
    assert not has_errors(validate_bars(bars))
    assert all(v == int(v) for v in bars.volume)


@settings(max_examples=15)
@given(st.sampled_from(SYMBOLS), days, st.sampled_from(["1m", "5m", "30m", "1h", "1d"]))
def test_bars_start_inside_the_calendars_sessions(
    symbol: str, day: dt.date, interval: Interval
) -> None:
    start, end = whole_days(day, 4)
    bars = history(symbol, start, end, interval)
    calendar = calendar_named(CALENDAR_OF[symbol])
    assert all(calendar.is_open_at(t) for t in bars.timestamps)


def test_no_equity_bars_on_a_holiday_and_a_half_day_closes_at_one() -> None:
    bars = history("AAPL", utc(2024, 11, 27), utc(2024, 12, 1), "1m")
    local = [t.astimezone(NEW_YORK) for t in bars.timestamps]
    assert dt.date(2024, 11, 28) not in {t.date() for t in local}  # Thanksgiving
    friday = [t for t in local if t.date() == dt.date(2024, 11, 29)]
    assert friday[0].time() == dt.time(9, 30)
    assert friday[-1].time() == dt.time(12, 59)


def test_futures_trade_the_halt_holiday_morning_for_the_next_trade_date() -> None:
    bars = history("/ES", utc(2025, 7, 3), utc(2025, 7, 8), "1m")
    calendar = root_calendar("/ES")
    fourth = dt.date(2025, 7, 4)
    on_the_fourth = [t for t in bars.timestamps if t.astimezone(CHICAGO).date() == fourth]
    assert on_the_fourth, "Globex trades the morning of July 4 until the 12:00 CT halt"
    assert all(t.astimezone(CHICAGO).time() < dt.time(12) for t in on_the_fourth)
    assert {calendar.trade_date_at(t) for t in on_the_fourth} == {dt.date(2025, 7, 7)}


def test_extended_hours_add_pre_and_post_market_around_the_same_regular_bars() -> None:
    start, end = utc(2025, 7, 1), utc(2025, 7, 2)
    regular = history("AAPL", start, end, "1m")
    extended = history("AAPL", start, end, "1m", "extended")
    local = [t.astimezone(NEW_YORK).time() for t in extended.timestamps]
    assert (local[0], local[-1]) == (dt.time(4), dt.time(19, 59))
    assert len(extended) == 16 * 60
    assert len(regular) == 390
    by_time = {b.timestamp: b for b in extended.bars()}
    assert all(by_time[b.timestamp] == b for b in regular.bars())


def test_indices_and_forex_have_no_volume_stocks_and_futures_do() -> None:
    start, end = utc(2025, 7, 1), utc(2025, 7, 2)
    assert set(history("$SPX", start, end, "5m").volume) == {0.0}
    assert set(history("EUR/USD", start, end, "5m").volume) == {0.0}
    assert sum(history("AAPL", start, end, "5m").volume) > 0
    assert sum(history("/ES", start, end, "5m").volume) > 0


def test_nothing_starts_at_or_after_the_clock() -> None:
    bars = history("AAPL", utc(2025, 11, 26), utc(2025, 11, 27), "1m")
    assert bars.timestamps[-1] == NOW - dt.timedelta(minutes=1)
    daily = history("AAPL", utc(2025, 11, 26), utc(2025, 11, 27), "1d")
    assert ohlcv(daily[0]) == summary(list(bars.bars()))


def test_a_quiet_range_is_empty_and_a_future_range_too() -> None:
    assert len(history("AAPL", utc(2025, 7, 5), utc(2025, 7, 6, 23), "1m")) == 0
    assert len(history("AAPL", utc(2026, 1, 5), utc(2026, 1, 6), "1d")) == 0


def test_hourly_nyse_bars_start_at_the_half_hour() -> None:
    bars = history("AAPL", utc(2025, 7, 1), utc(2025, 7, 2), "1h")
    local = [t.astimezone(NEW_YORK).time() for t in bars.timestamps]
    assert local == [dt.time(h, 30) for h in range(9, 16)]
    assert nyse().is_open_at(bars.timestamps[-1])


@pytest.mark.parametrize(
    ("symbol", "interval", "session", "hint"),
    [
        ("AAPL", "2h", "regular", "1m, 5m, 10m, 15m, 30m, 1h, 1d, 1w, 1mo"),
        ("AAPL", "1d", "overnight", "regular, extended"),
        ("ZZZZZZ", "1d", "regular", "AAPL"),
        ("not a symbol!", "1d", "regular", "valid forms"),
        ("/ESF26", "1d", "regular", "HMUZ"),
        ("/QQQQ", "1d", "regular", "futures roots"),
        ("SPY   251219C00550000", "1d", "regular", "underlying"),
        ("./OZCZ25C565", "1d", "regular", "futures contract"),
    ],
)
def test_bad_requests_are_invalid_input_with_a_hint(
    symbol: str, interval: str, session: str, hint: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        history(symbol, utc(2025, 7, 1), utc(2025, 7, 2), interval, session)  # type: ignore[arg-type]
    assert hint in raised.value.hint


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (utc(2025, 7, 2), utc(2025, 7, 1)),
        (dt.datetime(2025, 7, 1), utc(2025, 7, 2)),
        (utc(1980, 1, 1), utc(1980, 2, 1)),
    ],
)
def test_bad_ranges_are_invalid_input(start: dt.datetime, end: dt.datetime) -> None:
    with pytest.raises(InvalidInput):
        history("AAPL", start, end, "1d")


def test_futures_history_says_which_contract_each_bar_is() -> None:
    bars = mock.columns("/ES", utc(2025, 7, 1), utc(2025, 7, 2), "1h")
    assert len(bars) > 0
    assert bars.contracts == ("/ESU25",) * len(bars)
    stock = mock.columns("AAPL", utc(2025, 7, 1), utc(2025, 7, 2), "1h")
    assert len(stock) > 0
    assert stock.contracts == ()


def test_a_cancelled_history_request_stops_generating_within_a_batch_of_bars() -> None:
    # Bars are generated in a worker thread, which nothing can stop from outside: it checks
    # for cancellation as it goes, so a Ctrl-C is not kept waiting for the whole range
    # (two decades of /ES minute bars take many seconds to generate).
    async def cancelled_after(seconds: float) -> tuple[bool, float]:
        started = anyio.current_time()
        with anyio.move_on_after(seconds) as scope:
            query = HistoryQuery("/ES", utc(2006, 1, 1), utc(2025, 11, 1), "1m")
            await provider().price_history(query)
        return scope.cancelled_caught, anyio.current_time() - started

    cancelled, took = anyio.run(cancelled_after, 0.2)
    assert cancelled
    assert took < 1.0


@settings(max_examples=30, deadline=None)
@given(
    st.sampled_from(["AAPL", "/ES", "$SPX", "EUR/USD", "/CL"]),
    st.sampled_from(INTERVALS),
    st.sampled_from(["regular", "extended"]),
    st.integers(0, 60 * 24 * 40),
    st.integers(60, 60 * 24 * 6),
)
def test_the_previous_close_is_the_daily_close_of_the_session_before_the_first_bar(
    symbol: str, interval: Interval, session: TradingSession, offset: int, minutes: int
) -> None:
    start = utc(2025, 8, 4) + dt.timedelta(minutes=offset)
    end = start + dt.timedelta(minutes=minutes)
    query = HistoryQuery(symbol, start, end, interval, session, previous_close=True)
    bars = mock.run(lambda: provider().price_history(query))
    plain = mock.columns(symbol, start, end, interval, session)
    assert bars.timestamps == plain.timestamps
    assert (plain.previous_close, plain.previous_close_date) == (None, None)
    assert bars.previous_close is not None
    assert bars.previous_close_date is not None
    # Up to the first bar, the last daily bar is the first bar's own session (it starts
    # no later than any bar of it), the one before it the session before.
    first = plain.times()[0] if len(plain) else end
    daily = history(symbol, first - dt.timedelta(days=15), first + dt.timedelta(milliseconds=1),
                    "1d", session)  # fmt: skip
    before = daily.close[-2] if len(plain) else daily.close[-1]
    assert bars.previous_close == before
