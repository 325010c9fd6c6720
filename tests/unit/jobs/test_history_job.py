"""The history use case against the in-memory provider: plans, continuous series, checks."""

import datetime as dt
import itertools
from zoneinfo import ZoneInfo

import anyio
import attrs
import pytest

from trade_analyst.adapters.memory.market_data import InMemoryMarketData
from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.futures import root_calendar
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, parse_symbol
from trade_analyst.entrypoints.jobs.history import (
    SymbolHistory,
    chunks,
    fetch_history,
    plan_segments,
)
from trade_analyst.entrypoints.jobs.requests import (
    HistoryRequest,
    check_history_request,
    parse_symbols,
)
from trade_analyst.ports import InvalidInput, ProviderCapabilities

CHICAGO = ZoneInfo("America/Chicago")
TODAY = dt.date(2025, 7, 1)


def daily(symbol: str, days: list[dt.date], closes: list[float]) -> BarSeries:
    stamps = [dt.datetime.combine(d, dt.time(0), tzinfo=CHICAGO) for d in days]
    return BarSeries(
        symbol, "1d", stamps, closes, [c + 2 for c in closes], [c - 2 for c in closes], closes,
        [1000.0] * len(days),
    )  # fmt: skip


def es_sessions(start: dt.date, end: dt.date) -> list[dt.date]:
    return root_calendar("/ES").sessions(start, end)


def request(symbols, start, end, interval="1d", **kw):
    return check_history_request(
        parse_symbols(symbols, TODAY), start, end, interval, today=TODAY, **kw
    )


def collect(market, req) -> dict[str, SymbolHistory]:
    results: dict[str, SymbolHistory] = {}

    async def on_symbol(result: SymbolHistory) -> None:
        assert result.symbol not in results  # each symbol is delivered exactly once
        results[result.symbol] = result

    anyio.run(lambda: fetch_history(market, req, on_symbol=on_symbol))
    return results


