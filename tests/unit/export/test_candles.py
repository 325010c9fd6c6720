"""Schwab candle bodies become typed Arrow bars tables, or a ProviderError that says why."""

import json

import pyarrow as pa
import pytest

from trade_analyst.adapters.export import candles_to_table
from trade_analyst.ports import ProviderError

BODY = {
    "symbol": "AAPL",
    "empty": False,
    "previousClose": 174.56,
    "candles": [
        {
            "open": 175.01,
            "high": 175.15,
            "low": 175.01,
            "close": 175.04,
            "volume": 10719,
            "datetime": 1639137600000,
        },
        {
            "open": 175,
            "high": 176,
            "low": 174,
            "close": 175.5,
            "volume": 12.0,
            "datetime": 1639137660000,
        },
    ],
}


@pytest.mark.parametrize("payload", [json.dumps(BODY).encode(), json.dumps(BODY), BODY])
def test_bytes_text_or_parsed_bodies(payload: object) -> None:
    table = candles_to_table(payload, "AAPL")  # type: ignore[arg-type]
    assert table.num_rows == 2
    assert table.schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert table.schema.field("volume").type == pa.int64()
    assert table["timestamp"].cast(pa.int64()).to_pylist() == [1639137600000, 1639137660000]
    assert table["open"].to_pylist() == [175.01, 175.0]  # an int price becomes a float
    assert table["volume"].to_pylist() == [10719, 12]
    assert table["symbol"].to_pylist() == ["AAPL", "AAPL"]
    assert table["contract"].to_pylist() == [None, None]


def test_contract_is_recorded() -> None:
    table = candles_to_table(BODY, "/ES", contract="/ESZ25")
    assert table["contract"].to_pylist() == ["/ESZ25", "/ESZ25"]


def test_an_empty_body_is_an_empty_table() -> None:
    table = candles_to_table(b'{"candles": [], "symbol": "NOPE", "empty": true}', "NOPE")
    assert table.num_rows == 0


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"symbol": "AAPL"}, "no 'candles' list"),
        ([], "no 'candles' list"),
        ({"candles": [{"open": 1}]}, "candle 0 lacks datetime, high, low, close, volume"),
        ({"candles": [5]}, "candle 0 is not an object"),
        ({"candles": [{**BODY["candles"][0], "volume": 1.5}]}, "bad values"),  # type: ignore[dict-item]
        ({"candles": [{**BODY["candles"][0], "open": "x"}]}, "bad values"),  # type: ignore[dict-item]
    ],
)
def test_malformed_bodies_raise_provider_errors(body: object, message: str) -> None:
    with pytest.raises(ProviderError, match=message):
        candles_to_table(json.dumps(body), "AAPL")
