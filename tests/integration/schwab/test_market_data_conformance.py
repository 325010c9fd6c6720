"""The ``MarketData`` contract, run against the Schwab adapter talking to the fake server."""

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from tests.conformance.market_data_contract import MarketDataContract, Scenario
from tests.conformance.market_data_sessions_contract import (
    MarketDataSessionsContract,
    SessionsScenario,
)
from tests.fakes.schwab_server import FakeSchwab
from tests.integration.schwab.rig import NOW, logged_in
from trade_analyst.adapters.schwab import SchwabMarketData

pytestmark = pytest.mark.integration


@pytest.fixture
async def market(fake_schwab: FakeSchwab) -> AsyncIterator[SchwabMarketData]:
    """The adapter, logged in at the fake, unthrottled on both sides (for both contracts)."""
    fake_schwab.state.rate_limit_per_minute = None
    async with logged_in(fake_schwab, requests_per_minute=0) as session:
        yield session.market


class TestSchwabAdapterConformance(MarketDataContract):
    @pytest.fixture
    def scenario(self) -> Scenario:
        return Scenario(
            known=("AAPL", "/ES", "$SPX"),
            unknown="ZZZZQ",
            history_symbol="AAPL",
            interval="30m",
            start=dt.datetime(2025, 3, 10, 14, tzinfo=dt.UTC),
            end=dt.datetime(2025, 3, 11, 19, tzinfo=dt.UTC),
            quiet=(
                dt.datetime(2025, 3, 8, tzinfo=dt.UTC),
                dt.datetime(2025, 3, 9, 20, tzinfo=dt.UTC),
            ),
            underlying="AAPL",
            index="$SPX",
            instrument="AAPL",
            market="equity",
            hours_on=NOW.date(),
        )


class TestSchwabAdapterSessions(MarketDataSessionsContract):
    @pytest.fixture
    def sessions(self) -> SessionsScenario:
        # Presidents' Day 2025 (Monday 17 February) inside a week of sessions.
        return SessionsScenario(
            equity="AAPL",
            future_root="/ES",
            index="$SPX",
            start=dt.datetime(2025, 2, 13, 14, tzinfo=dt.UTC),
            end=dt.datetime(2025, 2, 20, 21, tzinfo=dt.UTC),
            holiday=dt.date(2025, 2, 17),
            underlying="AAPL",
        )
