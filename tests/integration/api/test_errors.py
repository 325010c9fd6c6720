"""Mistakes and missing data raise ``TradeAnalystError``s carrying ``ta``'s exit code,
error code and hint: for input ``ta`` also takes, the very message and hint it prints."""

import datetime as dt
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import trade_analyst
from tests.integration.in_process import run
from trade_analyst.entrypoints.api import Client
from trade_analyst.ports import (
    AuthRequired,
    InvalidInput,
    NoData,
    TradeAnalystError,
)

pytestmark = pytest.mark.integration

Call = Callable[[Client], Any]

# (the API call, the same request on the command line, the exit code both give)
SAME_AS_TA: list[tuple[Call, list[str], int]] = [
    (
        lambda c: c.history("AAPL", start="2025-06-20", end="2025-06-02"),
        ["history", "AAPL", "--start", "2025-06-20", "--end", "2025-06-02"],
        2,
    ),
    (
        lambda c: c.history(["AAPL", "ZZZZ"], start="2025-06-02", end="2025-06-03"),
        ["history", "AAPL", "ZZZZ", "--start", "2025-06-02", "--end", "2025-06-03"],
        2,
    ),
    (
        lambda c: c.history("/QQ", start="2025-06-02", end="2025-06-03"),
        ["history", "/QQ", "--start", "2025-06-02", "--end", "2025-06-03"],
        2,
    ),
    (
        lambda c: c.history("AAPL  251219C00200000", start="2025-06-02", end="2025-06-03"),
        ["history", "AAPL  251219C00200000", "--start", "2025-06-02", "--end", "2025-06-03"],
        2,
    ),
    (
        lambda c: c.history("AAPL", start="1900-01-02", end="2025-06-03"),
        ["history", "AAPL", "--start", "1900-01-02", "--end", "2025-06-03"],
        2,
    ),
    (
        lambda c: c.history("AAPL", start="2025-01-02", end="2025-01-03", interval="1m"),
        ["history", "AAPL", "--start", "2025-01-02", "--end", "2025-01-03", "--interval", "1m"],
        2,
    ),
    (
        lambda c: c.history(["AAPL", "/ES"], start="2025-06-07", end="2025-06-08"),
        ["history", "AAPL", "/ES", "--start", "2025-06-07", "--end", "2025-06-08"],
        4,
    ),
    (lambda c: c.quotes(["AAPL", "/ESA25"]), ["quotes", "AAPL", "/ESA25"], 2),
    (lambda c: c.quotes("ZZZZ"), ["quotes", "ZZZZ"], 2),
    (lambda c: c.chain("SPY", strikes=0), ["chain", "SPY", "--strikes", "0"], 2),
    (
        lambda c: c.chain("SPY", expiration="2026-12-18", from_date="2026-12-01"),
        ["chain", "SPY", "--expiration", "2026-12-18", "--from", "2026-12-01"],
        2,
    ),
    (
        lambda c: c.chain("SPY", from_date="2026-12-31", to_date="2026-12-01"),
        ["chain", "SPY", "--from", "2026-12-31", "--to", "2026-12-01"],
        2,
    ),
    (lambda c: c.levels("AAPL", "2025-06-21"), ["levels", "AAPL", "--date", "2025-06-21"], 4),
    (
        lambda c: c.levels("AAPL", "2025-06-20", anchor="2025-06-23"),
        ["levels", "AAPL", "--date", "2025-06-20", "--anchor", "2025-06-23"],
        2,
    ),
]


def _error_and_hint(stderr: str) -> tuple[str, str]:
    lines = stderr.splitlines()
    (error,) = [line for line in lines if line.startswith("error: ")]
    (hint,) = [line for line in lines if line.startswith("hint: ")]
    return error.removeprefix("error: "), hint.removeprefix("hint: ")


