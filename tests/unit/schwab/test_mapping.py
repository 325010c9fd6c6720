"""Schwab JSON to port and domain types: sentinels, units, real field names, odd shapes."""

import datetime as dt
import math
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.schwab.mapping import history
from trade_analyst.adapters.schwab.mapping.hours import map_hours
from trade_analyst.adapters.schwab.mapping.lists import map_instruments, map_movers
from trade_analyst.adapters.schwab.mapping.options import map_chain, map_expirations
from trade_analyst.adapters.schwab.mapping.quotes import map_quotes
from trade_analyst.adapters.schwab.mapping.values import ms_time, number, whole
from trade_analyst.ports import NoData, ProviderError, from_epoch_ms, to_epoch_ms

T0 = dt.datetime(2024, 3, 4, 14, 30, tzinfo=dt.UTC)
T0_MS = to_epoch_ms(T0)
MINUTE_MS, DAY_MS = 60_000, 86_400_000


@given(st.sampled_from([-999, -999.0, "-999", "NaN", "nan", float("nan"), float("inf"), None]))
def test_sentinels_and_non_numbers_become_none(value: object) -> None:
    assert number(value) is None
    assert whole(value) is None


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda x: x != -999))
def test_other_numbers_pass_unchanged(value: float) -> None:
    assert number(value) == value


def test_booleans_are_not_numbers_and_zero_times_are_absent() -> None:
    assert number(True) is None
    assert ms_time(0) is None
    assert ms_time(1_700_000_000_000) == dt.datetime(2023, 11, 14, 22, 13, 20, tzinfo=dt.UTC)


EQUITY = {
    "assetMainType": "EQUITY",
    "symbol": "AAPL",
    "quote": {
        "bidPrice": 266.18,
        "askPrice": 266.21,
        "lastPrice": 266.21,
        "mark": 266.21,
        "bidSize": 500,
        "askSize": 200,
        "totalVolume": 13584908,
        "openPrice": 263.6,
        "highPrice": 266.22,
        "lowPrice": 262.45,
        "closePrice": 263.88,
        "netChange": 2.33,
        "quoteTime": 1771432265259,
        "tradeTime": 1771432265200,
    },
}
FUTURE_ROOT = {
    "assetMainType": "FUTURE",
    "symbol": "/ESZ25",
    "quote": {"bidPrice": 4694.25, "askPrice": 4694.5, "lastPrice": 4694.5, "askTime": 0},
    "reference": {"futureActiveSymbol": "/ESZ25", "product": "/ES"},
}


def test_quotes_come_in_request_order_with_unknowns_listed() -> None:
    payload = {
        "AAPL": EQUITY,
        "/ES": FUTURE_ROOT,
        "errors": {"invalidSymbols": ["NOPE"]},
    }
    quotes, invalid = map_quotes(payload, ["/ES", "NOPE", "AAPL", "MISSING"])
    assert [q.symbol for q in quotes] == ["/ES", "AAPL"]
    assert invalid == ["NOPE", "MISSING"]
    es, aapl = quotes
    assert es.contract == "/ESZ25"
    assert es.asset_type == "FUTURE"
    assert aapl.contract is None
    assert (aapl.bid, aapl.ask, aapl.last, aapl.volume) == (266.18, 266.21, 266.21, 13584908)
    assert aapl.quote_time == dt.datetime(2026, 2, 18, 16, 31, 5, 259000, tzinfo=dt.UTC)
    assert all(q.provider == "schwab" and not q.synthetic for q in quotes)


def test_a_quote_keyed_in_another_spelling_is_still_found() -> None:
    quotes, invalid = map_quotes({"AAPL": EQUITY}, ["aapl"])
    assert invalid == []
    assert quotes[0].symbol == "aapl"


def _contract(**fields: object) -> dict[str, object]:
    base: dict[str, object] = {
        "putCall": "CALL",
        "symbol": "AAPL  260218C00265000",
        "bid": 1.51,
        "ask": 1.55,
        "last": 1.5,
        "mark": 1.53,
        "totalVolume": 34197,
        "openInterest": 5738,
        "volatility": 33.377,
        "delta": 0.725,
        "gamma": 0.164,
        "theta": -0.35,
        "vega": -999.0,
        "rho": 0.001,
        "strikePrice": 265.0,
        "expirationDate": "2026-02-18T21:00:00.000+00:00",
        "inTheMoney": True,
    }
    base.update(fields)
    return base


