"""The async twins answer what the blocking calls answer; a client runs on a loop of its
own (so it works inside a running loop, as in Jupyter) and ``close`` releases it."""

import datetime as dt
import gc
import subprocess
import sys
import threading

import anyio
import pyarrow as pa
import pytest

import trade_analyst
from trade_analyst.entrypoints.api import AsyncClient, Client
from trade_analyst.ports import InvalidInput, NoData

pytestmark = pytest.mark.integration

DAY = "2025-06-20"


def _client_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "trade-analyst-client"]


def test_each_async_twin_answers_what_its_blocking_call_answers(client: Client) -> None:
    async def all_calls() -> list[pa.Table]:
        async with trade_analyst.connect_async(provider="mock") as twin:
            assert isinstance(twin, AsyncClient)
            return [
                await twin.history(["AAPL", "/ES"], start="2025-06-02", end=DAY),
                await twin.quotes(["AAPL", "/ES"]),
                await twin.chain("SPY", strikes=3),
                await twin.levels("/ES", DAY),
            ]

    history, quotes, chain, levels = anyio.run(all_calls)

    assert history.equals(client.history(["AAPL", "/ES"], start="2025-06-02", end=DAY))
    assert quotes.equals(client.quotes(["AAPL", "/ES"]))
    assert chain.equals(client.chain("SPY", strikes=3))
    assert levels.equals(client.levels("/ES", DAY))


def test_async_calls_run_concurrently_in_one_task_group(isolated: object) -> None:
    symbols = ["AAPL", "MSFT", "/ES", "/NQ"]
    found: dict[str, int] = {}

    async def main() -> None:
        async with trade_analyst.connect_async(provider="mock") as client:

            async def one(symbol: str) -> None:
                bars = await client.history(symbol, start="2025-06-02", end=DAY)
                found[symbol] = bars.num_rows

            async with anyio.create_task_group() as group:
                for symbol in symbols:
                    group.start_soon(one, symbol)

    anyio.run(main)
    assert sorted(found) == sorted(symbols)
    assert all(rows > 10 for rows in found.values())


def test_async_errors_carry_the_same_codes(isolated: object) -> None:
    async def main() -> None:
        async with trade_analyst.connect_async(provider="mock") as client:
            await client.history("AAPL", start="2025-06-07", end="2025-06-08")

    with pytest.raises(NoData) as raised:
        anyio.run(main)
    assert (raised.value.exit_code, raised.value.code) == (4, "E-NODATA")


def test_an_async_client_refuses_calls_once_closed(isolated: object) -> None:
    async def main() -> None:
        client = trade_analyst.connect_async(provider="mock")
        assert (await client.quotes("AAPL")).num_rows == 1
        await client.aclose()
        await client.aclose()  # a second close is harmless
        assert client.closed
        await client.quotes("AAPL")

    with pytest.raises(InvalidInput, match="the client is closed") as raised:
        anyio.run(main)
    assert "connect" in raised.value.hint


def test_blocking_calls_work_while_the_caller_runs_an_event_loop(client: Client) -> None:
    # A notebook cell runs inside Jupyter's loop: the call must not need that loop.
    async def cell() -> int:
        return client.quotes("AAPL").num_rows

    assert anyio.run(cell) == 1


def test_close_ends_the_clients_thread_and_later_calls_say_it_is_closed(
    isolated: object,
) -> None:
    before = len(_client_threads())
    client = trade_analyst.connect(provider="mock")
    assert len(_client_threads()) == before + 1
    assert "open" in repr(client)

    client.close()
    client.close()  # a second close is harmless

    assert len(_client_threads()) == before
    assert "closed" in repr(client)
    with pytest.raises(InvalidInput, match="the client is closed"):
        client.quotes("AAPL")


def test_with_closes_the_client_even_when_a_call_failed(isolated: object) -> None:
    with pytest.raises(NoData), trade_analyst.connect(provider="mock") as client:
        client.history("AAPL", start="2025-06-07", end="2025-06-08")
    assert "closed" in repr(client)


def test_a_client_left_open_is_closed_when_it_is_collected(isolated: object) -> None:
    before = len(_client_threads())
    client = trade_analyst.connect(provider="mock")
    client.quotes("AAPL")
    del client
    gc.collect()
    assert len(_client_threads()) == before


def test_a_script_that_never_closes_its_client_still_exits(isolated: object) -> None:
    script = (
        "import trade_analyst\n"
        "client = trade_analyst.connect(provider='mock')\n"
        "print(client.quotes('AAPL').num_rows)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")


def test_a_failed_connect_leaves_no_thread_behind(isolated: object) -> None:
    before = len(_client_threads())
    with pytest.raises(InvalidInput):
        trade_analyst.connect(provider="yahoo")
    assert len(_client_threads()) == before


def test_the_client_says_whether_its_data_is_synthetic(client: Client) -> None:
    assert client.provider == "mock"
    assert client.synthetic
    assert client.history("AAPL", start="2025-06-02", end=dt.date(2025, 6, 3)).column(
        "synthetic"
    ).to_pylist() == [True, True]
