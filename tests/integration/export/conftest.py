"""Datasets written once per test into tmp_path, for reading back with other tools."""

import datetime as dt
from pathlib import Path

import pytest

from trade_analyst.adapters.export import FileSink
from trade_analyst.adapters.memory import FakeClock
from trade_analyst.ports import BarColumns, Provenance, bars_table, to_epoch_ms

CREATED = dt.datetime(2026, 11, 27, 4, 0, tzinfo=dt.UTC)
PROVENANCE = Provenance.of(
    provider="mock",
    synthetic=True,
    app_version="0.1.0",
    request={"symbols": ["AAPL", "/ESZ25", "BRK.B"], "interval": "1d"},
)
SYMBOLS = ("AAPL", "/ESZ25", "BRK.B")


def daily_bars(symbol: str, start: dt.date, days: int, base: float = 100.0) -> BarColumns:
    times = [
        dt.datetime.combine(start + dt.timedelta(days=d), dt.time(), dt.UTC) for d in range(days)
    ]
    opens = [base + d for d in range(days)]
    stamps = [to_epoch_ms(t) for t in times]
    return BarColumns(
        symbol,
        "1d",
        stamps,
        opens,
        [p + 2 for p in opens],
        [p - 2 for p in opens],
        [p + 1 for p in opens],
        [1000 + d for d in range(days)],
    )


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def parquet_sink(out: Path) -> FileSink:
    return FileSink(out, "parquet", clock=FakeClock(CREATED))


@pytest.fixture
def written(parquet_sink: FileSink) -> FileSink:
    """Three symbols of daily bars from 2023-12-20 to 2024-01-08: two year partitions each."""
    for symbol in SYMBOLS:
        series = daily_bars(symbol, dt.date(2023, 12, 20), 20)
        parquet_sink.write("bars_1d", bars_table(series), PROVENANCE)
    return parquet_sink
