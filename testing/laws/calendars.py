"""Calendar laws: they hold for every calendar and every date in 1990..2060."""

from datetime import date, datetime, timedelta

from hypothesis import strategies as st

from trade_analyst.domain.calendars import LAST_DATE, TradingCalendar
from trade_analyst.testing.laws.law import law
from trade_analyst.testing.strategies.calendars import calendars, dates, instants

LAST = LAST_DATE


@law(cal=calendars(), d=dates())
def next_session_is_a_later_session(cal: TradingCalendar, d: date) -> None:
    nxt = cal.next_session(d)
    assert nxt > d
    assert cal.is_session(nxt)
    assert cal.sessions(d + timedelta(days=1), nxt) == [nxt]


@law(cal=calendars(), d=dates())
def previous_of_next_is_at_most_d(cal: TradingCalendar, d: date) -> None:
    back = cal.previous_session(cal.next_session(d))
    assert back <= d
    assert back == d or not cal.is_session(d)
    prv = cal.previous_session(d)
    assert prv < d
    assert cal.is_session(prv)


@law(cal=calendars(), a=dates(), b=dates())
def sessions_are_sorted_unique_and_all_sessions(cal: TradingCalendar, a: date, b: date) -> None:
    start, end = min(a, b), max(a, b)
    end = min(end, start + timedelta(days=400))
    got = cal.sessions(start, end)
    assert got == sorted(set(got))
    assert all(cal.is_session(d) and start <= d <= end for d in got)
    every_day = (start + timedelta(days=i) for i in range((end - start).days + 1))
    assert [d for d in every_day if cal.is_session(d)] == got


@law(cal=calendars(), d=dates(), k=st.integers(min_value=0, max_value=999_999))
def instants_inside_a_window_belong_to_that_session(cal: TradingCalendar, d: date, k: int) -> None:
    if not cal.is_session(d):
        d = cal.next_session(d)
    for opens, closes in cal.session_windows(d):
        span_us = (closes - opens) // timedelta(microseconds=1)
        ts = opens + timedelta(microseconds=span_us * k // 1_000_000)  # < closes
        assert cal.trade_date_at(ts) == d
        assert cal.is_open_at(ts)
    opens, closes = cal.session_bounds(d)
    assert opens < closes
    assert cal.trade_date_at(opens) == d
    assert not cal.is_open_at(closes) or cal.trade_date_at(closes) != d


@law(cal=calendars(), ts=instants())
def is_open_at_agrees_with_session_windows(cal: TradingCalendar, ts: datetime) -> None:
    trade_date = cal.trade_date_at(ts)
    assert cal.is_open_at(ts) == (trade_date is not None)
    if trade_date is not None:
        assert any(o <= ts < c for o, c in cal.session_windows(trade_date))
    nxt_open, nxt_close = cal.next_open(ts), cal.next_close(ts)
    assert nxt_open > ts
    assert nxt_close > ts
    # Open now -> the next event is a close; closed now -> it is an open.
    assert (nxt_close < nxt_open) == (trade_date is not None)
    assert cal.is_open_at(nxt_open)
    assert not cal.is_open_at(nxt_close) or cal.trade_date_at(nxt_close) != trade_date


@law(cal=calendars(), a=dates())
def every_holiday_is_a_weekday_non_session(cal: TradingCalendar, a: date) -> None:
    for h in cal.holidays(a, min(a + timedelta(days=200), LAST)):
        assert h.date.weekday() < 5
        assert not cal.is_session(h.date)
        assert h.name


@law(cal=calendars(), a=dates())
def weekdays_are_sessions_or_holidays(cal: TradingCalendar, a: date) -> None:
    end = min(a + timedelta(days=60), LAST)
    holidays = {h.date for h in cal.holidays(a, end)}
    for i in range((end - a).days + 1):
        d = a + timedelta(days=i)
        assert cal.is_session(d) == (d.weekday() < 5 and d not in holidays)


@law(cal=calendars(), a=dates())
def early_closes_are_sessions_that_close_before_regular(cal: TradingCalendar, a: date) -> None:
    for e in cal.early_closes(a, min(a + timedelta(days=400), LAST)):
        assert cal.is_session(e.date)
        assert cal.session_bounds(e.date)[1] == e.close_utc
