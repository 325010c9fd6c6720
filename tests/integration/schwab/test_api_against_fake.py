"""The Python API on ``provider="schwab"`` against the fake server, after the headless
``ta auth login`` a user runs once: the same settings, vault and answers as ``ta``."""

import datetime as dt
import json
from typing import Any

import pytest

import trade_analyst
from tests.fakes.schwab_server import FakeSchwab
from tests.integration.auth.conftest import Ta, headless_login
from tests.pinned_now import NOW, TA_NOW, TODAY
from trade_analyst.adapters.export.arrow_schemas import arrow_schema
from trade_analyst.adapters.memory import FakeClock
from trade_analyst.ports import BARS, OPTION_CHAINS, QUOTES, AuthRequired, InvalidInput

pytestmark = pytest.mark.integration

# A recent week: inside the 30-minute bars' reach from the pinned today.
START = TODAY - dt.timedelta(days=8)
END = START + dt.timedelta(days=6)


@pytest.fixture
def logged_in(ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch) -> Ta:
    # ta, the API and the fake agree on one pinned instant.
    fake_schwab.state.clock = FakeClock(NOW)
    monkeypatch.setenv("TA_NOW", TA_NOW)
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    return ta


def _as_printed(row: dict[str, Any]) -> dict[str, Any]:
    return {
        name: value.isoformat().replace("+00:00", "Z")
        if isinstance(value, dt.datetime)
        else value.isoformat()
        if isinstance(value, dt.date)
        else value
        for name, value in row.items()
    }


def test_every_call_answers_from_schwab_with_the_dataset_schemas(
    logged_in: Ta, fake_schwab: FakeSchwab
) -> None:
    with trade_analyst.connect(provider="schwab") as client:
        quotes = client.quotes(["AAPL", "/ES"])
        bars = client.history("AAPL", start=START, end=END, interval="30m")
        chain = client.chain("AAPL", strikes=2, type="put")
        levels = client.levels("AAPL", END - dt.timedelta(days=END.weekday()))

    assert client.provider == "schwab"
    assert not client.synthetic
    assert quotes.schema == arrow_schema(QUOTES)
    assert quotes.column("symbol").to_pylist() == ["AAPL", "/ES"]
    assert set(quotes.column("provider").to_pylist()) == {"schwab"}
    assert bars.schema == arrow_schema(BARS)
    assert bars.num_rows > 10
    assert set(bars.column("synthetic").to_pylist()) == {False}
    assert chain.schema == arrow_schema(OPTION_CHAINS)
    assert set(chain.column("right").to_pylist()) == {"P"}
    assert levels.column("provider").to_pylist() == ["schwab"]
    assert levels.column("vwap").to_pylist()[0] is not None
    paths = {record.path for record in fake_schwab.state.requests}
    assert {
        "/marketdata/v1/quotes", "/marketdata/v1/pricehistory", "/marketdata/v1/chains"
    } <= paths  # fmt: skip


def test_history_is_what_ta_history_prints_from_schwab(logged_in: Ta) -> None:
    code, out, err = logged_in(
        "--provider", "schwab", "history", "AAPL", "/ES", "--start", START.isoformat(),
        "--end", END.isoformat(), "--interval", "1h",
    )  # fmt: skip
    assert code == 0, err
    with trade_analyst.connect(provider="schwab") as client:
        bars = client.history(["AAPL", "/ES"], start=START, end=END, interval="1h")

    printed = sorted(json.loads(out), key=lambda record: record["symbol"] != "AAPL")
    assert [_as_printed(row) for row in bars.to_pylist()] == printed


def test_the_configured_provider_needs_no_argument(
    logged_in: Ta, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    with trade_analyst.connect() as client:
        assert client.provider == "schwab"
        assert client.quotes("MSFT").column("symbol").to_pylist() == ["MSFT"]


def test_without_a_login_a_call_is_auth_required_saying_how_to_log_in(
    ta: Ta, fake_schwab: FakeSchwab
) -> None:
    with trade_analyst.connect(provider="schwab") as client, pytest.raises(AuthRequired) as raised:
        client.quotes("AAPL")
    assert (raised.value.exit_code, raised.value.code) == (3, "E-AUTH")
    assert "ta auth login" in raised.value.hint
    assert fake_schwab.state.statuses() == []  # nothing was asked without a token


def test_without_credentials_connecting_is_auth_required_naming_the_variables(
    ta: Ta, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TA_SCHWAB_CLIENT_SECRET")
    with pytest.raises(AuthRequired, match="TA_SCHWAB_CLIENT_SECRET") as raised:
        trade_analyst.connect(provider="schwab")
    assert "TA_SCHWAB_CLIENT_ID" in raised.value.hint


def test_a_closed_schwab_client_refuses_calls(logged_in: Ta, fake_schwab: FakeSchwab) -> None:
    client = trade_analyst.connect(provider="schwab")
    client.quotes("AAPL")
    client.close()
    asked = len(fake_schwab.state.requests)
    with pytest.raises(InvalidInput, match="closed"):
        client.quotes("AAPL")
    assert len(fake_schwab.state.requests) == asked
