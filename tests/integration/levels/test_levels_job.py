"""The levels use case on the mock provider (fixed clock) and on in-memory fakes.

Reference values are recomputed here from the provider's bars with the textbook formulas,
never taken from the code under test.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import anyio
import pytest

from trade_analyst.adapters.memory import FakeClock, InMemoryMarketData
from trade_analyst.adapters.mock import MockMarketData
from trade_analyst.domain.futures import front_month, root_calendar
from trade_analyst.domain.models import Bar, BarSeries
from trade_analyst.domain.symbols import parse_symbol
from trade_analyst.entrypoints.jobs.levels import LevelsRequest, compute_levels
from trade_analyst.entrypoints.schemas.levels_v1 import levels_v1_document
from trade_analyst.ports import HistoryQuery, InvalidInput, NoData, ProviderCapabilities

pytestmark = pytest.mark.integration

NY = ZoneInfo("America/New_York")
NOW = dt.datetime(2025, 7, 10, 16, 0, tzinfo=dt.UTC)
TODAY = dt.date(2025, 7, 10)


def run_levels(market, text, day, **options):
    request = LevelsRequest(parse_symbol(text, today=TODAY), text, day, **options)
    return anyio.run(
        lambda: compute_levels(market, request, today=TODAY, synthetic=market.name == "mock")
    )


@pytest.fixture
def mock():
    return MockMarketData(clock=FakeClock(NOW))


def fetch(market, symbol, start, end, interval, session="regular"):
    query = HistoryQuery(symbol, start, end, interval, session)
    return anyio.run(lambda: market.price_history(query)).to_series()


def ny(day, hour, minute=0):
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=NY).astimezone(dt.UTC)


def daily_bar_on(market, symbol, day):
    """The provider's daily bar of ``day`` (equities: stamped on that New York date)."""
    series = fetch(
        market, symbol, ny(day, 0) - dt.timedelta(days=3), ny(day, 0) + dt.timedelta(days=3), "1d"
    )
    found = [b for b in series.bars() if b.timestamp.astimezone(NY).date() == day]
    assert len(found) == 1
    return found[0]


def reference_vwap(bars):
    """Σ((o+h+l+c)/4 · v) / Σ v, and the volume-weighted deviation around it."""
    prices = [((b.open + b.high + b.low + b.close) / 4, b.volume) for b in bars]
    volume = sum(v for _, v in prices)
    vwap = sum(p * v for p, v in prices) / volume
    sigma = (sum(v * (p - vwap) ** 2 for p, v in prices) / volume) ** 0.5
    return vwap, sigma


def test_equity_pivots_come_from_the_prior_sessions_daily_bar(mock):
    day = dt.date(2025, 6, 24)
    result = run_levels(mock, "AAPL", day)
    prior = daily_bar_on(mock, "AAPL", dt.date(2025, 6, 23))
    assert result.prior_date == dt.date(2025, 6, 23)
    assert result.prior_bar == prior
    pivot = (prior.high + prior.low + prior.close) / 3
    assert result.levels.pivot == pytest.approx(pivot)
    assert result.levels.r1 == pytest.approx(2 * pivot - prior.low)
    assert result.levels.s1 == pytest.approx(2 * pivot - prior.high)
    assert result.levels.r2 == pytest.approx(pivot + prior.high - prior.low)


def test_equity_vwap_covers_the_regular_session_of_d(mock):
    day = dt.date(2025, 6, 24)
    result = run_levels(mock, "AAPL", day)
    bars = list(fetch(mock, "AAPL", ny(day, 9, 30), ny(day, 16), "1m").bars())
    vwap, sigma = reference_vwap(bars)
    assert result.vwap.vwap == pytest.approx(vwap)
    assert result.vwap.stdev == pytest.approx(sigma)
    assert result.vwap.upper_2 == pytest.approx(vwap + 2 * sigma)
    assert min(b.low for b in bars) <= result.vwap.vwap <= max(b.high for b in bars)
    assert (result.interval, result.bars_expected, result.bars_received) == ("1m", 390, 390)
    assert result.coverage_pct == 100.0
    assert result.vwap_method == "bars_1m_ohlc4"
    assert (result.span.start, result.span.end) == (ny(day, 9, 30), ny(day, 16))


