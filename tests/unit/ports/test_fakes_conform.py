"""The in-memory fakes and the system clock keep the port contracts."""

import datetime as dt

import pytest

from tests.conformance.clock_contract import ClockContract
from tests.conformance.sink_contract import DatasetSinkContract, MakeSink
from tests.conformance.vault_contract import MakeVault, TokenVaultContract
from trade_analyst.adapters.memory import FakeClock, InMemorySink, InMemoryTokenVault
from trade_analyst.adapters.system import SystemClock
from trade_analyst.ports import Clock


class TestInMemorySink(DatasetSinkContract):
    @pytest.fixture
    def make_sink(self) -> MakeSink:
        return InMemorySink


class TestInMemoryTokenVault(TokenVaultContract):
    @pytest.fixture
    def make_vault(self) -> MakeVault:
        return InMemoryTokenVault


class TestFakeClock(ClockContract):
    @pytest.fixture
    def clock(self) -> Clock:
        # 23:30 in New York is already tomorrow in UTC: today() must not use the UTC date.
        return FakeClock(
            dt.datetime(2024, 3, 9, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
        )


class TestSystemClock(ClockContract):
    @pytest.fixture
    def clock(self) -> Clock:
        return SystemClock()
