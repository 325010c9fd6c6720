"""``ta trades classify`` against its peers, polars join_asof and pandas merge_asof, in one run.

Input (made deterministically, seeded): ``--trades`` trades (default 2,000,000) of one
symbol over a 6.5-hour session with a quote update about every 60% of a trade's spacing
(about 1.7 quotes per trade: 3.3 million), mids on a random walk in cents, spreads of 1 to
4 cents, trades at the bid (40%), at the ask (40%) and exactly at the midpoint (20%, which
Lee-Ready hands to the tick rule); both written as Parquet.

Contenders, each run end to end in a subprocess of its own (interpreter start and imports
included) so that each one's peak resident memory is its own:

  ours    the ``ta`` console script: ``ta -q --format json trades classify TRADES --quotes
          QUOTES --out labels.parquet`` (reads and checks both files, Lee-Ready, writes the
          labels, prints the summary)
  polars  read both files, ``join_asof`` (backward), the Lee-Ready labels as expressions,
          the same label columns written as Parquet (zstd), a summary of size by side
  pandas  the same with ``merge_asof`` and numpy

Runs alternate between the contenders (``--runs``, default 3) so all see the same machine
load; each figure is the median. CPU seconds are printed beside the wall time: on a shared
machine they show the work done, whatever the load. Targets: ours at least as fast as
polars (the fastest peer) and no more peak memory; the peers' labels equal ours on every
row.

Usage: python bench/classify.py [--trades N] [--runs N]
"""

import os
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

START_NS = 1_748_871_000 * 10**9  # 2025-06-02 13:30 UTC, the NYSE open
SESSION_NS = int(6.5 * 3600 * 1e9)
PEERS = ("polars", "pandas")
CONTENDERS = ("ours", *PEERS)
# Label columns every contender writes; the peers' must equal ours row by row.
COMPARED = ["side", "rule", "location", "bid", "ask", "quote_time"]


def make_files(folder: Path, count: int, seed: int = 20250602) -> tuple[Path, Path]:
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rng = np.random.default_rng(seed)
    step = SESSION_NS // count
    quote_step = max(1, int(step * 0.6))
    quote_times = np.arange(START_NS, START_NS + SESSION_NS + step, quote_step, dtype=np.int64)
    mid_cents = 10_000 + np.cumsum(rng.choice([-1, 0, 0, 1], len(quote_times)))
    spread = rng.choice([1, 2, 2, 4], len(quote_times))
    bids = (mid_cents - spread / 2) / 100
    asks = (mid_cents + spread / 2) / 100
    trade_times = START_NS + np.arange(count, dtype=np.int64) * step + rng.integers(0, step, count)
    prevailing = np.searchsorted(quote_times, trade_times, side="right") - 1
    bid, ask = bids[prevailing], asks[prevailing]
    where = rng.random(count)
    prices = np.round(np.where(where < 0.4, bid, np.where(where < 0.8, ask, (bid + ask) / 2)), 4)
    sizes = rng.choice([1.0, 10.0, 100.0, 100.0, 200.0, 500.0], count)
    ns = pa.timestamp("ns", "UTC")
    trades, quotes = folder / "trades.parquet", folder / "quotes.parquet"
    trade_table = {"timestamp": pa.array(trade_times, ns), "price": prices, "size": sizes}
    pq.write_table(pa.table(trade_table), trades)
    quote_table = {"timestamp": pa.array(quote_times, ns), "bid": bids, "ask": asks}
    pq.write_table(pa.table(quote_table), quotes)
    return trades, quotes


# ---------------------------------------------------------------- the peers (in a subprocess)