@pytest.mark.parametrize(("call", "argv", "exit_code"), SAME_AS_TA)
def test_the_api_fails_as_ta_does_with_its_message_hint_and_codes(
    client: Client,
    capsys: pytest.CaptureFixture[str],
    call: Call,
    argv: list[str],
    exit_code: int,
) -> None:
    with pytest.raises(TradeAnalystError) as raised:
        call(client)
    code, _, err = run(capsys, "--format", "json", *argv)

    assert code == exit_code
    assert raised.value.exit_code == exit_code
    assert (raised.value.message, raised.value.hint) == _error_and_hint(err)
    assert f'"code": "{raised.value.code}"' in err  # the JSON envelope's error code


def test_the_hint_is_shown_under_the_traceback(client: Client) -> None:
    with pytest.raises(NoData) as raised:
        client.history("AAPL", start="2025-06-07", end="2025-06-08")
    shown = "".join(traceback.format_exception(raised.value))
    assert "NoData: no 1d bars for AAPL from 2025-06-07 to 2025-06-08" in shown
    assert "hint: widen the date range" in shown
    assert raised.value.code == "E-NODATA"


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda c: c.history("AAPL", start="2025-13-01", end="2025-06-03"), "start is not a date"),
        (lambda c: c.history("AAPL", start="2025-06-02", end=20250603), "end must be a date"),
        (
            lambda c: c.history(
                "AAPL", start=dt.datetime(2025, 6, 2, tzinfo=dt.UTC), end="2025-06-03"
            ),
            "start must be a date, not a datetime",
        ),
        (lambda c: c.levels("AAPL", "9999-12-31"), "outside the supported range"),
        (
            lambda c: c.history("AAPL", start="2025-06-02", end="2025-06-03", interval="2d"),
            "unsupported interval '2d'",
        ),
        (
            lambda c: c.history("/ES", start="2025-06-02", end="2025-06-03", roll="monthly"),
            "unknown roll 'monthly'",
        ),
        (
            lambda c: c.history("/ES", start="2025-06-02", end="2025-06-03", adjust="log"),
            "unknown --adjust 'log'",
        ),
        (lambda c: c.history(["AAPL", 7], start="2025-06-02", end="2025-06-03"), "must be text"),
        (lambda c: c.chain("SPY", type="calls"), "unknown type 'calls'"),
        (lambda c: c.levels("AAPL", "2025-06-20", kind="gann"), "unknown kind 'gann'"),
        (lambda c: c.levels("AAPL", "2025-06-20", session="night"), "unknown session 'night'"),
    ],
)
def test_python_values_ta_cannot_be_given_are_invalid_input_too(
    client: Client, call: Call, says: str
) -> None:
    with pytest.raises(InvalidInput, match=says) as raised:
        call(client)
    assert raised.value.exit_code == 2
    assert raised.value.code == "E-USAGE"
    assert raised.value.hint


def test_an_unknown_provider_is_refused_when_connecting(isolated: object) -> None:
    with pytest.raises(InvalidInput, match="unknown provider 'yahoo'") as raised:
        trade_analyst.connect(provider="yahoo")
    assert raised.value.hint == "choose one of: mock, schwab"


def test_a_bad_config_file_is_invalid_input_naming_the_key(isolated: Path) -> None:
    config = isolated / "config.toml"
    config.write_text('[futures]\nroll_policy = "sometimes"\n')
    with pytest.raises(InvalidInput, match=r"futures.roll_policy") as raised:
        trade_analyst.connect(provider="mock")
    assert "config.toml" in raised.value.hint
    with pytest.raises(InvalidInput, match="config file not found"):
        trade_analyst.connect(provider="mock", config=isolated / "missing.toml")


def test_the_configured_provider_is_the_default(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    # Schwab, not the mock: without credentials it cannot even be built (exit 3).
    with pytest.raises(AuthRequired, match="TA_SCHWAB_CLIENT_ID") as raised:
        trade_analyst.connect()
    assert raised.value.exit_code == 3
