"""Domain market data becomes dataset tables without losing or inventing values."""

import datetime as dt

import pytest

from trade_analyst.domain.models import BarSeries, OptionChain, OptionContract, Quote
from trade_analyst.ports import (
    BarColumns,
    InvalidInput,
    Provenance,
    TokenSet,
    bars_table,
    chain_table,
    quotes_table,
    to_epoch_ms,
)

T0 = dt.datetime(2024, 5, 1, 13, 30, tzinfo=dt.UTC)


def test_bars_table_keeps_every_bar_and_names_the_contract() -> None:
    series = BarSeries(
        "/ES", "1d", [T0, T0 + dt.timedelta(days=1)], [1, 2], [3, 4], [0, 1], [2, 3], [5, 6]
    )
    table = bars_table(BarColumns.from_series(series), contract="/ESM24")
    assert table.column("symbol") == ("/ES", "/ES")
    assert table.column("contract") == ("/ESM24", "/ESM24")
    assert table.column("timestamp") == (to_epoch_ms(T0), to_epoch_ms(T0) + 86_400_000)
    assert table.column("volume") == (5, 6)


def test_fractional_volumes_are_refused_rather_than_truncated() -> None:
    series = BarSeries("EUR/USD", "1d", [T0], [1], [1], [1], [1], [0.5])
    with pytest.raises(InvalidInput, match="fractional volume"):
        bars_table(BarColumns.from_series(series))


def test_quotes_table_takes_as_of_from_quote_then_trade_then_fetch_time() -> None:
    fetched = T0 + dt.timedelta(minutes=5)
    rows = [
        Quote(
            symbol="AAPL", asset_type="EQUITY", provider="mock", quote_time=T0, trade_time=fetched
        ),
        Quote(symbol="$SPX", asset_type="INDEX", provider="mock", trade_time=T0, last=5000),
        Quote(
            symbol="/ES", asset_type="FUTURE", provider="mock", contract="/ESM24", synthetic=True
        ),
    ]
    table = quotes_table(rows, fetched_at=fetched)
    assert table.column("as_of") == (to_epoch_ms(T0), to_epoch_ms(T0), to_epoch_ms(fetched))
    assert table.column("bid") == (None, None, None)
    assert table.column("contract") == (None, None, "/ESM24")
    assert table.column("synthetic") == (False, False, True)


def test_chain_table_has_one_row_per_contract_stamped_as_of() -> None:
    contracts = [
        OptionContract(
            symbol=f"AAPL  251219{right}00200000",
            underlying="AAPL",
            expiration=dt.date(2025, 12, 19),
            right=right,
            strike=200,
            implied_volatility=0.25,
            in_the_money=right == "P",
        )
        for right in ("C", "P")
    ]
    table = chain_table(OptionChain("AAPL", 190.0, contracts), as_of=T0)
    assert table.column("symbol") == ("AAPL", "AAPL")
    assert table.column("as_of") == (to_epoch_ms(T0),) * 2
    assert table.column("expiration") == (dt.date(2025, 12, 19),) * 2
    assert table.column("in_the_money") == (False, True)
    assert table.column("underlying_price") == (190.0, 190.0)


def test_provenance_request_is_canonical_json() -> None:
    one = Provenance.of(
        provider="mock", synthetic=True, app_version="1", request={"b": 1, "a": [T0.date()]}
    )
    two = Provenance.of(
        provider="mock", synthetic=True, app_version="1", request={"a": [T0.date()], "b": 1}
    )
    assert one == two
    assert one.request == '{"a":["2024-05-01"],"b":1}'


def test_token_sets_never_show_secrets() -> None:
    tokens = TokenSet(
        access_token="I0.secret-access@",
        refresh_token="secret-refresh@",
        id_token="secret-jwt",
        access_expires_at=T0,
        refresh_issued_at=T0,
    )
    assert "secret" not in repr(tokens)
    with pytest.raises(ValueError, match="naive"):
        TokenSet(
            access_token="a",
            refresh_token="r",
            access_expires_at=dt.datetime(2024, 1, 1),
            refresh_issued_at=T0,
        )