@pytest.mark.parametrize(
    ("day", "prior"),
    [
        (dt.date(2025, 6, 23), dt.date(2025, 6, 20)),  # Monday: the Friday before
        (dt.date(2025, 7, 7), dt.date(2025, 7, 3)),  # after Independence Day
        (dt.date(2025, 1, 10), dt.date(2025, 1, 8)),  # after the Carter day of mourning
    ],
)
def test_the_prior_session_skips_weekends_and_closures(mock, day, prior):
    assert run_levels(mock, "MSFT", day).prior_date == prior


def test_an_early_close_shortens_the_vwap_window(mock):
    result = run_levels(mock, "AAPL", dt.date(2025, 7, 3))
    assert result.span.end == ny(dt.date(2025, 7, 3), 13)
    assert (result.bars_expected, result.bars_received) == (210, 210)
    assert "09:30–13:00" in result.span.label


def test_a_futures_root_resolves_to_its_front_contract_on_d(mock):
    day = dt.date(2025, 6, 13)  # the June/September roll week of the equity indices
    result = run_levels(mock, "/ES", day)
    contract = front_month("ES", day, "auto")
    assert result.contract == contract
    assert result.symbol == str(contract)
    assert {r.symbol for r in result.requests} == {str(contract)}
    assert result.prior_date == root_calendar("/ES").previous_session(day)


def test_futures_extended_vwap_spans_the_whole_globex_session(mock):
    day = dt.date(2025, 6, 24)
    result = run_levels(mock, "/ESU25", day, session="extended")
    calendar = root_calendar("/ES")
    windows = calendar.session_windows(day)
    minutes = sum((b - a).total_seconds() / 60 for a, b in windows)
    assert (result.span.start, result.span.end) == calendar.session_bounds(day)
    assert result.span.start.astimezone(ZoneInfo("America/Chicago")).hour == 17  # evening before
    assert result.bars_expected == minutes
    bars = [
        b
        for b in fetch(mock, "/ESU25", *calendar.session_bounds(day), "1m", "extended").bars()
        if any(a <= b.timestamp < e for a, e in windows)
    ]
    assert result.vwap.vwap == pytest.approx(reference_vwap(bars)[0])


def test_futures_regular_vwap_is_0930_to_1600_new_york(mock):
    day = dt.date(2025, 6, 24)
    result = run_levels(mock, "/ESU25", day)
    assert (result.span.start, result.span.end) == (ny(day, 9, 30), ny(day, 16))
    assert result.bars_expected == 390


def test_the_five_minute_bars_serve_older_dates(mock):
    result = run_levels(mock, "AAPL", dt.date(2025, 4, 22))  # 79 days before TODAY
    assert (result.interval, result.bars_expected, result.bars_received) == ("5m", 78, 78)
    assert result.vwap_method == "bars_5m_ohlc4"


def test_beyond_the_intraday_lookback_vwap_is_null_with_the_reason(mock, levels_v1):
    result = run_levels(mock, "AAPL", dt.date(2024, 6, 24))
    assert result.vwap is None
    assert "reach back 270 days" in result.vwap_reason
    assert len(result.requests) == 1  # no intraday request was made
    document = levels_v1_document(result, NOW)
    levels_v1.validate(document)
    assert document["levels"]["VWAP"] is None
    assert document["quality"]["vwap_method"] == "unavailable"
    assert document["quality"]["coverage_pct"] == 0.0


