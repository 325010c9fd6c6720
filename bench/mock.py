"""Benchmark: how fast the mock provider generates bars, and a whole daily backfill.

Run: ``python bench/mock.py``. Three figures, each beside its target (see bench/report.py),
all measured in this one run:

1. Daily bars generated per second: 20 years (2006-2025) of daily bars for each of the
   universe's 27 stocks and ETFs, as the mock generates them for ``price_history`` (its
   typed columns, before ``price_history`` wraps them as ``BarColumns``). Process CPU
   seconds, median of 3 after one warm-up run that lays out the calendar's sessions (that
   first run is printed too). Target: at least 1,000,000 bars/s.
2. 1-minute bars against a bare random walk: 2025's continuous 1-minute /ES history
   (~350k bars), generated the same way, against a plain loop drawing one seeded Gaussian
   step and one exp per bar, the least a Python random walk can cost. Throughput ratio,
   process CPU seconds, median of 3. Target: at least 0.8.
3. ``ta history`` of the 27 symbols x 20 years of daily bars into Parquet (``--out``, a
   fresh folder each run) against ``ta --help``: wall time of the venv's ``ta`` as
   subprocesses, medians of 3 and 7 runs. Target: at most 3x.

Figures 1 and 2 are also printed through ``MarketData.price_history`` (the ``BarColumns``
it returns, after the worker thread hop), for reference. On a machine shared with other
work, CPU time is steadier than wall time; the
wall seconds are printed beside it.
"""

import datetime as dt
import math
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import anyio

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import Report

from trade_analyst.adapters.memory import FakeClock
from trade_analyst.adapters.mock import MockMarketData, walk
from trade_analyst.adapters.mock.history import gather
from trade_analyst.adapters.mock.subjects import resolve
from trade_analyst.adapters.mock.universe import STOCKS
from trade_analyst.ports import HistoryQuery, Interval

REPEATS = 3
HELP_REPEATS = 7
DAILY_START = dt.datetime(2006, 1, 1, tzinfo=dt.UTC)
DAILY_END = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
MINUTE_START = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
MINUTE_END = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
SYMBOLS = tuple(listing.symbol for listing in STOCKS)
TA = Path(sys.executable).parent / "ta"


def timed(fn: Callable[[], int], repeats: int = REPEATS) -> tuple[int, float, float]:
    """(result, median CPU seconds, median wall seconds) of ``fn`` over ``repeats`` runs."""
    results, cpu, wall = [], [], []
    for _ in range(repeats):
        walk.priced_day.cache_clear()  # no path is reused from an earlier run
        c0, w0 = time.process_time(), time.perf_counter()
        results.append(fn())
        cpu.append(time.process_time() - c0)
        wall.append(time.perf_counter() - w0)
    return results[-1], statistics.median(cpu), statistics.median(wall)


def generated(
    symbols: tuple[str, ...], start: dt.datetime, end: dt.datetime, interval: str
) -> Callable[[], int]:
    """Bars the mock generates for ``symbols``, as the columns ``price_history`` wraps."""

    def run() -> int:
        return sum(
            len(gather(resolve(symbol), start, end, interval, "regular", NOW)) for symbol in symbols
        )

    return run


def through_the_port(
    symbols: tuple[str, ...], start: dt.datetime, end: dt.datetime, interval: Interval
) -> Callable[[], int]:
    """The same bars through ``MockMarketData.price_history`` (as ``BarColumns``)."""
    market = MockMarketData(FakeClock(NOW))

    # Return only the count: asyncio builds a repr of a task's result, which for 350k bars
    # would cost more than making them.
    async def count() -> int:
        total = 0
        for symbol in symbols:
            total += len(await market.price_history(HistoryQuery(symbol, start, end, interval)))
        return total

    return lambda: anyio.run(count)


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


def wall_time(command: list[str], repeats: int) -> float:
    samples = []
    for _ in range(repeats):
        started = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def backfill_seconds() -> float:
    """Median wall seconds of the 27 x 20 years daily backfill, each into a fresh folder."""
    samples = []
    with tempfile.TemporaryDirectory() as scratch:
        for run in range(REPEATS):
            command = [
                str(TA), "--provider", "mock", "--format", "parquet", "history", *SYMBOLS,
                "--start", "2006-01-01", "--end", "2025-12-31", "--interval", "1d",
                "--out", str(Path(scratch) / f"run{run}"),
            ]  # fmt: skip
            samples.append(wall_time(command, 1))
    return statistics.median(samples)


def main() -> int:
    report = Report("mock provider: generation speed and a daily backfill")

    daily = generated(SYMBOLS, DAILY_START, DAILY_END, "1d")
    bars, cold_cpu, cold_wall = timed(daily, 1)
    print(f"  first run (lays out the calendar): {bars / cold_cpu:,.0f} bars/s CPU,"
          f" {bars / cold_wall:,.0f} wall")  # fmt: skip
    bars, cpu, wall = timed(daily)
    print(f"  {len(SYMBOLS)} symbols x 20 years daily: {bars} bars, {cpu:.3f} s CPU,"
          f" {wall:.3f} s wall")  # fmt: skip
    report.add("daily bars generated (bars/s, CPU)", bars / cpu, 1_000_000)
    _, port_cpu, _ = timed(through_the_port(SYMBOLS, DAILY_START, DAILY_END, "1d"))
    print(f"  through price_history: {bars / port_cpu:,.0f} bars/s CPU")

    minutes, cpu, wall = timed(generated(("/ES",), MINUTE_START, MINUTE_END, "1m"))
    _, bare_cpu, _ = timed(bare_walk(minutes))
    print(f"  /ES 1m 2025: {minutes} bars, {cpu:.3f} s CPU, {wall:.3f} s wall;"
          f" bare walk {bare_cpu:.3f} s CPU")  # fmt: skip
    report.add("1m bars generated / bare walk (CPU)", bare_cpu / cpu, 0.8)
    _, port_cpu, _ = timed(through_the_port(("/ES",), MINUTE_START, MINUTE_END, "1m"))
    print(f"  through price_history: {bare_cpu / port_cpu:.2f} of the bare walk")

    help_seconds = wall_time([str(TA), "--help"], HELP_REPEATS)
    history_seconds = backfill_seconds()
    print(f"  ta --help {help_seconds:.3f} s, ta history (27 x 20y 1d -> parquet)"
          f" {history_seconds:.3f} s wall")  # fmt: skip
    report.add(
        "ta history 27x20y daily / ta --help (wall)",
        history_seconds / help_seconds,
        3.0,
        higher_is_better=False,
    )
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
