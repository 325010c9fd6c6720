"""Bulk bars export throughput, as a ratio against bare pyarrow in the same run.

Input: 1,000,000 one-minute bars as one Schwab ``pricehistory`` body (JSON bytes), made
deterministically (seeded random walk, 390 bars per weekday from 2015).

  baseline  json.loads + one list per field + pa.table + pq.write_table (defaults: no
            types, no validation, no metadata, one file, snappy)
  ours      candles_to_table (explicit Arrow schema) + validate_bars_table (the domain's
            bar rules, vectorised) + FileSink.write_arrow (Hive partitions per year, keyed
            dedupe check, content hash, zstd, key-value metadata, temp file + fsync +
            rename)

Each is timed end to end from the bytes, median of --runs (default 3), alternating so
both see the same machine load; each run writes into a fresh folder. Target: ours/baseline
throughput >= 0.8. A split of one run of ours by stage follows, for context.

Usage: python bench/export.py [--bars N] [--runs N]
"""

import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from report import Report

from trade_analyst.adapters.export import FileSink, candles_to_table, validate_bars_table
from trade_analyst.domain.validation import has_errors
from trade_analyst.ports import Provenance

FIELDS = ("open", "high", "low", "close", "volume", "datetime")
PROVENANCE = Provenance.of(
    provider="bench", synthetic=True, app_version="bench", request={"symbol": "AAPL"}
)
MIN_RATIO = 0.8  # ours / baseline throughput


def candles_body(count: int, seed: int = 20240101) -> bytes:
    """A Schwab-shaped body of ``count`` consistent one-minute candles."""
    rng = random.Random(seed)
    day = dt.datetime(2015, 1, 2, 14, 30, tzinfo=dt.UTC)
    price = 100.0
    parts = []
    made = 0
    while made < count:
        if day.weekday() < 5:
            start = int(day.timestamp() * 1000)
            for minute in range(min(390, count - made)):
                open_ = price
                close = max(1.0, open_ + rng.gauss(0, 0.05))
                high = max(open_, close) + rng.random() * 0.03
                low = min(open_, close) - rng.random() * 0.03
                volume = rng.randrange(100, 50_000)
                parts.append(
                    f'{{"open":{open_:.4f},"high":{high:.4f},"low":{low:.4f},'
                    f'"close":{close:.4f},"volume":{volume},"datetime":{start + minute * 60_000}}}'
                )
                price = close
            made = len(parts)
        day += dt.timedelta(days=1)
    return ('{"candles":[' + ",".join(parts) + '],"symbol":"AAPL","empty":false}').encode()


def baseline(payload: bytes, out: Path) -> int:
    candles = json.loads(payload)["candles"]
    table = pa.table({field: [c[field] for c in candles] for field in FIELDS})
    pq.write_table(table, out / "bars.parquet")
    return int(table.num_rows)


def ours(payload: bytes, out: Path) -> int:
    table = candles_to_table(payload, "AAPL")
    findings = validate_bars_table(table, symbol="AAPL")
    if has_errors(findings):
        raise SystemExit(f"bench data failed validation: {findings[:3]}")
    report = FileSink(out).write_arrow("bars_1m", table, PROVENANCE)
    assert report.rows_added == table.num_rows
    return int(table.num_rows)


def timed(run: Callable[[bytes, Path], int], payload: bytes) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        rows = run(payload, Path(folder))
        return time.perf_counter() - started, rows


def stages(payload: bytes) -> dict[str, float]:
    """One run of ours, split by stage, to show where the time goes."""
    times = {}
    started = time.perf_counter()
    table = candles_to_table(payload, "AAPL")
    times["parse + columns"] = time.perf_counter() - started
    started = time.perf_counter()
    validate_bars_table(table, symbol="AAPL")
    times["validate"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        FileSink(Path(folder)).write_arrow("bars_1m", table, PROVENANCE)
        times["partition + hash + write"] = time.perf_counter() - started
    return times


def main(argv: list[str]) -> int:
    count = int(argv[argv.index("--bars") + 1]) if "--bars" in argv else 1_000_000
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    report = Report(f"bulk bars export, {count:,} candles: ours vs bare pyarrow")
    started = time.perf_counter()
    payload = candles_body(count)
    print(
        f"  input: {len(payload) / 1e6:.1f} MB of JSON "
        f"(made in {time.perf_counter() - started:.1f} s)"
    )
    warm_up = candles_body(1_000)
    for run in (baseline, ours):  # lazy imports (pyarrow.parquet, compute) off the clock
        timed(run, warm_up)
    samples: dict[str, list[float]] = {"baseline": [], "ours": []}
    for _ in range(runs):
        for name, run in (("baseline", baseline), ("ours", ours)):
            seconds, rows = timed(run, payload)
            assert rows == count
            samples[name].append(seconds)
    rates = {}
    for name, seconds in samples.items():
        median = statistics.median(seconds)
        rates[name] = count / median
        runs_text = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"  {name:>8}: median {median:.2f} s ({runs_text}) -> {rates[name]:,.0f} bars/s")
    for stage, seconds in stages(payload).items():
        print(f"  ours, {stage}: {seconds:.2f} s")
    report.add("throughput ours / baseline", rates["ours"] / rates["baseline"], MIN_RATIO)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
