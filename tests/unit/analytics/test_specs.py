"""``--add`` specs: forms, defaults, aliases, errors, and the columns they produce."""

import datetime as dt

import pytest
from hypothesis import given

from trade_analyst.domain.analytics import IndicatorSpec, compute, parse_specs, sma, warmup_bars
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import BarSeries
from trade_analyst.testing.strategies.analytics import spec_texts


def test_forms_with_and_without_parameters():
    specs = parse_specs("sma:20, RSI ,bb:20:2.5,macd:12:26:9,vol:20:252,atr:7,ema:50")
    assert specs == (
        IndicatorSpec("sma", (20.0,)),
        IndicatorSpec("rsi", (14.0,)),
        IndicatorSpec("bb", (20.0, 2.5)),
        IndicatorSpec("macd", (12.0, 26.0, 9.0)),
        IndicatorSpec("vol", (20.0, 252.0)),
        IndicatorSpec("atr", (7.0,)),
        IndicatorSpec("ema", (50.0,)),
    )


def test_defaults_fill_missing_parameters_and_aliases_resolve():
    assert parse_specs("bollinger:10") == (IndicatorSpec("bb", (10.0, 2.0)),)
    assert parse_specs("volatility") == (IndicatorSpec("vol", (20.0,)),)
    assert parse_specs("macd") == (IndicatorSpec("macd", (12.0, 26.0, 9.0)),)


def test_a_repeated_spec_is_one_indicator():
    assert len(parse_specs("sma:20,sma:20,sma")) == 1


def test_column_names():
    specs = parse_specs("sma:20,bb:20:2.5,macd,vol:20:252")
    assert [spec.columns for spec in specs] == [
        ("sma_20",),
        ("bb_20_2p5_middle", "bb_20_2p5_upper", "bb_20_2p5_lower"),
        ("macd_12_26_9", "macd_12_26_9_signal", "macd_12_26_9_hist"),
        ("vol_20_252",),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("sma:20,", "empty"),
        ("wma:20", "unknown indicator"),
        ("sma:abc", "not a positive number"),
        ("sma:-3", "not a positive number"),
        ("sma:0", "greater than zero"),
        ("sma:2.5", "whole number"),
        ("sma:20:30", "takes"),
        ("macd:12:26", "takes"),
        ("macd:26:12:9", "slow period must be longer"),
        ("vol:1", "at least 2"),
    ],
)
def test_bad_specs_name_the_problem(text, message):
    with pytest.raises(DomainError, match=message):
        parse_specs(text)


def test_compute_gives_one_aligned_column_per_name():
    start = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
    closes = [float(v) for v in range(1, 31)]
    series = BarSeries(
        "X",
        "1d",
        [start + dt.timedelta(days=i) for i in range(30)],
        closes,
        [c + 1 for c in closes],
        [c - 1 for c in closes],
        closes,
        [100.0] * 30,
    )
    columns = compute(parse_specs("sma:5,bb:5,macd:3:6:2,atr:3,rsi:3,ema:4,vol:3"), series)
    assert set(columns) == {
        "sma_5", "bb_5_2_middle", "bb_5_2_upper", "bb_5_2_lower", "macd_3_6_2",
        "macd_3_6_2_signal", "macd_3_6_2_hist", "atr_3", "rsi_3", "ema_4", "vol_3",
    }  # fmt: skip
    assert all(len(values) == 30 for values in columns.values())
    assert columns["sma_5"] == sma(closes, 5)
    assert columns["rsi_3"][-1] == 100.0  # only gains


def test_warmup_counts_the_bars_before_the_first_value():
    specs = parse_specs("sma:20,ema:5,rsi:14,atr:14,bb:20,macd:12:26:9,vol:20")
    assert [spec.warmup for spec in specs] == [19, 4, 14, 14, 19, 25 + 8, 20]
    assert warmup_bars(specs) == 33
    assert warmup_bars(()) == 0


def _series(count):
    start = dt.datetime(2025, 1, 2, tzinfo=dt.UTC)
    closes = [100.0 + (i % 7) - (i % 3) for i in range(count)]
    return BarSeries(
        "X",
        "1d",
        [start + dt.timedelta(days=i) for i in range(count)],
        closes,
        [c + 1 for c in closes],
        [c - 1 for c in closes],
        closes,
        [100.0] * count,
    )


@given(spec_texts())
def test_a_series_of_warmup_plus_one_bars_defines_every_column_on_its_last_row(text):
    (spec,) = parse_specs(text)
    defined = compute([spec], _series(spec.warmup + 1))
    assert all(values[-1] is not None for values in defined.values())
    if spec.warmup:
        short = compute([spec], _series(spec.warmup))
        assert any(values[-1] is None for values in short.values())
