"""FakeClock moves only when told, and only forwards."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from trade_analyst.adapters.memory import FakeClock
from trade_analyst.ports import TradeAnalystError

START = dt.datetime(2024, 3, 10, 6, 59, tzinfo=dt.UTC)


def test_it_stands_still_until_advanced() -> None:
    clock = FakeClock(START)
    assert clock.now() == clock.now() == START
    assert clock.advance(dt.timedelta(minutes=2)) == START + dt.timedelta(minutes=2)
    assert clock.today(ZoneInfo("America/New_York")) == dt.date(2024, 3, 10)


def test_it_never_goes_back() -> None:
    clock = FakeClock(START)
    with pytest.raises(TradeAnalystError):
        clock.advance(dt.timedelta(seconds=-1))
    with pytest.raises(TradeAnalystError):
        clock.set(START - dt.timedelta(seconds=1))
    assert clock.now() == START


def test_it_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="aware"):
        FakeClock(dt.datetime(2024, 1, 1))
