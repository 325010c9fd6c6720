"""The mock keeps both MarketData contracts."""

import datetime as dt

import pytest

from tests.conformance.market_data_contract import MarketDataContract, Scenario
from tests.conformance.market_data_sessions_contract import (
    SelfPricedChainsContract,
    SessionsScenario,
)
from tests.unit.mock.conftest import NOW, provider, utc
from trade_analyst.adapters.mock.pricing import RATE
from trade_analyst.ports import MarketData


@pytest.fixture
def market() -> MarketData:
    return provider()


class TestMockMarketData(MarketDataContract):
    @pytest.fixture
    def scenario(self) -> Scenario:
        return Scenario(
            known=("AAPL", "/ES", "$SPX", "EUR/USD", "/ESH26"),
            unknown="ZZZZZZ",
            history_symbol="AAPL",
            interval="5m",
            start=utc(2025, 7, 1, 13),
            end=utc(2025, 7, 9),
            quiet=(utc(2025, 7, 5, 12), utc(2025, 7, 6, 12)),  # a weekend
            underlying="SPY",
            index="$SPX",
            instrument="AAPL",
            market="equity",
            hours_on=dt.date(2025, 7, 3),
        )


class TestMockSessions(SelfPricedChainsContract):
    @pytest.fixture
    def sessions(self) -> SessionsScenario:
        return SessionsScenario(
            equity="AAPL",
            future_root="/ES",
            index="$SPX",
            start=utc(2025, 6, 30),
            end=utc(2025, 7, 9),
            holiday=dt.date(2025, 7, 4),
            underlying="SPY",
            as_of=NOW,
            rate=RATE,
            parity_tolerance=0.011,  # marks are rounded to the cent
        )
