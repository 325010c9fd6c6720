"""``Table`` refuses what a file sink could not store, and dataset names are checked."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.ports import (
    BARS,
    INTERVALS,
    OPTION_CHAINS,
    QUOTES,
    InvalidInput,
    Table,
    bars_dataset,
    from_epoch_ms,
    schema_for,
    to_epoch_ms,
)

ROW = {
    "symbol": "AAPL",
    "contract": None,
    "timestamp": 0,
    "trade_date": None,
    "open": 1.0,
    "high": 2.0,
    "low": 0.5,
    "close": 1.5,
    "volume": 10,
    "synthetic": False,
}


def test_rows_become_columns_in_schema_order() -> None:
    table = Table.from_rows(BARS, [ROW, {**ROW, "timestamp": 60_000}])
    assert len(table) == 2
    assert table.column("timestamp") == (0, 60_000)
    assert list(table.rows())[1]["timestamp"] == 60_000


def test_ints_are_widened_for_float_columns() -> None:
    table = Table.from_rows(BARS, [{**ROW, "open": 1}])
    assert table.column("open") == (1.0,)
    assert type(table.column("open")[0]) is float


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("symbol", None, "is null"),
        ("timestamp", dt.datetime(2024, 1, 1, tzinfo=dt.UTC), "is not timestamp"),
        ("volume", 1.5, "is not int64"),
        ("volume", True, "is not int64"),
        ("open", "1.0", "is not float64"),
        ("contract", 5, "is not string"),
    ],
)
def test_values_of_the_wrong_kind_are_refused(field: str, value: object, message: str) -> None:
    with pytest.raises(InvalidInput, match=message):
        Table.from_rows(BARS, [{**ROW, field: value}])


def test_unknown_and_missing_columns_are_refused() -> None:
    with pytest.raises(InvalidInput, match="unknown fields"):
        Table.from_rows(BARS, [{**ROW, "vwap": 1.0}])
    with pytest.raises(InvalidInput, match="missing"):
        Table.from_columns(BARS, {"symbol": ["AAPL"]})
    with pytest.raises(InvalidInput, match="different lengths"):
        Table.from_columns(BARS, {name: [ROW[name]] for name in BARS.names} | {"open": [1.0, 2.0]})


def test_a_date_column_refuses_datetimes() -> None:
    row = {name: None for name in OPTION_CHAINS.names}
    row |= {
        "symbol": "AAPL",
        "as_of": 0,
        "contract": "AAPL  251219C00200000",
        "right": "C",
        "strike": 200.0,
        "expiration": dt.datetime(2025, 12, 19, tzinfo=dt.UTC),
    }
    with pytest.raises(InvalidInput, match="is not date"):
        Table.from_rows(OPTION_CHAINS, [row])


def test_schemas_by_dataset_name() -> None:
    assert schema_for("quotes") is QUOTES
    assert schema_for("option_chains") is OPTION_CHAINS
    assert all(schema_for(bars_dataset(interval)) is BARS for interval in INTERVALS)
    with pytest.raises(InvalidInput) as raised:
        schema_for("bars_2d")
    assert "bars_1d" in raised.value.hint


def test_every_key_starts_with_the_partition_column_and_is_not_nullable() -> None:
    for schema in (BARS, QUOTES, OPTION_CHAINS):
        assert schema.key[0] == "symbol"
        assert schema.time_column in schema.key
        assert not any(schema.column(name).nullable for name in schema.key)


@given(st.datetimes(timezones=st.just(dt.UTC)))
def test_epoch_milliseconds_floor(moment: dt.datetime) -> None:
    stamp = to_epoch_ms(moment)
    assert from_epoch_ms(stamp) <= moment < from_epoch_ms(stamp + 1)


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        to_epoch_ms(dt.datetime(2024, 1, 1))