def test_chain_contracts_use_real_field_names_fraction_iv_and_no_sentinels() -> None:
    payload = {
        "symbol": "AAPL",
        "status": "SUCCESS",
        "underlyingPrice": 266.16,
        "callExpDateMap": {"2026-02-18:0": {"265.0": [_contract()]}},
        "putExpDateMap": {
            "2026-02-18:0": {"265.0": [_contract(putCall="PUT", symbol="AAPL  260218P00265000")]}
        },
    }
    chain = map_chain(payload, "AAPL")
    assert chain.underlying_price == 266.16
    assert [c.right for c in chain.contracts] == ["C", "P"]
    call = chain.contracts[0]
    assert call.expiration == dt.date(2026, 2, 18)
    assert call.strike == 265.0
    assert (call.bid, call.ask, call.last, call.mark) == (1.51, 1.55, 1.5, 1.53)
    assert call.implied_volatility is not None
    assert math.isclose(call.implied_volatility, 0.33377)
    assert call.vega is None
    assert call.in_the_money is True
    assert (call.volume, call.open_interest) == (34197, 5738)


def test_an_empty_side_and_a_failed_chain() -> None:
    empty = map_chain({"symbol": "AAPL", "status": "SUCCESS", "callExpDateMap": {}}, "AAPL")
    assert len(empty) == 0
    with pytest.raises(NoData):
        map_chain({"symbol": "XX", "status": "FAILED", "callExpDateMap": {}}, "XX")


def test_expirations_read_the_real_and_the_spec_field_names() -> None:
    payload = {
        "expirationList": [
            {"expirationDate": "2024-10-25", "daysToExpiration": 7},
            {"expiration": "2024-10-18", "daysToExpiration": 0},
            {"expirationDate": "2024-10-25"},
        ]
    }
    assert map_expirations(payload) == [dt.date(2024, 10, 18), dt.date(2024, 10, 25)]


def test_market_hours_open_and_closed_days() -> None:
    payload = {
        "equity": {
            "EQ": {
                "date": "2024-10-18",
                "marketType": "EQUITY",
                "product": "EQ",
                "productName": "equity",
                "isOpen": True,
                "sessionHours": {
                    "regularMarket": [
                        {"start": "2024-10-18T09:30:00-04:00", "end": "2024-10-18T16:00:00-04:00"}
                    ],
                    "preMarket": [
                        {"start": "2024-10-18T07:00:00-04:00", "end": "2024-10-18T09:30:00-04:00"}
                    ],
                },
            }
        },
        "option": {"option": {"date": "2024-10-18", "product": "option", "isOpen": False}},
    }
    hours = map_hours(payload, ["equity", "option"], dt.date(2024, 10, 18))
    equity, option = hours
    assert [s.kind for s in equity.sessions] == ["pre", "regular"]
    assert equity.sessions[1].start == dt.datetime(2024, 10, 18, 13, 30, tzinfo=dt.UTC)
    assert equity.product_name == "equity"
    assert not option.is_open
    assert option.sessions == ()


def test_movers_read_the_real_screener_shape() -> None:
    payload = {
        "screeners": [
            {
                "description": "NVIDIA CORP",
                "volume": 79190778,
                "lastPrice": 189.29,
                "netChange": 4.32,
                "marketShare": 6.63,
                "totalVolume": 1194251880,
                "trades": 1531111,
                "netPercentChange": 0.0234,
                "symbol": "NVDA",
            }
        ]
    }
    (mover,) = map_movers(payload)
    assert (mover.symbol, mover.last, mover.net_percent_change) == ("NVDA", 189.29, 0.0234)
    assert (mover.volume, mover.total_volume, mover.trades) == (79190778, 1194251880, 1531111)


