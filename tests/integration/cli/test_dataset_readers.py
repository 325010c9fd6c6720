"""A dataset folder ``ta`` writes opens as it is in pandas, polars, DuckDB and pyarrow, each
giving back the real symbols in ``symbol``; folders of the earlier ``symbol=`` layout still
read and validate, and the next write moves them into the current layout, losing no row."""

import json
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.integration.in_process import run, run_json
from trade_analyst.adapters.export import FileSink

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

SYMBOLS = ["/ES", "$SPX", "EUR/USD", "BRK.B", "AAPL"]
DATASET = Path("d", "bars_1d")


def write_bars(capsys, *symbols, start="2023-12-01", end="2024-01-31"):
    code, _, err = run(capsys, "history", *symbols, "--start", start, "--end", end,
                       "--out", "d")  # fmt: skip
    assert code == 0, err


def rows_per_symbol(symbols) -> dict[str, int]:
    counts: dict[str, int] = {}
    for symbol in symbols:
        counts[symbol] = counts.get(symbol, 0) + 1
    return counts


def stored_rows() -> dict[str, int]:
    """Rows per symbol as our own reader sees them (newest row per key)."""
    return rows_per_symbol(FileSink(Path("d")).read_arrow("bars_1d")["symbol"].to_pylist())


@pytest.fixture
def written(capsys) -> dict[str, int]:
    write_bars(capsys, *SYMBOLS)
    stored = stored_rows()
    assert set(stored) == set(SYMBOLS)
    return stored


def test_pandas_reads_the_dataset_folder(written):
    frame = pd.read_parquet(DATASET)
    assert rows_per_symbol(frame["symbol"]) == written


def test_polars_reads_the_dataset_folder(written):
    frame = pl.scan_parquet(DATASET, hive_partitioning=True).collect()
    assert rows_per_symbol(frame["symbol"].to_list()) == written


def test_duckdb_reads_the_dataset_folder(written):
    source = f"read_parquet('{DATASET}/**/*.parquet', hive_partitioning=true)"
    counts = duckdb.sql(f"select symbol, count(*) from {source} group by symbol").fetchall()
    assert dict(counts) == written


def test_pyarrow_dataset_reads_the_dataset_folder(written):
    table = ds.dataset(DATASET, format="parquet", partitioning="hive").to_table()
    assert rows_per_symbol(table["symbol"].to_pylist()) == written


def to_earlier_layout() -> list[Path]:
    """Rename every partition's symbol folder as the earlier layout named it."""
    legacy = []
    for folder in sorted(DATASET.glob("symbol_key=*")):
        moved = folder.with_name(folder.name.replace("symbol_key=", "symbol=", 1))
        folder.rename(moved)
        legacy.append(moved)
    return legacy


def test_a_dataset_of_the_earlier_layout_still_reads_and_validates(capsys, written):
    assert to_earlier_layout()
    assert stored_rows() == written
    code, out, err = run_json(capsys, "validate", "d")
    assert code == 0, err
    assert json.loads(out) == []


def test_the_next_write_moves_every_earlier_layout_partition_losing_no_row(capsys, written):
    to_earlier_layout()
    before = sorted(p.stat().st_ino for p in DATASET.glob("*/year=2023/*.parquet"))
    # Only AAPL's 2024 partition gains rows; every other partition is moved as it is.
    write_bars(capsys, "AAPL", start="2024-01-01", end="2024-02-29")
    after = stored_rows()
    assert after["AAPL"] > written["AAPL"]
    assert {s: n for s, n in after.items() if s != "AAPL"} == {
        s: n for s, n in written.items() if s != "AAPL"
    }
    assert not list(DATASET.glob("symbol=*"))
    assert sorted(p.stat().st_ino for p in DATASET.glob("*/year=2023/*.parquet")) == before
    assert rows_per_symbol(pd.read_parquet(DATASET)["symbol"]) == after
    code, out, err = run_json(capsys, "validate", "d")
    assert code == 0, err
    assert json.loads(out) == []


def aapl_times() -> set[object]:
    table = FileSink(Path("d")).read_arrow("bars_1d", ["AAPL"])
    return set(table["timestamp"].to_pylist())


def test_a_partition_in_both_layouts_is_merged_by_the_next_write(capsys, written):
    # What a crash mid-move, or an older version writing the dataset again, leaves: the
    # earlier-layout folder holds rows the current one lacks.
    current = DATASET / "symbol_key=AAPL" / "year=2024"
    old = DATASET / "symbol=AAPL" / "year=2024"
    old.parent.mkdir()
    current.rename(old)
    (stored,) = old.glob("*.parquet")
    current.mkdir()
    pq.write_table(pq.read_table(stored).slice(0, 3), current / "partial.parquet")
    before = aapl_times()
    assert len(before) == written["AAPL"]  # both folders read

    write_bars(capsys, "AAPL", start="2024-02-01", end="2024-02-29")

    assert not old.parent.exists()
    assert len(list(current.glob("*.parquet"))) == 1
    after = aapl_times()
    assert before < after
    assert rows_per_symbol(pd.read_parquet(DATASET)["symbol"]) == stored_rows()
