"""Tables for people: columns that fit, numbers rounded for reading, times in a chosen zone."""

import datetime as dt
import math
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.entrypoints.cli.display import (
    instant_text,
    number_text,
    price_text,
    significant,
)
from trade_analyst.entrypoints.cli.errors import CliError
from trade_analyst.entrypoints.cli.output import render
from trade_analyst.entrypoints.cli.table_view import View, render_table
from trade_analyst.entrypoints.cli.timezones import check_zone_choice, exchange_zone, shown_zone

NEW_YORK, CHICAGO = ZoneInfo("America/New_York"), ZoneInfo("America/Chicago")
prices = st.floats(min_value=0.01, max_value=1e6, allow_nan=False)


@given(prices)
def test_futures_prices_sit_on_the_tick(value):
    shown = float(price_text(value, "/ES"))  # tick 0.25
    assert (shown * 4).is_integer()
    assert abs(shown - value) <= 0.125 + 1e-6


@given(prices)
def test_treasury_prices_keep_every_32nd(value):
    shown = price_text(value, "/ZBZ26")  # tick 1/32: five decimals
    assert len(shown.split(".")[1]) == 5
    assert (float(shown) * 32).is_integer()


def test_equities_indices_options_and_forex_have_their_quoting_decimals():
    assert price_text(237.504, "AAPL") == "237.50"
    assert price_text(0.41234, "SIRI") == "0.4123"  # under a dollar: 1/100 cent
    assert price_text(5427.256, "$SPX") == "5427.26"
    assert price_text(10.687, "SPY   261120C00565000") == "10.69"
    assert price_text(1.090204, "EUR/USD") == "1.09020"
    assert price_text(151.23456, "USD/JPY") == "151.235"


def test_a_stocks_change_has_the_decimals_of_its_price_level():
    aapl = {"symbol": "AAPL", "last": 236.48}
    assert number_text("net_change", -0.01, aapl) == "-0.01"
    penny = {"symbol": "SIRI", "last": 0.41}
    assert number_text("net_change", -0.0123, penny) == "-0.0123"
    assert number_text("net_change", -0.0123, {"symbol": "SIRI"}) == "-0.0123"  # no level


@given(st.floats(min_value=1e-9, max_value=1e9) | st.floats(min_value=-1e9, max_value=-1e-9))
def test_greeks_and_ratios_keep_four_significant_digits(value):
    text = number_text("delta", value, {})
    assert "e" not in text
    assert math.isclose(float(text), value, rel_tol=5e-4)
    digits = text.lstrip("-").replace(".", "").lstrip("0")
    assert len(digits) == 4 or float(text).is_integer()


def test_other_numbers():
    assert significant(0.000136412, 4) == "0.0001364"
    assert number_text("volume", 9718371.0, {}) == "9718371"
    assert number_text("pct_size_buy", 27.272727, {}) == "27.27"
    assert number_text("tick_size", 5e-05, {}) == "0.00005"
    assert number_text("multiplier", 50.0, {}) == "50"


def test_an_instant_shows_the_zones_offset_and_only_the_precision_it_needs():
    moment = dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)
    assert instant_text(moment.astimezone(NEW_YORK), "minutes") == "2026-11-18 10:00 -05:00"
    assert instant_text(moment.astimezone(CHICAGO), "seconds") == "2026-11-18 09:00:00 -06:00"
    later = moment.replace(microsecond=100_000)
    assert instant_text(later, "milliseconds") == "2026-11-18 15:00:00.100 +00:00"


def test_zone_choices():
    assert check_zone_choice("UTC") == "utc"
    assert check_zone_choice("Exchange") == "exchange"
    assert check_zone_choice("Europe/London") == "Europe/London"
    for bad in ("Mars/Base", "", "../etc/passwd", "America", "X" * 300):
        with pytest.raises(CliError) as caught:
            check_zone_choice(bad)
        assert caught.value.exit_code == 2
        assert "IANA" in caught.value.hint
    assert shown_zone("exchange", CHICAGO) is CHICAGO
    assert shown_zone("utc", CHICAGO) is dt.UTC
    assert shown_zone("local", CHICAGO) is None  # each instant at the machine's offset


