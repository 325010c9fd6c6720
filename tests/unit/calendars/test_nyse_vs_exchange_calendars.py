"""Exhaustive comparison with exchange_calendars' XNYS (a test-only oracle), 1990-2060.

No deliberate differences: every session, every early close (date and time) and every
open/close agree.
"""

import warnings
from datetime import date, datetime

import attrs
import pytest

from trade_analyst.domain.calendars import _clear_caches, get_calendar

xcals = pytest.importorskip("exchange_calendars")

START, END = date(1990, 1, 1), date(2060, 12, 31)


@attrs.frozen
class Oracle:
    sessions: list[date]
    bounds: dict[date, tuple[datetime, datetime]]
    early_closes: dict[date, datetime]


@pytest.fixture(scope="module")
def xnys() -> Oracle:
    # xcals 4.13.2 trips pandas 3.x deprecation warnings, which our config turns into
    # errors; they are the oracle's business, not ours.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        cal = xcals.get_calendar("XNYS", start=START.isoformat(), end=END.isoformat())
        schedule = cal.schedule
        bounds = {
            ts.date(): (o.to_pydatetime(), c.to_pydatetime())
            for ts, o, c in zip(schedule.index, schedule["open"], schedule["close"], strict=True)
        }
        early = {ts.date(): bounds[ts.date()][1] for ts in cal.early_closes}
    return Oracle(list(bounds), bounds, early)


@pytest.mark.slow
def test_every_session_matches(xnys: Oracle) -> None:
    _clear_caches()  # compare a cold build, not whatever other tests left behind
    assert xnys.sessions[0] == date(1990, 1, 2)  # xcals really covers the whole range
    assert xnys.sessions[-1] == date(2060, 12, 31)
    assert get_calendar("nyse").sessions(START, END) == xnys.sessions


@pytest.mark.slow
def test_every_early_close_matches_date_and_time(xnys: Oracle) -> None:
    ours = {e.date: e.close_utc for e in get_calendar("nyse").early_closes(START, END)}
    assert len(ours) > 100
    assert ours == xnys.early_closes


@pytest.mark.slow
def test_every_session_open_and_close_matches(xnys: Oracle) -> None:
    nyse = get_calendar("nyse")
    ours = {d: nyse.session_bounds(d) for d in nyse.sessions(START, END)}
    assert ours == xnys.bounds