def test_a_holiday_is_no_data_naming_the_dates_looked_for(mock):
    with pytest.raises(NoData) as raised:
        run_levels(mock, "AAPL", dt.date(2025, 7, 4))
    assert "2025-07-04" in raised.value.message
    assert "2025-07-03" in raised.value.message


# -- in-memory fakes: exactly the bars we say -------------------------------------------


def daily(symbol, *rows):
    return BarSeries.from_bars(
        symbol, "1d", [Bar(ny(day, 0) + dt.timedelta(hours=1), *ohlcv) for day, ohlcv in rows]
    )


def test_pivots_never_use_d_s_own_bar():
    # The earlier tool took the last candle up to D, i.e. D's own: here D's bar is wildly
    # different, so using it would show.
    market = InMemoryMarketData(
        bars={
            ("XYZ", "1d"): daily(
                "XYZ",
                (dt.date(2025, 6, 23), (169.0, 170.0, 168.0, 169.5, 1000.0)),
                (dt.date(2025, 6, 24), (300.0, 400.0, 250.0, 390.0, 1000.0)),
            ),
            ("XYZ", "1m"): BarSeries.from_bars("XYZ", "1m", ()),
        }
    )
    result = run_levels(market, "XYZ", dt.date(2025, 6, 24))
    assert result.levels.pivot == pytest.approx(169.166667, abs=1e-6)
    assert result.levels.r1 == pytest.approx(170.333333, abs=1e-6)
    assert result.levels.s1 == pytest.approx(168.333333, abs=1e-6)


def test_no_intraday_bars_give_a_null_vwap_with_a_reason(levels_v1):
    market = InMemoryMarketData(
        bars={
            ("XYZ", "1d"): daily("XYZ", (dt.date(2025, 6, 23), (10.0, 11.0, 9.0, 10.5, 5.0))),
            ("XYZ", "1m"): BarSeries.from_bars("XYZ", "1m", ()),
        }
    )
    result = run_levels(market, "XYZ", dt.date(2025, 6, 24))
    assert result.vwap is None
    assert "no 1m bars" in result.vwap_reason
    assert (result.bars_expected, result.bars_received, result.coverage_pct) == (390, 0, 0.0)
    document = levels_v1_document(result, NOW)
    levels_v1.validate(document)
    assert document["vwap"]["unavailable_reason"] == result.vwap_reason
    assert document["provenance"]["is_synthetic"] is False


def test_partial_coverage_is_reported():
    day = dt.date(2025, 6, 24)
    minutes = [
        Bar(ny(day, 9, 30) + dt.timedelta(minutes=i), 10.0, 10.5, 9.5, 10.0, 100.0)
        for i in range(39)
    ]
    market = InMemoryMarketData(
        bars={
            ("XYZ", "1d"): daily("XYZ", (dt.date(2025, 6, 23), (10.0, 11.0, 9.0, 10.5, 5.0))),
            ("XYZ", "1m"): BarSeries.from_bars("XYZ", "1m", minutes),
        }
    )
    result = run_levels(market, "XYZ", day)
    assert (result.bars_received, result.coverage_pct) == (39, 10.0)
    assert result.vwap.vwap == pytest.approx(10.0)


def test_the_intraday_interval_follows_the_reach_the_provider_declares():
    day = dt.date(2025, 6, 24)  # 16 days before TODAY
    bars = {
        ("XYZ", "1d"): daily("XYZ", (dt.date(2025, 6, 23), (10.0, 11.0, 9.0, 10.5, 5.0))),
        ("XYZ", "1m"): BarSeries.from_bars("XYZ", "1m", ()),
        ("XYZ", "5m"): BarSeries.from_bars("XYZ", "5m", ()),
    }

    def reaching(one_minute: int, five_minutes: int) -> InMemoryMarketData:
        lookback = {"1m": one_minute, "5m": five_minutes}
        return InMemoryMarketData(
            bars=bars, capabilities=ProviderCapabilities(lookback_days=lookback)
        )

    assert run_levels(reaching(16, 16), "XYZ", day).interval == "1m"
    assert run_levels(reaching(15, 16), "XYZ", day).interval == "5m"
    result = run_levels(reaching(10, 15), "XYZ", day)
    assert result.interval is None
    assert result.vwap_reason == "intraday bars reach back 15 days; 2025-06-24 is 16 days ago"


