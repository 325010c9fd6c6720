"""Mock market hours (from the domain calendars), movers and instrument search."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from tests.unit.mock.conftest import provider, run
from trade_analyst.domain.calendars import nyse
from trade_analyst.domain.futures import all_roots, root_calendar
from trade_analyst.ports import (
    MARKETS,
    MOVER_INDICES,
    HoursQuery,
    InstrumentsQuery,
    InvalidInput,
    MarketHours,
    MoversQuery,
)

NEW_YORK = ZoneInfo("America/New_York")


def hours(markets: list[str], on: dt.date) -> list[MarketHours]:
    return run(lambda: provider().market_hours(HoursQuery(markets, on)))  # type: ignore[arg-type]


def test_equity_hours_on_a_half_day() -> None:
    (equity,) = hours(["equity"], dt.date(2025, 11, 28))
    local = [
        (s.kind, s.start.astimezone(NEW_YORK).time(), s.end.astimezone(NEW_YORK).time())
        for s in equity.sessions
    ]
    assert local == [
        ("pre", dt.time(4), dt.time(9, 30)),
        ("regular", dt.time(9, 30), dt.time(13)),
        ("post", dt.time(13), dt.time(17)),
    ]


def test_every_market_is_closed_on_christmas_and_listed_anyway() -> None:
    found = hours(list(MARKETS), dt.date(2025, 12, 25))
    assert {h.market for h in found} == set(MARKETS)
    assert all(not h.is_open and h.sessions == () for h in found)


def test_futures_hours_are_each_roots_globex_windows() -> None:
    day = dt.date(2025, 7, 7)  # the Monday after the July 4 halt holiday
    found = hours(["future"], day)
    assert [h.product for h in found] == list(all_roots())
    es = next(h for h in found if h.product == "ES")
    windows = tuple((s.start, s.end) for s in es.sessions)
    assert windows == root_calendar("/ES").session_windows(day)
    assert len(windows) == 2  # the halt-holiday morning belongs to this trade date


def test_option_hours_and_bond_hours() -> None:
    found = {h.product: h for h in hours(["option", "bond"], dt.date(2025, 7, 1))}
    opens, closes = nyse().session_bounds(dt.date(2025, 7, 1))
    assert (found["EQO"].sessions[0].start, found["EQO"].sessions[0].end) == (opens, closes)
    assert found["IND"].sessions[0].end == closes + dt.timedelta(minutes=15)
    assert found["BON"].is_open


@pytest.mark.parametrize(
    ("markets", "on"),
    [(["equity"], dt.date(1980, 1, 1))],
)
def test_bad_hours_requests(markets: list[str], on: dt.date) -> None:
    with pytest.raises(InvalidInput):
        hours(markets, on)


@pytest.mark.parametrize("index", MOVER_INDICES)
@pytest.mark.parametrize("sort", ["volume", "trades", "percent_change_up", "percent_change_down"])
def test_movers_are_ranked_by_the_sort_asked(index: str, sort: str) -> None:
    movers = run(lambda: provider().movers(MoversQuery(index, sort)))  # type: ignore[arg-type]
    assert len(movers) <= 10
    keys = {
        "volume": lambda m: -(m.volume or 0),
        "trades": lambda m: -(m.trades or 0),
        "percent_change_up": lambda m: -(m.net_percent_change or 0),
        "percent_change_down": lambda m: m.net_percent_change or 0,
    }
    assert movers == sorted(movers, key=keys[sort])
    if sort == "percent_change_up":
        assert all((m.net_percent_change or 0) > 0 for m in movers)


def test_dow_movers_are_dow_members() -> None:
    movers = run(lambda: provider().movers(MoversQuery("$DJI")))
    assert movers
    assert "TSLA" not in {m.symbol for m in movers}
    assert all(
        m.net_percent_change == pytest.approx(m.net_change / (m.last - m.net_change), abs=1e-6)
        for m in movers
    )  # type: ignore[operator]


@pytest.mark.parametrize(
    ("query", "search", "expected"),
    [
        ("aapl", "symbol", ["AAPL"]),
        ("/ES", "symbol", ["/ES"]),
        ("ES", "symbol", ["ES"]),
        ("apple", "description", ["AAPL"]),
        ("S&P 500", "description", ["SPY", "$SPX", "/ES", "/MES"]),
        ("/M.*", "symbol_regex", ["/MES", "/MNQ", "/M2K", "/MYM", "/MCL", "/MGC", "/MBT"]),
        (
            "^Micro",
            "description_regex",
            ["MSFT", "/MES", "/MNQ", "/M2K", "/MYM", "/MCL", "/MGC", "/SIL", "/MBT"],
        ),
        ("nothing like it", "description", []),
    ],
)
def test_instrument_search(query: str, search: str, expected: list[str]) -> None:
    found = run(lambda: provider().instruments(InstrumentsQuery(query, search)))  # type: ignore[arg-type]
    assert [i.symbol for i in found] == expected


@pytest.mark.parametrize(("query", "search"), [("(", "symbol_regex"), ("[", "description_regex")])
def test_bad_searches(query: str, search: str) -> None:
    with pytest.raises(InvalidInput):
        run(lambda: provider().instruments(InstrumentsQuery(query, search)))  # type: ignore[arg-type]
