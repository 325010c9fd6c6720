"""A ``SchwabMarketData`` logged in to the fake server, sharing the fake's clock."""

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import attrs

from tests.fakes.schwab_server import FakeSchwab
from trade_analyst.adapters.memory import FakeClock, InMemoryTokenVault
from trade_analyst.adapters.schwab import SchwabMarketData, create_market_data

# A Wednesday afternoon in New York: markets open, a live options calendar.
NOW = dt.datetime(2025, 3, 12, 18, tzinfo=dt.UTC)


@attrs.define
class Session:
    market: SchwabMarketData
    vault: InMemoryTokenVault
    clock: FakeClock
    fake: FakeSchwab


@asynccontextmanager
async def logged_in(
    fake: FakeSchwab, *, now: dt.datetime = NOW, **config: Any
) -> AsyncIterator[Session]:
    clock = FakeClock(now)
    fake.state.clock = clock
    vault = InMemoryTokenVault(fake.login_tokens())
    settings = fake.config(**{"max_retries": 3, **config})
    async with create_market_data(settings, vault, clock) as market:
        yield Session(market, vault, clock, fake)
