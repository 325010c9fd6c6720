"""Small builders of port tables for the contract suites."""

import datetime as dt

from trade_analyst.ports import BARS, OPTION_CHAINS, QUOTES, Table, to_epoch_ms

# Symbols chosen to break naive paths: slashes, dots, dollar, spaces, unicode.
AWKWARD_SYMBOLS = (
    "/ESZ25",
    "$SPX",
    "EUR/USD",
    "BRK.B",
    "AAPL  251219C00200000",
    "..",
    ".",
    "a\\b",
    "Ünï",
    "%2F",
)


def ms(year: int, month: int = 1, day: int = 1, hour: int = 0) -> int:
    return to_epoch_ms(dt.datetime(year, month, day, hour, tzinfo=dt.UTC))


def bar(symbol: str, timestamp: int, price: float = 10.0, volume: int = 100) -> dict[str, object]:
    return {
        "symbol": symbol,
        "contract": None,
        "timestamp": timestamp,
        "trade_date": None,
        "open": price,
        "high": price + 1,
        "low": price - 1,
        "close": price,
        "volume": volume,
        "synthetic": True,
    }


def bars(*rows: dict[str, object]) -> Table:
    return Table.from_rows(BARS, rows)


def quotes(symbol: str, as_of: int, last: float) -> Table:
    return Table.from_rows(
        QUOTES,
        [
            {
                "symbol": symbol,
                "asset_type": "EQUITY",
                "as_of": as_of,
                "bid": last - 0.01,
                "ask": last + 0.01,
                "last": last,
                "bid_size": 3,
                "quote_time": as_of,
                "provider": "test",
                "synthetic": True,
            }
        ],
    )


def chain(underlying: str, as_of: int) -> Table:
    rows = [
        {
            "symbol": underlying,
            "as_of": as_of,
            "underlying_price": 100.0,
            "contract": f"{underlying:<6}251219{right}{strike * 1000:08d}",
            "expiration": dt.date(2025, 12, 19),
            "right": right,
            "strike": float(strike),
            "bid": 1.0,
            "ask": 1.2,
            "volume": None,
            "open_interest": 10,
            "delta": 0.5 if right == "C" else -0.5,
            "in_the_money": strike < 100,
        }
        for strike in (95, 100, 105)
        for right in ("C", "P")
    ]
    return Table.from_rows(OPTION_CHAINS, rows)
