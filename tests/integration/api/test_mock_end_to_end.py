"""Every call of the Python API on the mock provider answers what the matching ``ta``
command answers, as a pyarrow Table of the command's dataset columns."""

import datetime as dt
import json
from typing import Any

import pyarrow as pa
import pytest

import trade_analyst
from tests.integration.in_process import run_json
from tests.pinned_now import TODAY
from trade_analyst.adapters.export.arrow_schemas import arrow_schema
from trade_analyst.entrypoints.api import Client
from trade_analyst.ports import BARS, OPTION_CHAINS, QUOTES

pytestmark = pytest.mark.integration

# A recent week (inside every intraday lookback from the pinned today) and its last session.
RECENT_START = TODAY - dt.timedelta(days=20)
RECENT_END = TODAY - dt.timedelta(days=14)


def _as_printed(row: dict[str, Any]) -> dict[str, Any]:
    """A table row as ``ta --format json`` prints it: RFC 3339 UTC times, ISO dates."""
    shown: dict[str, Any] = {}
    for name, value in row.items():
        if isinstance(value, dt.datetime):
            value = value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
        elif isinstance(value, dt.date):
            value = value.isoformat()
        shown[name] = value
    return shown


def _ta(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    code, out, err = run_json(capsys, *argv)
    assert code == 0, err
    return json.loads(out)


def test_history_is_the_bars_ta_history_prints_with_the_bars_dataset_schema(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    bars = client.history(["AAPL", "/ES"], start="2025-06-02", end="2025-06-20", interval="1d")
    printed = _ta(
        capsys, "history", "AAPL", "/ES", "--start", "2025-06-02", "--end", "2025-06-20",
        "--interval", "1d",
    )  # fmt: skip

    assert bars.schema == arrow_schema(BARS)
    # ta prints each symbol as its fetch completes; the API keeps the order asked.
    assert bars.column("symbol").unique().to_pylist() == ["AAPL", "/ES"]
    by_symbol = sorted(printed, key=lambda record: record["symbol"] != "AAPL")
    assert [_as_printed(row) for row in bars.to_pylist()] == by_symbol
    assert set(bars.column("contract").to_pylist()) == {None, "/ESM25", "/ESU25"}


def test_intraday_history_of_a_recent_week_matches_ta_history(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    bars = client.history("MSFT", start=RECENT_START, end=RECENT_END, interval="30m")
    printed = _ta(
        capsys, "history", "MSFT", "--start", RECENT_START.isoformat(), "--end",
        RECENT_END.isoformat(), "--interval", "30m",
    )  # fmt: skip

    assert bars.schema == arrow_schema(BARS)
    assert bars.num_rows > 10
    assert [_as_printed(row) for row in bars.to_pylist()] == printed
    assert bars.column("trade_date").null_count == bars.num_rows  # intraday: no trade date


def test_dates_as_date_objects_or_iso_text_ask_for_the_same_bars(client: Client) -> None:
    as_text = client.history("AAPL", start="2025-06-02", end="2025-06-06")
    as_dates = client.history("AAPL", start=dt.date(2025, 6, 2), end=dt.date(2025, 6, 6))
    assert as_text.equals(as_dates)
    assert as_text.column("trade_date").to_pylist() == [
        dt.date(2025, 6, day) for day in range(2, 7)
    ]


@pytest.mark.parametrize("adjust", ["difference", "ratio"])
def test_back_adjusted_continuous_futures_match_ta_history(
    client: Client, capsys: pytest.CaptureFixture[str], adjust: str
) -> None:
    bars = client.history("/ES", start="2025-05-01", end="2025-07-31", adjust=adjust)
    printed = _ta(
        capsys, "history", "/ES", "--start", "2025-05-01", "--end", "2025-07-31",
        "--adjust", adjust,
    )  # fmt: skip
    unadjusted = client.history("/ES", start="2025-05-01", end="2025-07-31")

    assert [_as_printed(row) for row in bars.to_pylist()] == printed
    # The roll moved the earlier contract's prices, not the later one's.
    pairs = zip(
        bars.column("contract").to_pylist(),
        bars.column("close").to_pylist(),
        unadjusted.column("close").to_pylist(),
        strict=True,
    )
    moved = {(contract, adjusted != plain) for contract, adjusted, plain in pairs}
    assert moved == {("/ESM25", True), ("/ESU25", False)}


def test_the_roll_policy_defaults_to_the_configured_one_as_for_ta(
    isolated: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    def first_day_of(contract: str, bars: pa.Table) -> dt.date:
        return min(row["trade_date"] for row in bars.to_pylist() if row["contract"] == contract)

    window = {"start": "2025-06-02", "end": "2025-06-30"}
    monkeypatch.setenv("TA_FUTURES_ROLL_POLICY", "expiry")
    with trade_analyst.connect(provider="mock") as client:
        configured = client.history("/ES", **window)
        by_expiry = client.history("/ES", **window, roll="expiry")
        auto = client.history("/ES", **window, roll="auto")

    assert configured.equals(by_expiry)
    # auto rolls 8 days before the June expiry (2025-06-20); expiry rolls after it.
    assert first_day_of("/ESU25", auto) == dt.date(2025, 6, 12)
    assert first_day_of("/ESU25", by_expiry) > dt.date(2025, 6, 20)


def test_quotes_are_the_quotes_dataset_rows_of_what_ta_quotes_prints(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    quotes = client.quotes(["AAPL", "/ES", "$SPX"])
    printed = _ta(capsys, "quotes", "AAPL", "/ES", "$SPX")

    assert quotes.schema == arrow_schema(QUOTES)
    shown = [_as_printed(row) for row in quotes.to_pylist()]
    for row, record in zip(shown, printed, strict=True):
        assert {name: row[name] for name in record} == record
    assert quotes.column("contract").to_pylist()[1].startswith("/ES")
    assert client.quotes("AAPL").column("symbol").to_pylist() == ["AAPL"]  # one symbol as text


def test_a_chain_is_the_option_chains_rows_of_what_ta_chain_prints(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    chain = client.chain("SPY", strikes=4, type="put")
    printed = _ta(capsys, "chain", "SPY", "--strikes", "4", "--type", "put")

    assert chain.schema == arrow_schema(OPTION_CHAINS)
    assert chain.column("contract").to_pylist() == [record["symbol"] for record in printed]
    assert chain.column("delta").to_pylist() == [record["delta"] for record in printed]
    assert set(chain.column("right").to_pylist()) == {"P"}
    assert set(chain.column("synthetic").to_pylist()) == {True}


def test_a_chain_for_one_expiration_or_a_range(client: Client) -> None:
    every = client.chain("SPY", strikes=2)
    expirations = sorted(set(every.column("expiration").to_pylist()))
    one = client.chain("SPY", expiration=expirations[1], strikes=2)
    some = client.chain("SPY", from_date=expirations[0], to_date=expirations[2], strikes=2)

    assert set(one.column("expiration").to_pylist()) == {expirations[1]}
    assert set(some.column("expiration").to_pylist()) == set(expirations[:3])


def test_levels_are_one_row_of_what_ta_levels_prints(
    client: Client, capsys: pytest.CaptureFixture[str]
) -> None:
    day = RECENT_END - dt.timedelta(days=(RECENT_END.weekday() - 2) % 7)  # a Wednesday
    levels = client.levels("/ES", day, kind="fibonacci")
    printed = _ta(capsys, "levels", "/ES", "--date", day.isoformat(), "--kind", "fibonacci")

    assert levels.num_rows == 1
    (row,) = levels.to_pylist()
    assert _as_printed(row) == printed
    assert row["vwap"] is not None  # recent enough for intraday bars
    assert row["symbol"].startswith("/ES")
    assert row["symbol_raw"] == "/ES"


def test_levels_tables_of_any_day_concatenate(client: Client) -> None:
    # An old day has no VWAP (intraday bars do not reach back); its column keeps its type.
    recent = client.levels("AAPL", RECENT_END - dt.timedelta(days=RECENT_END.weekday()))
    old = client.levels("AAPL", "2025-06-20")
    anchored = client.levels("AAPL", "2025-06-20", anchor="2025-06-16")

    both = pa.concat_tables([recent, old])
    assert both.column("vwap").type == pa.float64()
    assert old.column("vwap").to_pylist() == [None]
    assert anchored.column("vwap_kind").to_pylist() == ["anchored"]
    assert anchored.column("anchor").to_pylist() == [dt.date(2025, 6, 16)]


def test_tables_convert_to_pandas_and_polars(client: Client) -> None:
    import polars as pl

    bars = client.history(["AAPL", "/ES"], start="2025-06-02", end="2025-06-20")
    frame = bars.to_pandas()
    assert list(frame.columns) == list(BARS.names)
    assert frame.groupby("contract").size().to_dict() == {"/ESM25": 8, "/ESU25": 6}
    assert pl.from_arrow(bars).height == bars.num_rows  # type: ignore[union-attr]


@pytest.mark.parametrize(("symbol", "interval"), [("/ES", "1d"), ("MSFT", "30m")])
def test_history_with_change_adds_the_columns_ta_history_change_prints(
    client: Client, capsys: pytest.CaptureFixture[str], symbol: str, interval: str
) -> None:
    start, end = RECENT_START.isoformat(), RECENT_END.isoformat()
    bars = client.history(symbol, start=start, end=end, interval=interval, change=True)
    printed = _ta(
        capsys, "history", symbol, "--start", start, "--end", end, "--interval", interval,
        "--change",
    )  # fmt: skip
    plain = client.history(symbol, start=start, end=end, interval=interval)

    assert bars.column_names == [*plain.column_names, "previous_close", "net_change"]
    assert bars.select(plain.column_names).equals(plain)
    assert [_as_printed(row) for row in bars.to_pylist()] == printed
    before = bars.column("previous_close").to_pylist()
    assert before[0] is not None
    assert before[1:] == bars.column("close").to_pylist()[:-1]
