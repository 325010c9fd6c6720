"""The in-memory provider keeps the MarketData contract and filters like a real one."""

import datetime as dt

import pytest

from tests.conformance.market_data_contract import MarketDataContract, Scenario
from trade_analyst.adapters.memory import InMemoryMarketData
from trade_analyst.domain.models import BarSeries, OptionChain, OptionContract, Quote
from trade_analyst.ports import (
    ChainQuery,
    ExpirationsQuery,
    Instrument,
    InstrumentsQuery,
    InvalidInput,
    MarketData,
    MarketHours,
    Mover,
    MoversQuery,
    NoData,
    ProviderCapabilities,
    SessionWindow,
)

DAY = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)


def _bars() -> BarSeries:
    times = [DAY + dt.timedelta(days=d) for d in range(10)]
    opens = [100.0 + d for d in range(10)]
    return BarSeries(
        "AAPL",
        "1d",
        times,
        opens,
        [o + 2 for o in opens],
        [o - 2 for o in opens],
        opens,
        [1000] * 10,
    )


def _chain() -> OptionChain:
    contracts = [
        OptionContract(
            symbol=f"AAPL  {expiry:%y%m%d}{right}{strike * 1000:08d}",
            underlying="AAPL",
            expiration=expiry,
            right=right,
            strike=strike,
        )
        for expiry in (dt.date(2024, 5, 17), dt.date(2024, 6, 21))
        for strike in (95, 100, 105, 110)
        for right in ("C", "P")
    ]
    return OptionChain("AAPL", 101.0, contracts)


def _market() -> InMemoryMarketData:
    return InMemoryMarketData(
        quotes_by_symbol={
            s: Quote(symbol=s, asset_type="EQUITY", provider="memory", last=1.0)
            for s in ("AAPL", "$SPX", "/ESM24")
        },
        bars={("AAPL", "1d"): _bars()},
        chains={"AAPL": _chain()},
        hours=[
            MarketHours(
                market="equity",
                product="EQ",
                date=DAY.date(),
                is_open=True,
                sessions=(
                    SessionWindow("regular", DAY.replace(hour=13, minute=30), DAY.replace(hour=20)),
                ),
            ),
            MarketHours(market="option", product="EQO", date=DAY.date(), is_open=True),
        ],
        movers_by_index={
            "$SPX": [Mover(symbol=s, volume=v) for s, v in (("A", 5), ("B", 50), ("C", 7))] * 5
        },
        instrument_list=[Instrument(symbol="AAPL", description="APPLE INC", asset_type="EQUITY")],
        # The daily bars above are stamped at midnight UTC.
        capabilities=ProviderCapabilities(daily_bar_zone="UTC"),
    )


class TestInMemoryMarketData(MarketDataContract):
    @pytest.fixture
    def market(self) -> MarketData:
        return _market()

    @pytest.fixture
    def scenario(self) -> Scenario:
        return Scenario(
            known=("/ESM24", "AAPL", "$SPX"),
            unknown="NOPE",
            history_symbol="AAPL",
            interval="1d",
            # A day after the first bar given: a previous close is known.
            start=DAY + dt.timedelta(days=1),
            end=DAY + dt.timedelta(days=7),
            quiet=(DAY + dt.timedelta(days=20), DAY + dt.timedelta(days=22)),
            underlying="AAPL",
            index="$SPX",
            instrument="AAPL",
            market="equity",
            hours_on=DAY.date(),
        )


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.mark.anyio
async def test_strike_count_keeps_the_strikes_nearest_the_underlying() -> None:
    chain = await _market().option_chain(ChainQuery("AAPL", strike_count=2))
    assert sorted({c.strike for c in chain.contracts}) == [100.0, 105.0]
    assert chain.expirations() == (dt.date(2024, 5, 17), dt.date(2024, 6, 21))


@pytest.mark.anyio
async def test_unknown_underlyings_have_no_data_and_requests_are_recorded() -> None:
    market = _market()
    expirations, search = ExpirationsQuery("NOPE"), InstrumentsQuery("(", "symbol_regex")
    with pytest.raises(NoData):
        await market.option_expirations(expirations)
    with pytest.raises(InvalidInput, match="bad pattern"):
        await market.instruments(search)
    assert market.requests == [ExpirationsQuery("NOPE"), InstrumentsQuery("(", "symbol_regex")]


@pytest.mark.anyio
async def test_movers_sort_by_percent_change() -> None:
    market = InMemoryMarketData(
        movers_by_index={
            "NYSE": [
                Mover(symbol="A", net_percent_change=0.01),
                Mover(symbol="B", net_percent_change=-0.02),
            ]
        }
    )
    falling = await market.movers(MoversQuery("NYSE", "percent_change_down"))
    rising = await market.movers(MoversQuery("NYSE", "percent_change_up"))
    assert [m.symbol for m in falling] == ["B", "A"]
    assert [m.symbol for m in rising] == ["A", "B"]
