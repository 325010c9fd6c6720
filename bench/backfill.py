"""History backfill through the Schwab adapter against the fake Schwab server.

Two figures, each against a baseline measured in the same run:

1. Paced: the fake allows ``--rate`` requests per minute (Schwab's is 120) and answers after
   50 ms; the adapter is configured with the same limit. 300 history requests must finish
   within 1.05x of the time the limit allows (N / rate minutes) with zero 429s. At the real
   120/minute that is 150 s, so the default scales the limit to 1200/minute (15 s); pass
   ``--rate 120`` for the full-length run. The pacing logic is the same at any rate.
2. Unlimited: no limit on either side, same latency. Adapter throughput (requests per second,
   including mapping every candle into ``BarColumns``) must be at least 0.8x of a bare httpx
   loop sending the same requests with the same concurrency and parsing the JSON.

The server runs in this process (a uvicorn thread) and answers repeated requests from a
cache, warmed before timing, so its own data generation stays out of the figures.

Usage: python bench/backfill.py [--rate 1200] [--requests 300] [--latency 0.05] [--workers 8]
"""

import datetime as dt
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import anyio
import attrs
import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from report import Report

from tests.fakes.schwab_server import FakeSchwab, running_fake_schwab
from trade_analyst.adapters.memory import InMemoryTokenVault
from trade_analyst.adapters.schwab import create_market_data
from trade_analyst.adapters.schwab.history_plan import plan_history
from trade_analyst.adapters.system import SystemClock
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.ports import HistoryQuery, Interval

SYMBOLS = ("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "AMD", "NFLX", "INTC")
INTERVAL: Interval = "5m"


MAX_PACED_RATIO = 1.05  # paced elapsed / the time the limit allows
MAX_THROTTLED = 0  # 429 answers while paced
MIN_UNLIMITED_RATIO = 0.8  # adapter / bare httpx requests per second


def requests_for(count: int) -> list[HistoryQuery]:
    """``count`` one-session history requests: symbols x recent NYSE sessions."""
    nyse = get_calendar("nyse")
    last = dt.date.today() - dt.timedelta(days=3)
    days = nyse.sessions(last - dt.timedelta(days=120), last)[-(count // len(SYMBOLS) + 1) :]
    wanted: list[HistoryQuery] = []
    for day in days:
        start = dt.datetime.combine(day, dt.time(), dt.UTC)
        for symbol in SYMBOLS:
            wanted.append(HistoryQuery(symbol, start, start + dt.timedelta(days=1), INTERVAL))
    return wanted[:count]


async def run_adapter(
    fake: FakeSchwab, wanted: list[HistoryQuery], workers: int, per_minute: int
) -> tuple[float, int]:
    vault = InMemoryTokenVault(fake.login_tokens())
    config = fake.config(requests_per_minute=per_minute, max_retries=4)
    bars = 0
    queue = list(reversed(wanted))
    async with create_market_data(config, vault, SystemClock()) as market:

        async def worker() -> None:
            nonlocal bars
            while queue:
                series = await market.price_history(queue.pop())
                bars += len(series)

        started = time.perf_counter()
        async with anyio.create_task_group() as group:
            for _ in range(workers):
                group.start_soon(worker)
        return time.perf_counter() - started, bars


async def run_bare(fake: FakeSchwab, wanted: list[HistoryQuery], workers: int) -> tuple[float, int]:
    """The baseline: the same GETs (same query strings) from a plain httpx loop."""
    token = fake.login_tokens().access_token
    calls: list[dict[str, str]] = []
    for query in wanted:
        plan = plan_history(query)
        calls.extend(plan.params(chunk) for chunk in plan.chunks)
    queue = list(reversed(calls))
    candles = 0
    limits = httpx.Limits(max_connections=8, max_keepalive_connections=8)
    url = f"{fake.base_url}/marketdata/v1/pricehistory"
    async with httpx.AsyncClient(limits=limits, headers={"Accept": "application/json"}) as client:

        async def worker() -> None:
            nonlocal candles
            while queue:
                params = queue.pop()
                response = await client.get(
                    url, params=params, headers={"Authorization": f"Bearer {token}"}
                )
                response.raise_for_status()
                payload: Any = response.json()
                candles += len(payload["candles"])

        started = time.perf_counter()
        async with anyio.create_task_group() as group:
            for _ in range(workers):
                group.start_soon(worker)
        return time.perf_counter() - started, candles


def _option(argv: list[str], name: str, default: float) -> float:
    return float(argv[argv.index(name) + 1]) if name in argv else default


@attrs.frozen
class Options:
    rate: int
    requests: int
    latency: float
    workers: int
    rounds: int


def main(argv: list[str]) -> int:
    args = Options(
        rate=int(_option(argv, "--rate", 1200)),  # requests per minute
        requests=int(_option(argv, "--requests", 300)),
        latency=_option(argv, "--latency", 0.05),  # seconds added to every answer
        workers=int(_option(argv, "--workers", 8)),  # concurrent backfill tasks
        rounds=int(_option(argv, "--rounds", 3)),  # unlimited runs of each side
    )
    wanted = requests_for(args.requests)
    report = Report("history backfill through the Schwab adapter vs the fake server")

    with running_fake_schwab() as fake:
        state = fake.state
        state.cache_responses = True
        state.rate_limit_per_minute = None
        state.latency = 0.0
        anyio.run(run_bare, fake, wanted, args.workers)  # warm the cache and the mock
        state.latency = args.latency

        # 1. Paced by the limit.
        state.requests.clear()
        state.rate_limit_per_minute = args.rate
        elapsed, bars = anyio.run(run_adapter, fake, wanted, args.workers, args.rate)
        allowed = len(wanted) / args.rate * 60.0
        statuses = state.statuses()
        latency_ms = args.latency * 1000
        print(f"  paced: {len(wanted)} requests at {args.rate}/min, {latency_ms:.0f} ms latency")
        print(f"    limit allows       {allowed:8.2f} s  (N / rate)")
        print(f"    adapter took       {elapsed:8.2f} s  ({bars} bars)")
        print(f"    requests answered  {len(statuses):8d}")
        report.add(
            "paced: elapsed / allowed", elapsed / allowed, MAX_PACED_RATIO, higher_is_better=False
        )
        report.add("paced: 429 answers", statuses.count(429), MAX_THROTTLED, higher_is_better=False)

        # 2. Unlimited: adapter vs bare httpx, alternating, median of rounds.
        state.rate_limit_per_minute = None
        bare_times: list[float] = []
        adapter_times: list[float] = []
        for _ in range(args.rounds):
            bare_times.append(anyio.run(run_bare, fake, wanted, args.workers)[0])
            adapter_times.append(anyio.run(run_adapter, fake, wanted, args.workers, 0)[0])
        bare = len(wanted) / statistics.median(bare_times)
        ours = len(wanted) / statistics.median(adapter_times)
        print(
            f"  unlimited: {len(wanted)} requests, {args.workers} workers, median of {args.rounds}"
        )
        print(f"    bare httpx loop    {bare:8.1f} requests/s")
        print(f"    adapter            {ours:8.1f} requests/s")
        report.add("unlimited: adapter / bare httpx", ours / bare, MIN_UNLIMITED_RATIO)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
