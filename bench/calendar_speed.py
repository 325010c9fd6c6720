"""Benchmark: our NYSE calendar vs exchange_calendars' XNYS, measured in the same run.

Run: ``python bench/calendar_speed.py``. Every figure is a ratio xcals time / our time
(higher is better), medians of several repeats (time.perf_counter), both calendars built
for 1990-2060 and warm unless the figure says cold:

- point queries, per call over every calendar day xcals accepts: ``is_session`` (xcals
  given a Timestamp, and given a date) and a session's open and close (``session_bounds``
  vs ``session_open_close``); target: at least 20x;
- bulk queries over 1990-2060: sessions (``sessions_between`` vs ``sessions_in_range``)
  and sessions with their open and close (``session_bounds_between`` vs a slice of
  ``schedule``); target: at least as fast;
- a cold build of the full range with its bulk columns vs constructing
  ``XNYSExchangeCalendar``; target: at least as fast.

Before timing, the bulk answers are checked equal to xcals' (sessions, opens, closes).
Exits 1 if any target is missed (see report.py).
"""

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from report import Report

from trade_analyst.domain.calendars import (
    _clear_caches,
    date_of_epoch_day,
    get_calendar,
)

START, END = date(1990, 1, 1), date(2060, 12, 31)
REPEATS = 7
POINT_TARGET = 20.0  # point queries stay at least this many times faster
BULK_TARGET = 1.0  # bulk queries and the cold build: at least as fast


def seconds_per_call(fn: Callable[[], object], calls: int, repeats: int = REPEATS) -> float:
    """Median over ``repeats`` of the wall time of ``calls`` calls of ``fn``, per call."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter() - t0) / calls)
    return statistics.median(times)


def seconds_per_item(loop: Callable[[], object], items: int, repeats: int = REPEATS) -> float:
    """Median over ``repeats`` of the wall time of ``loop()`` (one pass over ``items``),
    per item."""
    return seconds_per_call(loop, 1, repeats) / items


def every_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


def main() -> int:
    try:
        import exchange_calendars as xcals
        import pandas as pd
        from exchange_calendars.exchange_calendar_xnys import XNYSExchangeCalendar
    except ImportError:
        print("exchange_calendars is not installed; nothing to compare against.")
        return 0
    warnings.simplefilter("ignore")  # xcals under pandas 3 warns; not what we measure

    py = sys.version.split()[0]
    report = Report(
        f"calendar_speed: ours vs exchange_calendars {xcals.__version__} (pandas "
        f"{pd.__version__}, Python {py}), ratio xcals time / ours"
    )

    # ---- cold build of the full range, bulk columns included
    def build_ours() -> None:
        _clear_caches()
        nyse = get_calendar("nyse")
        nyse.sessions_between(START, END)
        nyse.session_bounds_between(START, END)

    def build_xcals() -> None:
        XNYSExchangeCalendar(start=START.isoformat(), end=END.isoformat())

    ours_build = seconds_per_call(build_ours, 1, 5)
    xc_build = seconds_per_call(build_xcals, 1, 3)

    nyse = get_calendar("nyse")
    xnys = xcals.get_calendar("XNYS", start=START.isoformat(), end=END.isoformat())
    first, last = xnys.first_session, xnys.last_session
    schedule = xnys.schedule

    # ---- the bulk answers agree with xcals before they are timed
    days = nyse.sessions_between(START, END)
    bounds = nyse.session_bounds_between(START, END)
    xc_days = [ts.date() for ts in xnys.sessions_in_range(first, last)]
    assert [date_of_epoch_day(d) for d in days] == xc_days
    assert bounds.days == days
    assert bounds.opens.tolist() == [int(ts.timestamp()) for ts in schedule["open"]]
    assert bounds.closes.tolist() == [int(ts.timestamp()) for ts in schedule["close"]]

    # ---- point queries, per call, over every day both calendars accept
    all_days = every_day(first.date(), last.date())
    stamps = [pd.Timestamp(d) for d in all_days]
    assert [nyse.is_session(d) for d in all_days] == [xnys.is_session(s) for s in stamps]
    sessions = nyse.sessions(START, END)
    session_stamps = [pd.Timestamp(d) for d in sessions]
    for d in sessions:
        nyse.session_bounds(d)  # warm: point queries must not build anything

    def ours_is_session() -> None:
        is_session = nyse.is_session
        for d in all_days:
            is_session(d)

    def xc_is_session_ts() -> None:
        is_session = xnys.is_session
        for s in stamps:
            is_session(s)

    def xc_is_session_date() -> None:
        is_session = xnys.is_session
        for d in all_days:
            is_session(d)

    def ours_bounds() -> None:
        session_bounds = nyse.session_bounds
        for d in sessions:
            session_bounds(d)

    def xc_bounds() -> None:
        session_open_close = xnys.session_open_close
        for s in session_stamps:
            session_open_close(s)

    n, m = len(all_days), len(sessions)
    ours_is = seconds_per_item(ours_is_session, n)
    report.add(
        "is_session per call, xcals Timestamp / ours",
        seconds_per_item(xc_is_session_ts, n, 3) / ours_is,
        POINT_TARGET,
        unit="x",
    )
    report.add(
        "is_session per call, xcals date / ours",
        seconds_per_item(xc_is_session_date, n, 3) / ours_is,
        POINT_TARGET,
        unit="x",
    )
    report.add(
        "open and close of one session per call",
        seconds_per_item(xc_bounds, m, 3) / seconds_per_item(ours_bounds, m),
        POINT_TARGET,
        unit="x",
    )

    # ---- bulk queries over the full range, warm
    ours_sessions = seconds_per_call(lambda: nyse.sessions_between(START, END), 200)
    xc_sessions = seconds_per_call(lambda: xnys.sessions_in_range(first, last), 200)
    report.add(
        f"all sessions {START.year}-{END.year} ({m:,})", xc_sessions / ours_sessions, BULK_TARGET,
        unit="x",
    )  # fmt: skip
    ours_table = seconds_per_call(lambda: nyse.session_bounds_between(START, END), 200)
    xc_table = seconds_per_call(lambda: schedule.loc[first:last], 200)
    report.add(
        f"open/close of all sessions {START.year}-{END.year}", xc_table / ours_table, BULK_TARGET,
        unit="x",
    )  # fmt: skip

    report.add("cold build with bulk columns", xc_build / ours_build, BULK_TARGET, unit="x")
    print(
        f"  (absolute: sessions {ours_sessions * 1e6:.1f} us vs {xc_sessions * 1e6:.1f} us; "
        f"open/close {ours_table * 1e6:.1f} us vs {xc_table * 1e6:.1f} us; "
        f"is_session {ours_is * 1e9:.0f} ns/call; "
        f"cold build {ours_build * 1e3:.0f} ms vs {xc_build * 1e3:.0f} ms)"
    )
    return report.finish()


if __name__ == "__main__":
    raise SystemExit(main())
