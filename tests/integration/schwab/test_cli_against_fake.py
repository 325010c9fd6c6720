"""``ta`` data commands on ``--provider schwab`` end to end against the fake server: a
headless login, then quotes, history and a chain, through token expiry, a 401 and a 429."""

import datetime as dt
import json

import pytest

from tests.fakes.schwab_server import FakeSchwab
from tests.fakes.schwab_state import Fault
from tests.integration.auth.conftest import Ta, headless_login
from tests.pinned_now import NOW, TA_NOW, TODAY
from trade_analyst.adapters.memory import FakeClock

pytestmark = pytest.mark.integration


def _grants(fake: FakeSchwab) -> list[str]:
    return [r.grant_type for r in fake.state.token_requests]


def test_quotes_history_and_chain_after_a_headless_login(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ta and the fake agree on one pinned instant, so the week asked for is always recent.
    fake_schwab.state.clock = FakeClock(NOW)
    monkeypatch.setenv("TA_NOW", TA_NOW)
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err

    code, out, err = ta("--provider", "schwab", "quotes", "AAPL", "/ES")
    assert code == 0, err
    assert "AAPL" in out
    assert "/ES" in out

    day = TODAY - dt.timedelta(days=8)
    code, out, err = ta(
        "--provider", "schwab", "history", "AAPL",
        "--start", day.isoformat(), "--end", (day + dt.timedelta(days=6)).isoformat(),
        "--interval", "30m",
    )  # fmt: skip
    assert code == 0, err
    assert len(json.loads(out)) > 10

    code, out, err = ta("--provider", "schwab", "chain", "AAPL", "--strikes", "2", "--type", "put")
    assert code == 0, err
    assert '"P"' in out or "put" in out.lower()
    paths = {r.path for r in fake_schwab.state.requests}
    assert {"/marketdata/v1/quotes", "/marketdata/v1/pricehistory"} <= paths
    assert "/marketdata/v1/chains" in paths


def test_an_access_token_near_expiry_is_refreshed_first(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_schwab.state.access_token_seconds = 200  # inside the adapter's 5-minute margin
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    code, _, err = ta("--provider", "schwab", "quotes", "AAPL")
    assert code == 0, err
    assert _grants(fake_schwab) == ["authorization_code", "refresh_token"]
    assert fake_schwab.state.statuses() == [200]


def test_a_401_and_a_429_are_recovered_from(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    fake_schwab.state.expire_access_tokens()
    fake_schwab.state.add_fault(Fault("rate_limited", retry_after=1), times=1)
    code, _, err = ta("--provider", "schwab", "quotes", "AAPL")
    assert code == 0, err
    assert fake_schwab.state.statuses() == [429, 401, 200]
    assert _grants(fake_schwab) == ["authorization_code", "refresh_token"]


def test_a_gateway_error_page_is_exit_5_with_a_readable_reason(
    ta: Ta, fake_schwab: FakeSchwab, monkeypatch: pytest.MonkeyPatch
) -> None:
    code, _, err, _ = headless_login(ta, fake_schwab, monkeypatch)
    assert code == 0, err
    fake_schwab.state.add_fault(Fault("html", status=403))
    code, _, err = ta("--provider", "schwab", "quotes", "AAPL")
    assert code == 5
    assert "Access Denied" in err
    assert "Schwab-Client-CorrelId" in err
    assert "<" not in err