def test_a_missing_prior_bar_is_no_data_naming_both_dates():
    market = InMemoryMarketData(
        bars={("XYZ", "1d"): daily("XYZ", (dt.date(2025, 6, 24), (10.0, 11.0, 9.0, 10.5, 5.0)))}
    )
    with pytest.raises(NoData) as raised:
        run_levels(market, "XYZ", dt.date(2025, 6, 24))
    assert "2025-06-23" in raised.value.message
    assert "2025-06-24" in raised.value.message


# -- every document validates -----------------------------------------------------------


@pytest.mark.parametrize("kind", ["classic", "fibonacci", "camarilla", "woodie", "demark"])
@pytest.mark.parametrize(
    ("symbol", "session"),
    [("AAPL", "regular"), ("AAPL", "extended"), ("$SPX", "regular"), ("/ES", "extended"),
     ("/CLQ25", "regular")],
)  # fmt: skip
def test_every_levels_v1_document_validates(mock, levels_v1, kind, symbol, session):
    result = run_levels(mock, symbol, dt.date(2025, 6, 24), kind=kind, session=session)
    document = levels_v1_document(result, NOW)
    levels_v1.validate(document)
    assert document["pivot_kind"] == kind
    assert document["session"] == ("eth" if session == "extended" else "rth")
    assert document["provenance"]["is_synthetic"] is True
    assert document["provenance"]["provider"] == "mock"
    assert document["provenance"]["request_ids"] == [r.id for r in result.requests]
    if symbol.startswith("/"):
        assert document["contract"]["contract"] == result.symbol
    else:
        assert document["contract"] is None


def test_the_schema_rejects_what_it_should(mock, levels_v1):
    document = levels_v1_document(run_levels(mock, "AAPL", dt.date(2025, 6, 24)), NOW)
    broken = {**document, "surprise": 1}
    assert not levels_v1.is_valid(broken)
    missing = {k: v for k, v in document.items() if k != "provenance"}
    assert not levels_v1.is_valid(missing)
    no_reason = {**document, "vwap": {**document["vwap"], "value": None}}
    assert not levels_v1.is_valid(no_reason)  # a null VWAP must say why


def test_futures_regular_hours_end_at_an_early_globex_close():
    # The day after Thanksgiving CME equity futures stop at 12:15 CT (13:15 ET).
    day, today = dt.date(2025, 11, 28), dt.date(2025, 12, 5)
    market = MockMarketData(clock=FakeClock(dt.datetime(2025, 12, 5, 12, tzinfo=dt.UTC)))
    request = LevelsRequest(parse_symbol("/ESZ25"), "/ESZ25", day)
    result = anyio.run(lambda: compute_levels(market, request, today=today, synthetic=True))
    assert (result.span.start, result.span.end) == (ny(day, 9, 30), ny(day, 13, 15))
    assert result.bars_expected == 225
    assert "09:30–13:15" in result.span.label
    assert result.prior_date == dt.date(2025, 11, 26)  # Thanksgiving is no CME trade date


def test_equity_extended_hours_end_at_17_after_a_half_day(mock):
    day = dt.date(2025, 7, 3)
    result = run_levels(mock, "AAPL", day, session="extended")
    assert (result.span.start, result.span.end) == (ny(day, 4), ny(day, 17))
    assert (result.bars_expected, result.bars_received) == (780, 780)


def test_an_index_has_no_extended_hours(mock):
    day = dt.date(2025, 6, 24)
    result = run_levels(mock, "$SPX", day, session="extended")
    assert (result.span.start, result.span.end) == (ny(day, 9, 30), ny(day, 16))
    assert result.coverage_pct == 100.0