def polars_peer(trades_path: str, quotes_path: str, out: str) -> None:
    import polars as pl

    trades = pl.read_parquet(trades_path).with_row_index("row")
    quotes = pl.read_parquet(quotes_path).with_columns(quote_time=pl.col("timestamp"))
    joined = trades.join_asof(quotes, on="timestamp", strategy="backward")
    price, bid, ask = pl.col("price"), pl.col("bid"), pl.col("ask")
    tolerance = 1e-9 * pl.max_horizontal(pl.lit(1.0), price.abs())
    usable = ((bid > 0) & (bid <= ask) & ask.is_finite()).fill_null(False)
    mid = 0.5 * (bid + ask)
    by_quote = (
        pl.when(usable & (price > mid + tolerance)).then(1)
        .when(usable & (price < mid - tolerance)).then(-1)
        .otherwise(0)
    )  # fmt: skip
    previous = price.shift(1)
    tick = pl.when(price > previous).then(1).when(price < previous).then(-1)
    direction = tick.forward_fill().fill_null(0)
    labelled = joined.select(
        "row",
        pl.col("timestamp").dt.cast_time_unit("us"),
        "price",
        "size",
        side=pl.when(by_quote != 0).then(by_quote).otherwise(direction)
        .replace_strict({1: "buy", -1: "sell", 0: "unknown"}),
        rule=pl.when(by_quote != 0).then(pl.lit("quote"))
        .when(direction != 0).then(pl.lit("tick")).otherwise(pl.lit("none")),
        location=pl.when(~usable).then(pl.lit("none"))
        .when(price <= bid + tolerance).then(pl.lit("bid"))
        .when(price >= ask - tolerance).then(pl.lit("ask")).otherwise(pl.lit("mid")),
        bid=pl.when(usable).then(bid),
        ask=pl.when(usable).then(ask),
        quote_time=pl.when(usable).then(pl.col("quote_time").dt.cast_time_unit("us")),
    )  # fmt: skip
    labelled.write_parquet(out, compression="zstd")
    print(labelled.group_by("side").agg(pl.col("size").sum()).sort("side"))


def pandas_peer(trades_path: str, quotes_path: str, out: str) -> None:
    import numpy as np
    import pandas as pd

    trades = pd.read_parquet(trades_path)
    trades["row"] = np.arange(len(trades))
    quotes = pd.read_parquet(quotes_path)
    quotes["quote_time"] = quotes["timestamp"]
    joined = pd.merge_asof(trades, quotes, on="timestamp", direction="backward")
    price = joined["price"].to_numpy()
    bid, ask = joined["bid"].to_numpy(), joined["ask"].to_numpy()
    tolerance = 1e-9 * np.maximum(1.0, np.abs(price))
    with np.errstate(invalid="ignore"):
        usable = (bid > 0) & (bid <= ask) & np.isfinite(ask)
    mid = 0.5 * (bid + ask)
    by_quote = np.where(usable & (price > mid + tolerance), 1,
                        np.where(usable & (price < mid - tolerance), -1, 0))  # fmt: skip
    tick = np.zeros(len(price), np.int8)
    tick[1:] = np.sign(np.diff(price))
    last = np.maximum.accumulate(np.where(tick != 0, np.arange(len(tick)), -1))
    direction = np.where(last >= 0, tick[np.maximum(last, 0)], 0)
    side = np.where(by_quote != 0, by_quote, direction)
    location = np.where(~usable, "none", np.where(price <= bid + tolerance, "bid",
                        np.where(price >= ask - tolerance, "ask", "mid")))  # fmt: skip
    labelled = pd.DataFrame(
        {
            "row": joined["row"],
            "timestamp": joined["timestamp"].astype("datetime64[us, UTC]"),
            "price": price,
            "size": joined["size"],
            "side": np.array(["sell", "unknown", "buy"])[side + 1],
            "rule": np.where(by_quote != 0, "quote", np.where(direction != 0, "tick", "none")),
            "location": location,
            "bid": np.where(usable, bid, np.nan),
            "ask": np.where(usable, ask, np.nan),
            "quote_time": joined["quote_time"].where(usable).astype("datetime64[us, UTC]"),
        }
    )
    labelled.to_parquet(out, compression="zstd", index=False)
    print(labelled.groupby("side")["size"].sum())


# ---------------------------------------------------------------- measuring


