"""Benchmark: mock 1-minute bars generated per second, one year of /ES.

Run: ``python bench/mock.py``. Asks the mock provider for 2025's 1-minute /ES history
(continuous across contracts, ~350k bars) with its path caches cleared before each run, and
prints bars, seconds and bars/s (median of 3). For scale it also times a bare baseline in
the same run: a plain loop drawing one Gaussian step and one exp per bar, the least a
Python random walk can cost. Not a test.
"""

import datetime as dt
import math
import random
import statistics
import sys
import time
from collections.abc import Callable

import anyio

from trade_analyst.adapters.memory import FakeClock
from trade_analyst.adapters.mock import MockMarketData, walk
from trade_analyst.ports import HistoryQuery

REPEATS = 3
START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
END = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def timed(fn: Callable[[], int]) -> tuple[int, float]:
    """(result, median seconds) of ``fn`` over REPEATS runs."""
    results, seconds = [], []
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        results.append(fn())
        seconds.append(time.perf_counter() - t0)
    return results[-1], statistics.median(seconds)


def one_year_of_es() -> int:
    walk.raw_day.cache_clear()  # a cold run: every day's path is generated again
    walk.priced_day.cache_clear()
    market = MockMarketData(FakeClock(END + dt.timedelta(days=1)))

    # Return only the count: asyncio builds a repr of a task's result, which for 350k bars
    # would cost more than making them.
    async def count() -> int:
        return len(await market.price_history(HistoryQuery("/ES", START, END, "1m")))

    return anyio.run(count)


def bare_walk(count: int) -> Callable[[], int]:
    def run() -> int:
        rng = random.Random(1)
        gauss, exp = rng.gauss, math.exp
        total, out = 0.0, []
        for _ in range(count):
            total += gauss(0.0, 1e-4)
            out.append(exp(total))
        return len(out)

    return run


def main() -> int:
    bars, seconds = timed(one_year_of_es)
    _, baseline = timed(bare_walk(bars))
    print(f"mock /ES 1m {START.date()}..{END.date()}: {bars} bars in {seconds:.3f} s")
    print(f"  {bars / seconds:,.0f} bars/s (median of {REPEATS}, cold path caches)")
    print(f"bare walk (gauss + exp per bar): {bars / baseline:,.0f} bars/s")
    print(f"  mock / bare walk throughput ratio: {baseline / seconds:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
