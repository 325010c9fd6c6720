"""Bulk bars export through the path ``ta history --out`` takes, against bare pyarrow.

Input: 1,000,000 one-minute bars of AAPL as one Schwab ``pricehistory`` body (JSON bytes),
made deterministically: a seeded random walk over the NYSE's regular sessions from
2015-01-02, one candle per minute the market is open, so the session rule has real work.

  baseline  json.loads + one list per field + pa.table + pq.write_table (defaults: no
            types, no validation, no metadata, one file, snappy)
  ours      what the CLI runs for the same body, function by function:
            SchwabMarketData.price_history's decoding and mapping (read_history_body, the
            decoder SchwabHttp.get_body runs on the body's bytes, then merge_columns, trim,
            to_bars: the provider's BarColumns), the bar validator ``ta history`` gets
            from bootstrap (the domain's rules on Arrow columns, the NYSE session rule
            included), and
            FileSink.write_bars (Hive partitions per year, keyed dedupe check, content hash,
            zstd, key-value metadata, temp file + fsync + rename)

Each is timed end to end from the bytes, median of --runs (default 3), alternating so both
see the same machine load; each run writes into a fresh folder. Peak memory is the rise of
the process's peak resident set (``VmHWM``, reset through ``/proc/self/clear_refs``) during
one run of ours, against the size of the Arrow table it writes.

Targets: ours/baseline throughput >= 0.8; peak memory <= 2x the final Arrow table.

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

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report import Report

from trade_analyst.adapters.export import FileSink, bar_parts_table
from trade_analyst.adapters.schwab.mapping import history as history_map
from trade_analyst.adapters.schwab.mapping.history_body import read_history_body
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.symbols import parse_symbol
from trade_analyst.domain.validation import has_errors
from trade_analyst.entrypoints.bootstrap import build_bar_validator
from trade_analyst.entrypoints.jobs.windows import session_check
from trade_analyst.ports import BarColumns, Provenance

FIELDS = ("open", "high", "low", "close", "volume", "datetime")
SYMBOL = "AAPL"
FIRST_DAY = dt.date(2015, 1, 2)
PROVENANCE = Provenance.of(
    provider="bench", synthetic=True, app_version="bench", request={"symbol": SYMBOL}
)
WHAT = f"the price history of {SYMBOL}"


def candles_body(count: int, seed: int = 20240101) -> bytes:
    """A Schwab-shaped body of ``count`` consistent one-minute candles in NYSE sessions."""
    rng = random.Random(seed)
    calendar = get_calendar("nyse")
    price = 100.0
    parts: list[str] = []
    day = FIRST_DAY
    while len(parts) < count:
        for session in calendar.sessions(day, day + dt.timedelta(days=366)):
            opens, closes = calendar.session_bounds(session)
            start = int(opens.timestamp() * 1000)
            minutes = int((closes - opens).total_seconds()) // 60
            for minute in range(min(minutes, count - len(parts))):
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
            if len(parts) >= count:
                break
        day += dt.timedelta(days=367)
    return ('{"candles":[' + ",".join(parts) + '],"symbol":"AAPL","empty":false}').encode()


def baseline(payload: bytes, out: Path) -> int:
    candles = json.loads(payload)["candles"]
    table = pa.table({field: [c[field] for c in candles] for field in FIELDS})
    pq.write_table(table, out / "bars.parquet")
    return int(table.num_rows)


def provider_answer(payload: bytes) -> BarColumns:
    """What SchwabMarketData.price_history returns for this one-chunk body."""
    candles = history_map.merge_columns([read_history_body(payload, WHAT).columns()])
    start = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)
    return candles.trim(start, end).to_bars(SYMBOL, "1m")


def ours(payload: bytes, out: Path) -> int:
    bars = provider_answer(payload)
    check = session_check(parse_symbol(SYMBOL), "1m", "regular", None)
    findings = build_bar_validator()(bars, is_open_at=check)
    if has_errors(findings):
        raise SystemExit(f"bench data failed validation: {findings[:3]}")
    report = FileSink(out).write_bars("bars_1m", [(None, bars)], PROVENANCE)
    assert report.rows_added == len(bars)
    return len(bars)


def timed(run: Callable[[bytes, Path], int], payload: bytes) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        rows = run(payload, Path(folder))
        return time.perf_counter() - started, rows


def stages(payload: bytes) -> dict[str, float]:
    """One run of ours, split by stage, to show where the time goes."""
    times = {}
    started = time.perf_counter()
    bars = provider_answer(payload)
    times["Schwab body bytes to BarColumns"] = time.perf_counter() - started
    started = time.perf_counter()
    check = session_check(parse_symbol(SYMBOL), "1m", "regular", None)
    build_bar_validator()(bars, is_open_at=check)
    times["validate (with sessions)"] = time.perf_counter() - started
    started = time.perf_counter()
    build_bar_validator()(bars)
    times["  of which without sessions"] = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        FileSink(Path(folder)).write_bars("bars_1m", [(None, bars)], PROVENANCE)
        times["to Arrow + partition + hash + write"] = time.perf_counter() - started
    return times


def _status_kib(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(f"no {field} in /proc/self/status")


def peak_rise(run: Callable[[bytes, Path], int], payload: bytes) -> int:
    """How far one run of ``run`` lifts the process's peak resident set, in bytes."""
    Path("/proc/self/clear_refs").write_text("5")  # peak resident set := current
    before = _status_kib("VmRSS")
    timed(run, payload)
    return (_status_kib("VmHWM") - before) * 1024


def main(argv: list[str]) -> int:
    count = int(argv[argv.index("--bars") + 1]) if "--bars" in argv else 1_000_000
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    report = Report(f"bars export: {count:,} one-minute candles, Schwab JSON to Parquet")
    started = time.perf_counter()
    payload = candles_body(count)
    print(
        f"  input: {len(payload) / 1e6:.1f} MB of JSON "
        f"(made in {time.perf_counter() - started:.1f} s)"
    )
    warm_up = candles_body(1_000)
    for run in (baseline, ours):  # lazy imports (pyarrow.parquet, compute) off the clock
        timed(run, warm_up)
    table_bytes = bar_parts_table([(None, provider_answer(payload))]).nbytes
    rise = peak_rise(ours, payload)
    baseline_rise = peak_rise(baseline, payload)
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
        print(f"  {name}: median {median:.2f} s ({runs_text}) -> {rates[name]:,.0f} bars/s")
    for stage, seconds in stages(payload).items():
        print(f"  ours, {stage}: {seconds:.2f} s")
    print(
        f"  peak memory rise: ours {rise / 1e6:.0f} MB, baseline {baseline_rise / 1e6:.0f} MB; "
        f"final Arrow table {table_bytes / 1e6:.0f} MB"
    )
    report.add("throughput ours / bare pyarrow", rates["ours"] / rates["baseline"], 0.8)
    report.add("peak memory / final Arrow table", rise / table_bytes, 2.0, higher_is_better=False)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