def command(name: str, trades: Path, quotes: Path, out: Path) -> list[str]:
    if name == "ours":
        ta = Path(sysconfig.get_path("scripts")) / "ta"
        return [str(ta), "-q", "--format", "json", "trades", "classify", str(trades),
                "--quotes", str(quotes), "--out", str(out)]  # fmt: skip
    return [sys.executable, __file__, "--peer", name, str(trades), str(quotes), str(out)]


def measured(argv: list[str]) -> tuple[float, float, float]:
    """Wall seconds, peak resident MB and CPU seconds (user + system, all its threads) of
    one run of ``argv`` in a subprocess."""
    started = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # the rusage of this child alone
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed with exit {child.returncode}")
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, usage.ru_maxrss / 1024, cpu  # Linux reports kilobytes


def mismatches(ours: Path, peer: Path) -> int:
    """Rows whose labels (or matched quote) differ between two labels files."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    mine, theirs = pq.read_table(ours, columns=COMPARED), pq.read_table(peer, columns=COMPARED)
    if mine.num_rows != theirs.num_rows:
        return max(mine.num_rows, theirs.num_rows)
    differ = None
    for name in COMPARED:
        a, b = mine[name], theirs[name].cast(mine[name].type)
        same = pc.or_kleene(pc.equal(a, b), pc.and_(pc.is_null(a), pc.is_null(b)))
        column_differs = pc.invert(pc.fill_null(same, False))
        differ = column_differs if differ is None else pc.or_(differ, column_differs)
    return int(pc.sum(differ).as_py() or 0)


def main(argv: list[str]) -> int:
    if "--peer" in argv:
        at = argv.index("--peer")
        peer = {"polars": polars_peer, "pandas": pandas_peer}[argv[at + 1]]
        peer(*argv[at + 2 : at + 5])
        return 0
    from report import Report  # here, not at the top: the peers' subprocesses skip it

    count = int(argv[argv.index("--trades") + 1]) if "--trades" in argv else 2_000_000
    runs = int(argv[argv.index("--runs") + 1]) if "--runs" in argv else 3
    report = Report("trade classification: ta trades classify vs polars and pandas")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        made = time.perf_counter()
        trades, quotes = make_files(base, count)
        import pyarrow.parquet as pq

        quote_count = pq.read_metadata(quotes).num_rows
        print(f"input: {count:,} trades, {quote_count:,} quotes "
              f"(made in {time.perf_counter() - made:.1f} s)")  # fmt: skip
        outs = {name: base / f"{name}.parquet" for name in CONTENDERS}
        samples: dict[str, list[tuple[float, float, float]]] = {name: [] for name in CONTENDERS}
        for _ in range(runs):
            for name in CONTENDERS:
                samples[name].append(measured(command(name, trades, quotes, outs[name])))
        wall, peak = {}, {}
        for name, runs_ in samples.items():
            wall[name] = statistics.median(s for s, _, _ in runs_)
            peak[name] = statistics.median(m for _, m, _ in runs_)
            cpu = statistics.median(c for _, _, c in runs_)
            runs_text = ", ".join(f"{s:.2f} s / {m:.0f} MB" for s, m, _ in runs_)
            print(f"  {name:>6}: median {wall[name]:.2f} s, {peak[name]:.0f} MB peak, "
                  f"{cpu:.2f} CPU s ({runs_text})")  # fmt: skip
        for peer in PEERS:
            report.add(f"ours / {peer} wall time", wall["ours"] / wall[peer], 1.0,
                       higher_is_better=False, unit="x")  # fmt: skip
            report.add(f"ours / {peer} peak memory", peak["ours"] / peak[peer], 1.0,
                       higher_is_better=False, unit="x")  # fmt: skip
        for peer in PEERS:
            report.add(f"rows labelled unlike {peer}", mismatches(outs["ours"], outs[peer]), 0,
                       higher_is_better=False)  # fmt: skip
    return report.finish()


if __name__ == "__main__":
    sys.exit(main(sys.argv))