def test_a_root_is_planned_as_one_segment_per_front_contract():
    req = request(["/ES"], dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    segments = plan_segments(FuturesRoot("ES"), req)
    assert [s.fetch_symbol for s in segments] == ["/ESM25", "/ESU25"]
    # ESM25 rolls on 2025-06-12 (8 days before its 2025-06-20 expiry): the September
    # contract owns the Globex session that opens the evening before, 17:00 CT.
    boundary = dt.datetime(2025, 6, 11, 17, 0, tzinfo=CHICAGO)
    assert segments[0].end == boundary
    assert segments[1].start == boundary
    assert segments[0].start == dt.datetime(2025, 6, 1, 17, 0, tzinfo=CHICAGO)


def test_continuous_series_switches_contract_on_the_roll_date_and_back_adjusts():
    days = es_sessions(dt.date(2025, 6, 2), dt.date(2025, 6, 20))
    june = daily("/ESM25", days, [6000.0 + i for i in range(len(days))])
    september = daily("/ESU25", days, [6050.0 + i for i in range(len(days))])
    market = InMemoryMarketData(bars={("/ESM25", "1d"): june, ("/ESU25", "1d"): september})

    raw = collect(market, request(["/ES"], days[0], days[-1]))["/ES"]
    labelled = [
        (stamp.astimezone(CHICAGO).date(), contract)
        for contract, bars in raw.parts()
        for stamp in bars.times()
    ]
    assert [d for d, _ in labelled] == days
    assert {c for d, c in labelled if d < dt.date(2025, 6, 12)} == {"/ESM25"}
    assert {c for d, c in labelled if d >= dt.date(2025, 6, 12)} == {"/ESU25"}

    adjusted = collect(market, request(["/ES"], days[0], days[-1], adjust="difference"))["/ES"]
    (old_contract, old), (new_contract, new) = adjusted.parts()
    assert (old_contract, new_contract) == ("/ESM25", "/ESU25")
    # The gap is 50 points on the last shared day (2025-06-11): old history moves up by it.
    assert old.close[-1] == pytest.approx(june.close[days.index(dt.date(2025, 6, 11))] + 50)
    assert tuple(new.close) == september.close[days.index(dt.date(2025, 6, 12)) :]


def test_several_symbols_are_each_delivered_once_with_their_own_bars():
    days = get_calendar("nyse").sessions(dt.date(2025, 6, 2), dt.date(2025, 6, 6))
    market = InMemoryMarketData(
        bars={
            ("AAPL", "1d"): daily("AAPL", days, [200.0] * 5),
            ("MSFT", "1d"): daily("MSFT", days, [400.0] * 5),
        }
    )
    results = collect(market, request(["AAPL", "MSFT", "AAPL"], days[0], days[-1]))
    assert sorted(results) == ["AAPL", "MSFT"]
    assert all(r.bar_count == 5 and not r.findings for r in results.values())


def test_inconsistent_bars_are_reported_not_raised():
    days = get_calendar("nyse").sessions(dt.date(2025, 6, 2), dt.date(2025, 6, 3))
    stamps = [dt.datetime.combine(d, dt.time(0), tzinfo=CHICAGO) for d in days]
    # Row 0's high (9) is below its open and close (10): inconsistent.
    broken = BarSeries("AAPL", "1d", stamps, [10.0, 10.0], [9.0, 11.0], [8.0, 9.0],
                       [10.0, 10.0], [1.0, 1.0])  # fmt: skip
    market = InMemoryMarketData(bars={("AAPL", "1d"): broken})
    result = collect(market, request(["AAPL"], days[0], days[-1]))["AAPL"]
    errors = [f for f in result.findings if f.severity == "error"]
    assert errors
    assert {f.row for f in errors} == {0}


def test_chunks_cover_the_window_exactly():
    start = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    end = dt.datetime(2025, 3, 15, 12, tzinfo=dt.UTC)
    pieces = chunks(start, end, "5m")
    assert pieces[0][0] == start
    assert pieces[-1][1] == end
    assert all(a[1] == b[0] for a, b in itertools.pairwise(pieces))


@pytest.mark.parametrize(
    ("symbols", "start", "end", "interval", "needle"),
    [
        (["AAPL"], dt.date(2025, 6, 2), dt.date(2025, 6, 1), "1d", "after --end"),
        (["/XX"], dt.date(2025, 6, 2), dt.date(2025, 6, 3), "1d", "XX"),
        (["AAPL  251219C00200000"], dt.date(2025, 6, 2), dt.date(2025, 6, 3), "1d", "options"),
        (["AAPL"], dt.date(2025, 6, 2), dt.date(2025, 6, 3), "2m", "unsupported interval"),
    ],
)
def test_bad_requests_are_refused_before_any_fetch(symbols, start, end, interval, needle):
    with pytest.raises(InvalidInput, match=needle) as failure:
        request(symbols, start, end, interval)
    assert failure.value.hint


def test_a_start_beyond_the_provider_s_reach_is_refused_before_any_fetch():
    reach = ProviderCapabilities(lookback_days={"1m": 48})
    market = InMemoryMarketData(bars={("AAPL", "1m"): BarSeries.from_bars("AAPL", "1m", ())},
                                capabilities=reach)  # fmt: skip
    req = request(["AAPL"], dt.date(2025, 1, 2), dt.date(2025, 6, 1), "1m")
    with pytest.raises(InvalidInput, match="1m bars reach back 48 days") as failure:
        collect(market, req)
    assert "--start 2025-05-14" in failure.value.hint  # 48 days before TODAY
    assert market.requests == []
    # Within the reach, and at an interval without a limit, the same provider serves.
    assert "AAPL" in collect(market, request(["AAPL"], dt.date(2025, 5, 14), TODAY, "1m"))
    assert "AAPL" in collect(market, request(["AAPL"], dt.date(2020, 1, 2), TODAY, "5m"))


def test_daily_bars_are_checked_by_the_stamp_the_provider_declares():
    days = get_calendar("nyse").sessions(dt.date(2025, 6, 2), dt.date(2025, 6, 6))  # Mon-Fri
    bars = {("AAPL", "1d"): daily("AAPL", days, [10.0] * len(days))}  # Chicago midnights

    def outside_session(zone: str) -> set[int | None]:
        market = InMemoryMarketData(
            bars=bars, capabilities=ProviderCapabilities(daily_bar_zone=zone)
        )
        result = collect(market, request(["AAPL"], days[0], days[-1]))["AAPL"]
        return {f.row for f in result.findings if f.rule_id == "bars.outside_session"}

    assert outside_session("America/Chicago") == set()
    # Read as Los Angeles midnights, Monday's bar would stand for Sunday.
    assert outside_session("America/Los_Angeles") == {0}


def test_malformed_symbols_name_the_culprit():
    with pytest.raises(InvalidInput, match="ESA25") as failure:
        parse_symbols(["AAPL", "/ESA25"], TODAY)
    assert "/ES" in failure.value.hint


def test_a_single_contract_is_one_segment_labelled_with_itself():
    req = request(["/ESZ25"], dt.date(2025, 6, 2), dt.date(2025, 6, 3))
    (segment,) = plan_segments(parse_symbol("/ESZ25"), req)
    assert segment.contract == FuturesContract("ES", 12, 2025)


def asking_previous_close(req: HistoryRequest) -> HistoryRequest:
    return attrs.evolve(req, previous_close=True)


def test_the_previous_close_is_asked_for_on_each_symbol_s_first_chunk_only():
    days = get_calendar("nyse").sessions(dt.date(2025, 2, 3), dt.date(2025, 6, 6))
    market = InMemoryMarketData(
        bars={(s, "1d"): daily(s, days, [100.0] * len(days)) for s in ("AAPL", "MSFT")}
    )
    # Hourly bars come in 62-day chunks: two per symbol.
    plain = request(["AAPL", "MSFT"], dt.date(2025, 3, 3), dt.date(2025, 6, 6), "1h")
    collect(market, plain)
    assert not any(q.previous_close for q in market.requests)
    market.requests.clear()
    collect(market, asking_previous_close(plain))
    asked = sorted((q.symbol, q.start, q.previous_close) for q in market.requests)
    assert [flag for _, _, flag in asked] == [True, False] * 2


def test_each_bar_s_previous_close_is_the_one_before_it_in_its_contract():
    days = es_sessions(dt.date(2025, 5, 28), dt.date(2025, 6, 20))
    june = daily("/ESM25", days, [6000.0 + i for i in range(len(days))])
    september = daily("/ESU25", days, [6050.0 + 2 * i for i in range(len(days))])
    market = InMemoryMarketData(bars={("/ESM25", "1d"): june, ("/ESU25", "1d"): september})
    first, last = dt.date(2025, 6, 2), days[-1]
    for adjust in ("none", "difference"):
        wanted = asking_previous_close(request(["/ES"], first, last, adjust=adjust))
        result = collect(market, wanted)["/ES"]
        closes = [c for _, bars in result.parts() for c in bars.close]
        contracts = [c for c, bars in result.parts() for _ in bars.close]
        changes = [
            None if before is None else close - before
            for close, before in zip(closes, result.previous_closes(), strict=True)
        ]
        # June's closes rise by 1 a session (also on the first bar: May 30 to June 2),
        # September's by 2; the first September bar is a roll: no change.
        roll = contracts.index("/ESU25")
        assert changes[:roll] == pytest.approx([1.0] * roll)
        assert changes[roll] is None
        assert changes[roll + 1 :] == pytest.approx([2.0] * (len(changes) - roll - 1))
    unasked = collect(market, request(["/ES"], first, last))["/ES"]
    assert unasked.previous_closes()[0] is None
