"""Benchmark: our NYSE calendar vs exchange_calendars' XNYS, measured in the same run.

Run: ``python bench/calendar_speed.py``. Prints per-call ``is_session`` over every calendar day
of 1990-2060 (xcals from its first session, to avoid DateOutOfBounds), and the cost of a
cold full-range build (our caches cleared vs constructing ``XNYSExchangeCalendar``), with
ratios xcals/ours. Medians of several repeats, time.perf_counter. Not a test.
"""

import statistics
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, timedelta

from trade_analyst.domain.calendars import _clear_caches, get_calendar

START, END = date(1990, 1, 1), date(2060, 12, 31)
REPEATS = 7


def median_seconds(fn: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of ``fn()`` over ``repeats`` runs."""
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


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

    # ---- build: cold full range
    def build_ours() -> None:
        _clear_caches()
        get_calendar("nyse").sessions(START, END)

    def build_xcals() -> None:
        XNYSExchangeCalendar(start=START.isoformat(), end=END.isoformat())

    ours_build = median_seconds(build_ours)
    xc_build = median_seconds(build_xcals)

    # ---- is_session per call, over every day both calendars accept
    nyse = get_calendar("nyse")
    xnys = xcals.get_calendar("XNYS", start=START.isoformat(), end=END.isoformat())
    first = xnys.first_session.date()
    last = xnys.last_session.date()
    days = every_day(first, last)
    stamps = [pd.Timestamp(d) for d in days]
    nyse.sessions(START, END)  # warm: point queries must not build anything
    assert [nyse.is_session(d) for d in days] == [xnys.is_session(s) for s in stamps]

    def ours_calls() -> None:
        is_session = nyse.is_session
        for d in days:
            is_session(d)

    def xc_calls_ts() -> None:
        is_session = xnys.is_session
        for s in stamps:
            is_session(s)

    def xc_calls_date() -> None:
        is_session = xnys.is_session
        for d in days:
            is_session(d)

    n = len(days)
    ours_us = median_seconds(ours_calls) / n * 1e6
    xc_ts_us = median_seconds(xc_calls_ts, 3) / n * 1e6
    xc_date_us = median_seconds(xc_calls_date, 3) / n * 1e6

    py = sys.version.split()[0]
    print(f"exchange_calendars {xcals.__version__}, pandas {pd.__version__}, Python {py}")
    print(f"is_session over {n} days {first}..{last} (median of repeats):")
    print(f"  ours (date)                {ours_us:8.3f} us/call")
    ratio = xc_ts_us / ours_us
    print(f"  xcals XNYS (Timestamp)     {xc_ts_us:8.3f} us/call   xcals/ours {ratio:6.1f}x")
    ratio = xc_date_us / ours_us
    print(f"  xcals XNYS (date)          {xc_date_us:8.3f} us/call   xcals/ours {ratio:6.1f}x")
    print(f"cold build {START}..{END} (median of {REPEATS}):")
    print(f"  ours (caches cleared)      {ours_build:8.4f} s")
    ratio = xc_build / ours_build
    print(f"  XNYSExchangeCalendar(...)  {xc_build:8.4f} s         xcals/ours {ratio:6.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