@pytest.mark.parametrize(
    "payload",
    [
        {"instruments": [{"cusip": "037833100", "symbol": "AAPL", "assetType": "EQUITY"}]},
        {"cusip": "037833100", "symbol": "AAPL", "assetType": "EQUITY"},
    ],
)
def test_instruments_wrapped_or_bare(payload: object) -> None:
    (found,) = map_instruments(payload)
    assert (found.symbol, found.cusip, found.asset_type) == ("AAPL", "037833100", "EQUITY")


@pytest.mark.parametrize(
    ("read", "payload"),
    [(map_movers, {"screeners": {"symbol": "NVDA"}}), (map_instruments, {"instruments": "AAPL"})],
)
def test_a_list_answer_without_a_list_is_a_provider_error(read, payload) -> None:
    with pytest.raises(ProviderError, match=r"^Schwab answered .* without a"):
        read(payload)


def test_list_entries_without_a_symbol_are_skipped() -> None:
    entries = [{"description": "no symbol"}, "not an object", {"symbol": ""}, {"symbol": "AAPL"}]
    assert [m.symbol for m in map_movers({"screeners": entries})] == ["AAPL"]
    assert [i.symbol for i in map_instruments({"instruments": entries})] == ["AAPL"]


def test_a_candle_without_prices_is_a_provider_error() -> None:
    with pytest.raises(ProviderError):
        history.candle_columns({"candles": [{"datetime": 1, "open": 1.0}]}, "x")


candle_values = st.one_of(
    st.integers(-1000, 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([-999, -999.0, True, "12.5", "NaN", None, 1e308]),
)
candle_stamps = st.one_of(
    st.integers(1, 2**33 * 1000 + 10), st.sampled_from([0, -5, 1.5, 2.0, "7", None, True])
)
candles = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"datetime": candle_stamps},
            optional={name: candle_values for name in ("open", "high", "low", "close", "volume")},
        ),
        st.builds(
            lambda stamp, prices, volume: {
                "datetime": stamp,
                **dict(zip(("open", "high", "low", "close"), prices, strict=True)),
                "volume": volume,
            },
            st.integers(1, 4 * 10**12),
            st.lists(st.floats(0.01, 1e6), min_size=4, max_size=4),
            st.integers(0, 10**9),
        ),
        st.just(5),
    ),
    max_size=6,
)


@given(candles)
def test_candles_read_field_by_field_as_value_by_value(body: list[object]) -> None:
    # The plain-number fast path must give exactly what reading each value gives.
    def read(reader):  # type: ignore[no-untyped-def]
        try:
            return reader(body, "x")
        except ProviderError as error:
            return str(error)

    plain = history._plain_candle_columns(body)
    fast = None if plain is None else plain.rows()
    slow = read(history._checked_candle_rows)
    if fast is not None:
        assert fast == slow
        assert all(type(t) is int and t > 0 for t, *_ in fast)
    assert (
        read(lambda candles, what: history.candle_columns({"candles": candles}, what).rows())
        == slow
    )


rows_strategy = st.lists(
    st.integers(0, 2000).map(lambda m: T0_MS + m * MINUTE_MS), unique=True
).map(lambda stamps: [(t, 1.0, 2.0, 0.5, 1.5, 10.0) for t in sorted(stamps)])
offsets = st.integers(-100, 2100).map(lambda m: T0 + dt.timedelta(minutes=m))


@given(rows_strategy, offsets, offsets)
def test_trimming_never_returns_bars_outside_the_request(
    rows: list[history.Row], a: dt.datetime, b: dt.datetime
) -> None:
    start, end = min(a, b), max(a, b)
    kept = history.Candles.from_rows(rows).trim(start, end).rows()
    lo, hi = to_epoch_ms(start), to_epoch_ms(end)
    assert all(lo <= row[0] < hi for row in kept)
    assert kept == [row for row in rows if lo <= row[0] < hi]


@given(rows_strategy, rows_strategy)
def test_merging_chunks_is_ascending_and_unique(a: list[history.Row], b: list[history.Row]) -> None:
    merged = history.merge([a, b])
    stamps = [row[0] for row in merged]
    assert stamps == sorted(set(stamps))
    assert set(stamps) == {row[0] for row in a + b}


