"""Same request, same output: seeds come only from the request, never the host or the day."""

import datetime as dt
import hashlib
import itertools
import os
import subprocess
import sys

import numpy as np
import pytest

from tests.unit.mock.conftest import NOW, provider, run, utc
from trade_analyst.adapters.mock.seeds import seed_of, uniforms
from trade_analyst.domain.models import Bar
from trade_analyst.ports import ChainQuery, HistoryQuery, MoversQuery, QuotesQuery


def test_seeds_are_fixed_digests_of_the_request() -> None:
    # Golden values: a change here means every synthetic dataset changes (bump the version).
    assert seed_of("AAPL", "day", "2025-07-01") == 0xD31267ADDAD3E4B9
    assert seed_of("AAPL", "day", "2025-07-01") != seed_of("AAPL", "day", "2025-07-02")


def test_path_draws_are_splitmix64_outputs() -> None:
    # SplitMix64 seeded with 0 first outputs 0xE220A8397B1DCDAF (the published reference);
    # counter k of seed s is the generator's k-th output from state s.
    high, low = uniforms(0, np.array([1, 1], dtype=np.uint64))
    assert high.tolist() == [(0xE220A839 + 0.5) / 2**32] * 2
    assert low.tolist() == [(0x7B1DCDAF + 0.5) / 2**32] * 2


def test_a_draw_depends_on_its_counter_not_on_the_others_drawn_with_it() -> None:
    alone = uniforms(42, np.array([7], dtype=np.uint64))
    among = uniforms(42, np.arange(20, dtype=np.uint64))
    assert (alone[0][0], alone[1][0]) == (among[0][7], among[1][7])


def test_a_golden_bar() -> None:
    market = provider()
    query = HistoryQuery("AAPL", utc(2025, 7, 1, 13, 30), utc(2025, 7, 1, 14), "1m")
    bars = run(lambda: market.price_history(query))
    assert bars.to_series()[0] == Bar(
        utc(2025, 7, 1, 13, 30), 152.61, 152.69, 152.6, 152.68, 72637.0
    )


_CHILD = """
import datetime as dt, hashlib, anyio
from trade_analyst.adapters.memory import FakeClock
from trade_analyst.adapters.mock import MockMarketData
from trade_analyst.ports import HistoryQuery
market = MockMarketData(FakeClock(dt.datetime(2030, 1, 1, tzinfo=dt.UTC)))
start, end = dt.datetime(2024, 3, 1, tzinfo=dt.UTC), dt.datetime(2024, 3, 8, tzinfo=dt.UTC)
bars = anyio.run(market.price_history, HistoryQuery("/ES", start, end, "5m"))
print(hashlib.sha256(repr(bars).encode()).hexdigest())
"""


@pytest.mark.parametrize("hash_seed", ["0", "12345"])
def test_another_process_with_another_hash_seed_makes_the_same_bars(hash_seed: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed, "TZ": "Asia/Tokyo"}
    child = subprocess.run(
        [sys.executable, "-c", _CHILD], capture_output=True, text=True, env=env, check=True
    )
    start, end = utc(2024, 3, 1), utc(2024, 3, 8)
    bars = run(lambda: provider().price_history(HistoryQuery("/ES", start, end, "5m")))
    assert child.stdout.strip() == hashlib.sha256(repr(bars).encode()).hexdigest()


def test_the_same_history_from_two_providers_with_different_clocks() -> None:
    start, end = utc(2024, 3, 1), utc(2024, 3, 20)
    for symbol in ("AAPL", "/ES", "EUR/USD", "$SPX"):
        query = HistoryQuery(symbol, start, end, "15m")
        first = run(lambda q=query: provider(NOW).price_history(q))  # type: ignore[misc]
        later = provider(NOW + dt.timedelta(days=400))
        second = run(lambda q=query, m=later: m.price_history(q))  # type: ignore[misc]
        assert first == second


def test_the_same_quotes_chain_and_movers_at_the_same_moment() -> None:
    symbols = QuotesQuery(["AAPL", "/ES", "$SPX", "EUR/USD", "SPY   251219C00600000"])
    chain, movers = ChainQuery("QQQ"), MoversQuery("$SPX", "percent_change_up")
    a, b = provider(), provider()
    assert run(lambda: a.quotes(symbols)) == run(lambda: b.quotes(symbols))
    assert run(lambda: a.option_chain(chain)) == run(lambda: b.option_chain(chain))
    assert run(lambda: a.movers(movers)) == run(lambda: b.movers(movers))


def test_different_symbols_and_days_walk_differently() -> None:
    market = provider()
    day = (utc(2024, 3, 1), utc(2024, 3, 2))
    aapl = run(lambda: market.price_history(HistoryQuery("AAPL", *day, "1m")))
    msft = run(lambda: market.price_history(HistoryQuery("MSFT", *day, "1m")))
    returns = [b / a for a, b in itertools.pairwise(aapl.close)]
    other = [b / a for a, b in itertools.pairwise(msft.close)]
    assert returns != other
