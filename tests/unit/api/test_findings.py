"""What validation finds in fetched data: a ``ValidationWarning`` naming it, or, with
``strict=True``, ``DataValidationFailed`` (exit 6) as ``--strict`` gives."""

import datetime as dt
from zoneinfo import ZoneInfo

import anyio
import pytest

from trade_analyst.adapters.memory import FakeClock
from trade_analyst.adapters.memory.market_data import InMemoryMarketData
from trade_analyst.domain.models import BarSeries, Quote
from trade_analyst.entrypoints.api import AsyncClient, ValidationWarning
from trade_analyst.entrypoints.config import Settings
from trade_analyst.ports import DataValidationFailed

NOW = dt.datetime(2025, 6, 10, 16, tzinfo=dt.UTC)
NEW_YORK = ZoneInfo("America/New_York")
DAYS = [dt.date(2025, 6, 2), dt.date(2025, 6, 3)]


def _client(market: InMemoryMarketData) -> AsyncClient:
    return AsyncClient(market, Settings(), FakeClock(NOW), "memory")


def _market(bars: BarSeries, quote: Quote) -> InMemoryMarketData:
    return InMemoryMarketData(quotes_by_symbol={"AAPL": quote}, bars={("AAPL", "1d"): bars})


def _quote(bid: float, ask: float) -> Quote:
    return Quote(
        symbol="AAPL", asset_type="EQUITY", provider="memory", bid=bid, ask=ask, last=bid,
        quote_time=NOW,
    )  # fmt: skip


def _daily(highs: list[float]) -> BarSeries:
    stamps = [dt.datetime.combine(day, dt.time(9, 30), tzinfo=NEW_YORK) for day in DAYS]
    return BarSeries("AAPL", "1d", stamps, [10.0, 10.0], highs, [8.0, 9.0], [10.0, 10.0],
                     [1.0, 1.0])  # fmt: skip


def _history(client: AsyncClient, *, strict: bool) -> object:
    async def fetch() -> object:
        return await client.history("AAPL", start=DAYS[0], end=DAYS[-1], strict=strict)

    return anyio.run(fetch)


def test_consistent_bars_come_back_without_a_warning() -> None:
    bars = _history(_client(_market(_daily([11.0, 11.0]), _quote(1.0, 1.1))), strict=True)
    assert bars.num_rows == 2  # type: ignore[attr-defined]


def test_an_inconsistent_bar_is_a_warning_naming_its_row() -> None:
    # Row 0's high (9) is below its open and close (10).
    client = _client(_market(_daily([9.0, 11.0]), _quote(1.0, 1.1)))
    with pytest.warns(ValidationWarning, match=r"AAPL bars: 1 error; first: error \S+ row 0"):
        bars = _history(client, strict=False)
    assert bars.num_rows == 2  # type: ignore[attr-defined]


def test_with_strict_an_inconsistent_bar_is_exit_6() -> None:
    client = _client(_market(_daily([9.0, 11.0]), _quote(1.0, 1.1)))
    with pytest.raises(DataValidationFailed, match="AAPL bars failed validation") as raised:
        _history(client, strict=True)
    error = raised.value
    assert (error.exit_code, error.code, error.errors) == (6, "E-VALIDATION", 1)


def test_a_crossed_quote_is_a_warning_or_with_strict_exit_6() -> None:
    client = _client(_market(_daily([11.0, 11.0]), _quote(1.2, 1.0)))

    async def quotes(strict: bool) -> object:
        return await client.quotes(["AAPL"], strict=strict)

    with pytest.warns(ValidationWarning, match="quotes: 1 error"):
        table = anyio.run(quotes, False)
    assert table.column("bid").to_pylist() == [1.2]  # type: ignore[attr-defined]
    with pytest.raises(DataValidationFailed):
        anyio.run(quotes, True)