# -- anchored VWAP ----------------------------------------------------------------------


def regular_bars(market, symbol, days, interval="1m"):
    """The provider's bars of each day's 09:30-16:00 New York session, fetched day by day."""
    return [
        b
        for day in days
        for b in fetch(market, symbol, ny(day, 9, 30), ny(day, 16), interval).bars()
    ]


def test_anchored_vwap_covers_every_session_from_the_anchor_through_d(mock, levels_v1):
    anchor, day = dt.date(2025, 6, 20), dt.date(2025, 6, 24)  # Friday through Tuesday
    result = run_levels(mock, "AAPL", day, anchor=anchor)
    bars = regular_bars(mock, "AAPL", [anchor, dt.date(2025, 6, 23), day])
    vwap, sigma = reference_vwap(bars)
    assert result.vwap.vwap == pytest.approx(vwap)
    assert result.vwap.stdev == pytest.approx(sigma)
    assert result.vwap.lower_1 == pytest.approx(vwap - sigma)
    assert min(b.low for b in bars) <= result.vwap.vwap <= max(b.high for b in bars)
    assert (result.span.start, result.span.end) == (ny(anchor, 9, 30), ny(day, 16))
    assert len(result.span.windows) == 3  # nights and the weekend are not in the window
    assert (result.interval, result.bars_expected, result.bars_received) == ("1m", 1170, 1170)
    assert (result.sessions, result.vwap_kind, result.notes) == (3, "anchored", ())
    # The pivots are those of D, as without an anchor.
    assert result.levels == run_levels(mock, "AAPL", day).levels
    document = levels_v1_document(result, NOW)
    levels_v1.validate(document)
    assert document["vwap_kind"] == "anchored"
    assert document["input"]["anchor"] == "2025-06-20"
    assert document["notes"] == []
    assert document["quality"]["bars_expected"] == 1170
    assert document["provenance"]["session_start"] == "2025-06-20T13:30:00Z"
    assert "(3 sessions)" in document["provenance"]["session_window"]


def test_anchored_on_d_is_the_session_vwap(mock):
    day = dt.date(2025, 6, 24)
    anchored = run_levels(mock, "AAPL", day, anchor=day)
    session = run_levels(mock, "AAPL", day)
    assert anchored.vwap == session.vwap
    assert (anchored.bars_expected, anchored.span) == (session.bars_expected, session.span)
    assert (anchored.vwap_kind, session.vwap_kind) == ("anchored", "session")


def test_an_anchored_window_skips_holidays_and_honours_early_closes(mock):
    # 2025-07-02, the 07-03 half day (to 13:00), the 07-04 holiday, the weekend, 07-07.
    result = run_levels(mock, "AAPL", dt.date(2025, 7, 7), anchor=dt.date(2025, 7, 2))
    assert result.sessions == 3
    assert (result.bars_expected, result.bars_received) == (390 + 210 + 390, 990)
    assert result.span.windows[1] == (ny(dt.date(2025, 7, 3), 9, 30), ny(dt.date(2025, 7, 3), 13))


def test_an_anchor_beyond_the_one_minute_lookback_uses_five_minute_bars(mock):
    anchor, day = dt.date(2025, 5, 20), dt.date(2025, 5, 22)  # anchor 51 days before TODAY
    result = run_levels(mock, "AAPL", day, anchor=anchor)
    bars = regular_bars(mock, "AAPL", [anchor, dt.date(2025, 5, 21), day], "5m")
    assert (result.interval, result.bars_expected, result.bars_received) == ("5m", 234, 234)
    assert result.vwap.vwap == pytest.approx(reference_vwap(bars)[0])
    assert result.vwap_method == "bars_5m_ohlc4"


