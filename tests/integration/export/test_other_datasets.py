"""Quotes and option chains read back with their Arrow types; CSV datasets open in pyarrow."""

import datetime as dt
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pytest

from tests.integration.export.conftest import PROVENANCE, daily_bars
from trade_analyst.adapters.export import FileSink
from trade_analyst.domain.models import OptionChain, OptionContract, Quote
from trade_analyst.ports import bars_table, chain_table, quotes_table

pytestmark = pytest.mark.integration

AS_OF = dt.datetime(2024, 5, 1, 14, 0, tzinfo=dt.UTC)


def _chain() -> OptionChain:
    contracts = [
        OptionContract(
            symbol=f"SPXW  240503{right}{strike * 1000:08d}",
            underlying="$SPX",
            expiration=dt.date(2024, 5, 3),
            right=right,
            strike=strike,
            bid=1.0,
            ask=1.1,
            open_interest=5,
            implied_volatility=-999.0,  # a provider sentinel is stored as it came
            in_the_money=None,
        )
        for strike in (5000, 5050)
        for right in ("C", "P")
    ]
    return OptionChain("$SPX", 5025.0, contracts)


def test_option_chains_keep_dates_bools_and_sentinels(tmp_path: Path) -> None:
    sink = FileSink(tmp_path)
    sink.write("option_chains", chain_table(_chain(), AS_OF), PROVENANCE)
    table = ds.dataset(tmp_path / "option_chains", format="parquet", partitioning="hive").to_table()
    assert table.schema.field("expiration").type == pa.date32()
    assert table.schema.field("in_the_money").type == pa.bool_()
    assert table.schema.field("as_of").type == pa.timestamp("ms", tz="UTC")
    assert table.schema.field("open_interest").type == pa.int64()
    assert table["symbol"].to_pylist() == ["$SPX"] * 4
    assert set(table["implied_volatility"].to_pylist()) == {-999.0}
    assert table["in_the_money"].null_count == 4


def test_quotes_read_back_in_duckdb(tmp_path: Path) -> None:
    quotes = [
        Quote(
            symbol="AAPL",
            asset_type="EQUITY",
            provider="mock",
            synthetic=True,
            bid=1.0,
            ask=1.1,
            quote_time=AS_OF,
        ),
        Quote(
            symbol="$SPX",
            asset_type="INDEX",
            provider="mock",
            synthetic=True,
            last=5000.0,
            trade_time=AS_OF,
        ),
    ]
    FileSink(tmp_path).write("quotes", quotes_table(quotes, fetched_at=AS_OF), PROVENANCE)
    rows = duckdb.sql(
        f"select symbol, bid, last, synthetic, epoch_ms(as_of) from "
        f"read_parquet('{tmp_path}/quotes/**/*.parquet', hive_partitioning=true) order by symbol"
    ).fetchall()
    stamp = int(AS_OF.timestamp() * 1000)
    assert rows == [("$SPX", None, 5000.0, True, stamp), ("AAPL", 1.0, None, True, stamp)]


def test_a_csv_dataset_opens_in_pyarrow_with_utc_times(tmp_path: Path) -> None:
    sink = FileSink(tmp_path, "csv")
    sink.write("bars_1d", bars_table(daily_bars("EUR/USD", dt.date(2024, 1, 2), 3)), PROVENANCE)
    table = ds.dataset(tmp_path / "bars_1d", format="csv", partitioning="hive").to_table()
    assert table.num_rows == 3  # the provenance sidecars (_*.json) are skipped
    assert table["symbol"].to_pylist() == ["EUR/USD"] * 3
    assert pa.types.is_timestamp(table.schema.field("timestamp").type)
    assert table.schema.field("timestamp").type.tz in ("UTC", "+00:00")
