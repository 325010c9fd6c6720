"""``ta --provider schwab`` against the fake with real-API behaviour: the request logs of
``-v``/``-vv``, one call's deadline, big chains in windows, movers frequency, CUSIPs."""

import json

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import Fault
from tests.integration.auth.conftest import Ta, headless_login
from tests.pinned_now import NOW, TA_NOW
from trade_analyst.adapters.memory import FakeClock

pytestmark = pytest.mark.integration


@pytest.fixture
def schwab_ta(ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch) -> Ta:
    fake_schwab.state.clock = FakeClock(NOW)
    monkeypatch.setenv("TA_NOW", TA_NOW)
    monkeypatch.setenv("TA_GENERAL_PROVIDER", "schwab")
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    return ta


def test_v_logs_each_request_retry_and_refresh(schwab_ta: Ta, fake_schwab: FakeSchwab) -> None:
    code, _, err = schwab_ta("quotes", "AAPL")
    assert code == 0, err
    assert "GET /quotes" not in err  # quiet by default
    fake_schwab.state.add_fault(Fault("status", status=503))
    fake_schwab.state.add_fault(Fault("expired_token"))
    code, _, err = schwab_ta("-v", "quotes", "AAPL")
    assert code == 0, err
    assert "info: GET /quotes -> 401" in err
    assert "refreshing the access token" in err
    assert "POST /v1/oauth/token (grant_type=refresh_token) -> 200" in err
    assert "info: GET /quotes -> 503" in err
    assert "retrying GET /quotes in" in err
    assert "info: GET /quotes -> 200" in err
    assert " s (attempt " in err  # timed
    assert "body:" not in err  # shapes only at -vv
    code, _, err = schwab_ta("-vv", "quotes", "AAPL")
    assert code == 0, err
    assert "debug: GET /quotes body: object {AAPL}" in err


def test_a_call_past_its_deadline_exits_5_naming_the_endpoint(
    schwab_ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TA_SCHWAB_REQUEST_DEADLINE_SECONDS", "0.5")
    fake_schwab.state.add_fault(Fault("slow", delay=3.0), times=5)
    code, _, err = schwab_ta("quotes", "AAPL")
    assert code == 5
    assert "GET /quotes" in err
    assert "0.5 s" in err
    assert "request_deadline_seconds" in err


def test_a_big_chain_comes_in_windows_and_an_overflow_is_explained(
    schwab_ta: Ta, fake_schwab: FakeSchwab
) -> None:
    code, out, err = schwab_ta("chain", "$SPX", "--strikes", "2")
    assert code == 0, err
    whole = json.loads(out)
    calls = [r.query for r in fake_schwab.state.requests if r.path.endswith("/chains")]
    assert len(calls) > 1
    assert all("fromDate" in q for q in calls)
    assert len({row["expiration"] for row in whole}) > 8
    fake_schwab.state.requests.clear()
    fake_schwab.state.chain_overflow_above = 1
    code, _, err = schwab_ta("chain", "AAPL", "--expiration", whole[0]["expiration"])
    assert code == 5
    assert "Body buffer overflow" in err
    assert "--strikes" in err
    calls = [r for r in fake_schwab.state.requests if r.path.endswith("/chains")]
    assert len(calls) == 1  # not retried


def test_movers_frequency_and_a_cusip_lookup(schwab_ta: Ta, fake_schwab: FakeSchwab) -> None:
    code, out, err = schwab_ta("movers", "$SPX", "--frequency", "5")
    assert code == 0, err
    assert json.loads(out)
    assert any("frequency=5" in r.query for r in fake_schwab.state.requests)
    code, out, err = schwab_ta("quotes", "AAPL")
    assert code == 0, err
    (row,) = json.loads(out)
    assert row["regular_last"] == row["last"]