def test_an_anchor_beyond_the_intraday_lookback_nulls_the_vwap_with_the_reason(mock, levels_v1):
    result = run_levels(mock, "AAPL", dt.date(2025, 6, 24), anchor=dt.date(2024, 10, 1))
    assert result.vwap is None
    assert "reach back 270 days; the anchor 2024-10-01 is 282 days ago" in result.vwap_reason
    assert len(result.requests) == 1  # the prior daily bar only
    document = levels_v1_document(result, NOW)
    levels_v1.validate(document)
    assert document["vwap"]["value"] is None
    assert document["input"]["anchor"] == "2024-10-01"


def test_a_futures_root_keeps_d_s_front_contract_for_the_whole_window(mock, levels_v1):
    # The ES June contract rolled to September in the week of 2025-06-13.
    anchor, day = dt.date(2025, 6, 9), dt.date(2025, 6, 24)
    result = run_levels(mock, "/ES", day, anchor=anchor, session="extended")
    front_on_d, front_on_anchor = front_month("ES", day, "auto"), front_month("ES", anchor, "auto")
    assert front_on_d != front_on_anchor
    assert {r.symbol for r in result.requests} == {str(front_on_d)}
    calendar = root_calendar("/ES")
    days = calendar.sessions(anchor, day)
    windows = [w for d in days for w in calendar.session_windows(d)]
    assert result.span.windows == tuple(windows)
    assert result.span.start == calendar.session_bounds(anchor)[0]  # Sunday evening, Chicago
    bars = [
        b
        for b in fetch(
            mock, str(front_on_d), windows[0][0], windows[-1][1], "1m", "extended"
        ).bars()
        if any(a <= b.timestamp < e for a, e in windows)
    ]
    assert result.vwap.vwap == pytest.approx(reference_vwap(bars)[0])
    assert result.bars_expected == sum((e - a).total_seconds() / 60 for a, e in windows)
    (note,) = result.notes
    assert f"uses {front_on_d} for every session from 2025-06-09" in note
    assert f"front contract on 2025-06-09 was {front_on_anchor}" in note
    document = levels_v1_document(result, NOW)
    levels_v1.validate(document)
    assert document["notes"] == [note]
    assert document["contract"]["contract"] == str(front_on_d)


def test_a_named_contract_needs_no_note(mock):
    result = run_levels(mock, "/ESU25", dt.date(2025, 6, 24), anchor=dt.date(2025, 6, 20))
    assert result.notes == ()
    assert result.bars_expected == 3 * 390


@pytest.mark.parametrize(
    ("anchor", "words"),
    [
        (dt.date(2025, 6, 25), ["after --date 2025-06-24"]),
        (dt.date(2025, 6, 21), ["2025-06-21 is not a nyse session"]),  # a Saturday
        (dt.date(2025, 6, 19), ["2025-06-19 is not a nyse session"]),  # Juneteenth
    ],
)
def test_an_anchor_after_d_or_off_session_is_invalid_input(mock, anchor, words):
    with pytest.raises(InvalidInput) as raised:
        run_levels(mock, "AAPL", dt.date(2025, 6, 24), anchor=anchor)
    for word in words:
        assert word in raised.value.message
    assert raised.value.hint


def test_the_schema_ties_the_anchor_to_the_vwap_kind(mock, levels_v1):
    day = dt.date(2025, 6, 24)
    session = levels_v1_document(run_levels(mock, "AAPL", day), NOW)
    anchored = levels_v1_document(run_levels(mock, "AAPL", day, anchor=day), NOW)
    assert "notes" not in session
    assert session["input"]["anchor"] is None
    levels_v1.validate(anchored)
    assert not levels_v1.is_valid({**anchored, "input": {**anchored["input"], "anchor": None}})
    assert not levels_v1.is_valid({k: v for k, v in anchored.items() if k != "notes"})
    assert not levels_v1.is_valid({**session, "input": {**session["input"], "anchor": str(day)}})
    assert not levels_v1.is_valid({**session, "notes": []})