chunk_strategy = st.lists(
    st.tuples(st.integers(0, 60), st.sampled_from([1.0, 2.0])).map(
        lambda pair: (T0_MS + pair[0] * MINUTE_MS, pair[1], 3.0, 0.5, 1.5, 10.0)
    ),
    max_size=8,
)


@given(st.lists(st.one_of(chunk_strategy, rows_strategy.map(lambda rows: rows[:8])), max_size=4))
def test_merging_columns_is_merging_rows(chunks: list[list[history.Row]]) -> None:
    # Overlapping, unsorted and repeated chunks alike: the first chunk's bar wins a time.
    merged = history.merge_columns([history.Candles.from_rows(chunk) for chunk in chunks])
    assert merged.rows() == history.merge(chunks)


def test_overlapping_ascending_chunks_are_joined_by_slices() -> None:
    def chunk(first: int, last: int, price: float) -> history.Candles:
        return history.Candles.from_rows(
            [(T0_MS + d * DAY_MS, price, price, price, price, 1.0) for d in range(first, last)]
        )

    merged = history.merge_columns([chunk(0, 5, 1.0), chunk(3, 8, 2.0), chunk(7, 9, 3.0)])
    assert merged.times.tolist() == [T0_MS + d * DAY_MS for d in range(9)]
    assert merged.open.tolist() == [1.0] * 5 + [2.0] * 3 + [3.0]


def test_hours_from_half_hours_start_at_each_run() -> None:
    def half(hour: int, minute: int, price: float) -> history.Row:
        stamp = dt.datetime(2024, 3, 4, hour, minute, tzinfo=dt.UTC)
        return (to_epoch_ms(stamp), price, price + 1, price - 1, price + 0.5, 100.0)

    rows = [half(14, 30, 10), half(15, 0, 11), half(15, 30, 12), half(20, 30, 13)]
    hours = history.hours_from_half_hours(rows)
    assert [from_epoch_ms(h[0]).strftime("%H:%M") for h in hours] == ["14:30", "15:30", "20:30"]
    assert hours[0] == (rows[0][0], 10, 12, 9, 11.5, 200.0)


half_hour_runs = st.lists(
    st.tuples(st.integers(0, 40), st.integers(1, 14)), min_size=0, max_size=6
).map(
    lambda runs: sorted(
        {
            T0_MS + 30 * (gap_start + k) * MINUTE_MS
            for gap_start, length in runs
            for k in range(length)
        }
    )
)


@given(half_hour_runs)
def test_hourly_bars_keep_every_half_hours_volume_and_start_on_one(
    stamps: list[int],
) -> None:
    rows = [(t, 10.0 + i, 12.0 + i, 9.0 + i, 11.0 + i, float(i + 1)) for i, t in enumerate(stamps)]
    hours = history.hours_from_half_hours(rows)
    assert sum(h[5] for h in hours) == sum(r[5] for r in rows)
    assert {h[0] for h in hours} <= set(stamps)
    assert [h[0] for h in hours] == sorted({h[0] for h in hours})
    assert len(rows) / 2 <= len(hours) <= len(rows)


def test_the_previous_close_is_dated_by_its_central_midnight() -> None:
    central = ZoneInfo("America/Chicago")
    # Schwab's documented example: 1639029600000 is 2021-12-09 00:00 in Chicago.
    body = {"previousClose": 174.56, "previousCloseDate": 1639029600000, "candles": []}
    assert history.previous_close(body, central) == (174.56, dt.date(2021, 12, 9))


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"previousClose": 0, "previousCloseDate": 1639029600000},
        {"previousClose": -999, "previousCloseDate": 1639029600000},
        {"previousClose": 174.56, "previousCloseDate": 0},
        {"previousClose": 174.56},
        {"previousClose": "NaN", "previousCloseDate": 1639029600000},
    ],
)
def test_a_missing_or_placeholder_previous_close_is_none(body: dict[str, object]) -> None:
    assert history.previous_close(body, ZoneInfo("America/Chicago")) == (None, None)