def test_the_exchange_is_where_the_instrument_trades():
    assert exchange_zone({"symbol": "/ES", "contract": "/ESZ26"}) == CHICAGO
    assert exchange_zone({"symbol": "/CLF27"}) == CHICAGO
    assert exchange_zone({"symbol": "AAPL"}) == NEW_YORK
    assert exchange_zone({"symbol": "SPY   261120C00565000"}) == NEW_YORK
    assert exchange_zone({"date": dt.date(2025, 1, 2)}) == NEW_YORK


QUOTE = {"symbol": "AAPL", "last": 237.5, "bid": 237.49, "ask": 237.53, "volume": 7767870,
         "quote_time": dt.datetime(2026, 11, 18, 15, 0, tzinfo=dt.UTC)}  # fmt: skip
PRIORITY = ("symbol", "last", "quote_time", "bid", "ask", "volume")


def header(text: str) -> list[str]:
    return text.splitlines()[0].replace("┃", " ").split()


def test_the_most_useful_columns_that_fit_are_shown_in_priority_order():
    text = render_table([QUOTE], View(PRIORITY), width=None, color=False)
    assert header(text) == list(PRIORITY)
    narrow = render_table([QUOTE, QUOTE], View(PRIORITY), width=50, color=False)
    # symbol 9 + last 9 + quote_time 26 = 44 of 50: bid (9) no longer fits, nor does ask.
    assert header(narrow) == ["symbol", "last", "quote_time"]
    assert "2026-11-18 10:00 -05:00" in narrow  # exchange time, whole


def test_columns_choose_and_unknown_names_are_refused_with_the_valid_ones():
    text = render_table([QUOTE], View(PRIORITY, columns="volume,symbol"), width=20, color=False)
    assert header(text) == ["volume", "symbol"]  # as asked, even wider than the width
    assert header(render_table([QUOTE], View(("symbol",), columns="all"), width=None,
                               color=False)) == list(QUOTE)  # fmt: skip
    with pytest.raises(CliError) as caught:
        render_table([QUOTE], View(PRIORITY, columns="symbol,lats"), width=None, color=False)
    assert caught.value.exit_code == 2
    assert "lats" in caught.value.message
    assert "quote_time" in caught.value.hint


def test_a_single_record_too_wide_is_shown_one_field_a_line():
    text = render_table([QUOTE], View(PRIORITY), width=40, color=False)
    assert header(text) == ["field", "value"]
    assert all(len(line) <= 40 for line in text.splitlines())
    assert "237.50" in text


def test_notes_go_under_the_table_wrapped_to_the_width():
    rows = [{"scope": "total", "ratio": 0.5, "notes": "first note; " + "word " * 30}]
    text = render_table(rows, View(notes="notes", label=("scope",)), width=40, color=False)
    table, notes = text.split("\nnotes:\n")
    assert "notes" not in table
    assert notes.startswith("- total: first note\n- total: word")
    assert all(len(line) <= 40 for line in text.splitlines())


def test_colour_only_when_asked():
    rows = [{"symbol": "A", "net_change": 1.5}, {"symbol": "B", "net_change": -2.0}]
    coloured = render_table(rows, View(), width=80, color=True)
    assert "\x1b[32m" in coloured
    assert "\x1b[31m" in coloured
    assert "\x1b" not in render_table(rows, View(), width=80, color=False)


cells = st.one_of(
    st.text(alphabet="abcXYZ/ ", min_size=0, max_size=12),
    st.floats(min_value=-1e6, max_value=1e6),
    st.integers(min_value=-(10**9), max_value=10**9),
)


@given(
    st.lists(st.fixed_dictionaries({f"c{i}": cells for i in range(12)}), min_size=1, max_size=5),
    st.integers(min_value=30, max_value=200),
)
def test_no_line_is_ever_wider_than_the_width(records, width):
    text = render_table(records, View(), width=width, color=False)
    assert max(len(line) for line in text.splitlines()) <= width


def test_data_formats_keep_every_digit_and_stay_utc_unless_asked():
    record = {"symbol": "/ES", "delta": 0.674246081, "at": QUOTE["quote_time"]}
    assert '"delta": 0.674246081' in render([record], "json")
    assert '"at": "2026-11-18T15:00:00Z"' in render([record], "json")
    asked = render([record], "json", view=View(tz="exchange"))
    assert '"at": "2026-11-18T09:00:00-06:00"' in asked
    csv = render([record], "csv", view=View(columns="symbol,at", tz="America/New_York"))
    assert csv.splitlines() == ["symbol,at", "/ES,2026-11-18T10:00:00-05:00"]
