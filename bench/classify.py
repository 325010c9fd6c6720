"""Trade classification throughput on a generated file of a few million trades.

Input (made deterministically, seeded): ``--trades`` trades (default 3,000,000) of one
symbol over a session with a quote update about every 60% of a trade's spacing (so about
1.7 quotes per trade), prices on a random walk in cents, a mix of trades at the bid, the
ask, inside the spread and exactly at the midpoint; both written as Parquet.

Stages timed (median of --runs, default 3):

  baseline  pq.read_table of both files (the floor for any reader)
  read      read_trades + read_quotes: typed, checked, sorted, columns as lists
  classify  classify_trades, Lee-Ready (the one-pass merge join)
  summary   summarize
  labels    labels_table + writing the labels as Parquet
  cli       ``ta trades classify --out labels.parquet`` in-process, end to end

Each stage prints trades/s; ``cli`` also prints its time as a multiple of the baseline.

Usage: python bench/classify.py [--trades N] [--runs N]
"""

import datetime as dt
import io
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import redirect_stdout
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from trade_analyst.adapters.export.trades_io import (
    labels_table,
    read_quotes,
    read_trades,
    write_table,
)
from trade_analyst.domain.trades import classify_trades, summarize
from trade_analyst.entrypoints.cli import main

START = dt.datetime(2025, 6, 2, 13, 30, tzinfo=dt.UTC)
SESSION_NS = int(6.5 * 3600 * 1e9)


def make_files(folder: Path, count: int, seed: int = 20250602) -> tuple[Path, Path]:
    rng = random.Random(seed)
    start_ns = int(START.timestamp() * 1e9)
    step = SESSION_NS // count
    quote_step = max(1, int(step * 0.6))
    quote_times, bids, asks = [], [], []
    mid_cents = 10_000
    stamp = start_ns
    end = start_ns + SESSION_NS + step
    while stamp < end:
        mid_cents += rng.choice((-1, 0, 0, 1))
        spread = rng.choice((1, 2, 2, 4))
        quote_times.append(stamp)
        bids.append((mid_cents - spread / 2) / 100)
        asks.append((mid_cents + spread / 2) / 100)
        stamp += quote_step
    trade_times, prices, sizes = [], [], []
    pointer = 0
    for index in range(count):
        stamp = start_ns + index * step + rng.randrange(step)
        while pointer + 1 < len(quote_times) and quote_times[pointer + 1] <= stamp:
            pointer += 1
        bid, ask = bids[pointer], asks[pointer]
        where = rng.random()
        price = bid if where < 0.4 else ask if where < 0.8 else (bid + ask) / 2
        trade_times.append(stamp)
        prices.append(round(price, 4))
        sizes.append(rng.choice((1, 10, 100, 100, 200, 500)))
    ns = pa.timestamp("ns", "UTC")
    trades = folder / "trades.parquet"
    quotes = folder / "quotes.parquet"
    pq.write_table(
        pa.table({"timestamp": pa.array(trade_times, ns), "price": prices, "size": sizes}), trades
    )
    pq.write_table(
        pa.table({"timestamp": pa.array(quote_times, ns), "bid": bids, "ask": asks}), quotes
    )
    return trades, quotes


def timed(work: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def run(count: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        made = time.perf_counter()
        trades_file, quotes_file = make_files(base, count)
        quote_rows = pq.read_metadata(quotes_file).num_rows
        print(f"generated {count:,} trades and {quote_rows:,} quotes in "
              f"{time.perf_counter() - made:.1f}s")  # fmt: skip
        trades = read_trades(trades_file)
        quotes = read_quotes(quotes_file)
        result = classify_trades(trades.times, trades.prices, quotes.times, quotes.bids,
                                 quotes.asks)  # fmt: skip
        stages = {
            "baseline": lambda: (pq.read_table(trades_file), pq.read_table(quotes_file)),
            "read": lambda: (read_trades(trades_file), read_quotes(quotes_file)),
            "classify": lambda: classify_trades(
                trades.times, trades.prices, quotes.times, quotes.bids, quotes.asks
            ),
            "summary": lambda: summarize(trades.sizes, result),
            "labels": lambda: write_table(
                labels_table(
                    trades, quotes, result.side, result.rule, result.location, result.quote
                ),
                base / "labels.parquet",
            ),
            "cli": lambda: _cli(trades_file, quotes_file, base / "cli.parquet"),
        }
        figures = {name: timed(work, runs) for name, work in stages.items()}
        for name, seconds in figures.items():
            print(f"{name:>9}: {seconds:7.3f}s  {count / seconds:>14,.0f} trades/s")
        print(f"cli / baseline time: {figures['cli'] / figures['baseline']:.1f}x")
        print(summarize(trades.sizes, result))


def _cli(trades: Path, quotes: Path, out: Path) -> None:
    with redirect_stdout(io.StringIO()):
        code = main(["-q", "--format", "json", "trades", "classify", str(trades), "--quotes",
                     str(quotes), "--out", str(out)])  # fmt: skip
    if code != 0:
        raise SystemExit(f"ta trades classify failed with exit {code}")


def _option(name: str, default: int) -> int:
    args = sys.argv[1:]
    return int(args[args.index(name) + 1]) if name in args else default


if __name__ == "__main__":
    run(_option("--trades", 3_000_000), _option("--runs", 3))
