"""Datasets read back as written with pyarrow.dataset and DuckDB, as a user's tools would."""

import datetime as dt
import json
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.integration.export.conftest import PROVENANCE, SYMBOLS, daily_bars
from trade_analyst.adapters.export import FileSink
from trade_analyst.ports import bars_table

pytestmark = pytest.mark.integration


def test_partitions_follow_the_layout(written: FileSink, out: Path) -> None:
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet"))
    partitions = sorted({f.rsplit("/", 1)[0] for f in files})
    assert partitions == [
        "bars_1d/symbol_key=%2FESZ25/year=2023",
        "bars_1d/symbol_key=%2FESZ25/year=2024",
        "bars_1d/symbol_key=AAPL/year=2023",
        "bars_1d/symbol_key=AAPL/year=2024",
        "bars_1d/symbol_key=BRK%2EB/year=2023",
        "bars_1d/symbol_key=BRK%2EB/year=2024",
    ]
    assert len(files) == 6  # one file per partition
    assert all(len(Path(f).stem) == 32 for f in files)  # named by content hash


def test_pyarrow_dataset_reads_types_rows_and_decodes_partitions(
    written: FileSink, out: Path
) -> None:
    dataset = ds.dataset(out / "bars_1d", format="parquet", partitioning="hive")
    table = dataset.to_table()
    schema = table.schema
    assert schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert all(schema.field(p).type == pa.float64() for p in ("open", "high", "low", "close"))
    assert schema.field("volume").type == pa.int64()
    assert schema.field("symbol").type == pa.string()
    assert table.num_rows == 60
    assert sorted(set(table["symbol"].to_pylist())) == sorted(SYMBOLS)
    by_year = table.group_by("year").aggregate([("volume", "count")]).to_pydict()
    assert dict(zip(by_year["year"], by_year["volume_count"], strict=True)) == {2023: 36, 2024: 24}
    es = dataset.to_table(filter=ds.field("symbol") == "/ESZ25")
    assert es.num_rows == 20


def test_duckdb_reads_the_hive_dataset(written: FileSink, out: Path) -> None:
    glob = f"{out}/bars_1d/**/*.parquet"
    source = f"read_parquet('{glob}', hive_partitioning=true)"
    types = dict(
        duckdb.sql(
            f"select column_name, column_type from (describe select * from {source})"
        ).fetchall()
    )
    assert types["timestamp"] == "TIMESTAMP WITH TIME ZONE"
    assert types["close"] == "DOUBLE"
    assert types["volume"] == "BIGINT"
    counts = duckdb.sql(
        f"select symbol, count(*) from {source} group by symbol order by symbol"
    ).fetchall()
    assert counts == [("/ESZ25", 20), ("AAPL", 20), ("BRK.B", 20)]
    first = duckdb.sql(
        f"select epoch_ms(timestamp), open from {source} "
        "where symbol = 'BRK.B' order by timestamp limit 1"
    ).fetchall()
    assert first == [(1703030400000, 100.0)]  # 2023-12-20T00:00Z


def test_every_parquet_file_carries_its_provenance(written: FileSink, out: Path) -> None:
    for path in out.rglob("*.parquet"):
        metadata = {k.decode(): v.decode() for k, v in pq.read_schema(path).metadata.items()}
        assert metadata["schema_version"] == "2"  # bars 2: trade_date and synthetic columns
        assert metadata["dataset"] == "bars_1d"
        assert metadata["provider"] == "mock"
        assert metadata["synthetic"] == "true"
        assert json.loads(metadata["request"]) == {"interval": "1d", "symbols": list(SYMBOLS)}
        assert metadata["app_version"] == "0.1.0"
        assert metadata["created_at"] == "2026-11-27T04:00:00.000Z"
        assert pq.ParquetFile(path).metadata.row_group(0).column(0).compression == "ZSTD"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_csv_and_json_lines_read_back_in_duckdb_with_a_provenance_sidecar(
    out: Path, fmt: str
) -> None:
    sink = FileSink(out, fmt)  # type: ignore[arg-type]
    sink.write(
        "bars_5m",
        bars_table(daily_bars("$SPX", dt.date(2024, 2, 1), 5)),
        PROVENANCE,
    )
    [data] = list(out.rglob(f"*.{fmt}"))
    assert data.parent.relative_to(out).as_posix() == "bars_5m/symbol_key=%24SPX/year=2024"
    sidecar = json.loads((data.parent / f"_{data.name}.json").read_text())
    assert sidecar["provider"] == "mock"
    assert sidecar["synthetic"] == "true"
    reader = "read_csv" if fmt == "csv" else "read_json"
    rows = duckdb.sql(
        f"select symbol, cast(timestamp as timestamptz) as ts, close, volume "
        f"from {reader}('{out}/bars_5m/**/*.{fmt}', hive_partitioning=true) order by ts"
    ).fetchall()
    assert len(rows) == 5
    assert rows[0][0] == "$SPX"
    assert rows[0][2:] == (101.0, 1000)
    assert rows[0][1].isoformat().startswith("2024-02-01T00:00:00")
