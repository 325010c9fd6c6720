"""Shared pieces of the mock provider's tests: a fixed clock and a synchronous runner."""

import datetime as dt
from collections.abc import Awaitable, Callable
from typing import TypeVar

import anyio

from trade_analyst.adapters.memory import FakeClock
from trade_analyst.adapters.mock import MockMarketData
from trade_analyst.domain.models import BarSeries
from trade_analyst.ports import BarColumns, HistoryQuery, Interval, TradingSession

T = TypeVar("T")

# The Wednesday before Thanksgiving 2025, 10:00 ET: the NYSE is open.
NOW = dt.datetime(2025, 11, 26, 15, 0, tzinfo=dt.UTC)


def utc(*parts: int) -> dt.datetime:
    return dt.datetime(*parts, tzinfo=dt.UTC)  # type: ignore[misc]


def provider(at: dt.datetime = NOW) -> MockMarketData:
    return MockMarketData(FakeClock(at))


def run(call: Callable[[], Awaitable[T]]) -> T:
    """Run one provider call to completion (Hypothesis tests are synchronous)."""

    result: list[T] = []

    # The coroutine returns nothing: asyncio builds a repr of a task's result, which for a
    # series of many bars costs far more than making it.
    async def main() -> None:
        result.append(await call())

    anyio.run(main)
    return result[0]


def history(
    symbol: str,
    start: dt.datetime,
    end: dt.datetime,
    interval: Interval,
    session: TradingSession = "regular",
) -> BarSeries:
    """The mock's price history at ``NOW``, as the domain reads it."""
    return columns(symbol, start, end, interval, session).to_series()


def columns(
    symbol: str,
    start: dt.datetime,
    end: dt.datetime,
    interval: Interval,
    session: TradingSession = "regular",
) -> BarColumns:
    """The mock's price history at ``NOW``, as ``price_history`` answers it."""
    query = HistoryQuery(symbol, start, end, interval, session)
    return run(lambda: provider().price_history(query))
