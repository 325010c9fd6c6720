"""The symbol value objects: validation on construction, ordering, month codes."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import InvalidSymbol
from trade_analyst.domain.symbols import (
    MONTH_CODES,
    Equity,
    EquityOption,
    ForexPair,
    FuturesContract,
    FuturesOption,
    FuturesRoot,
    Index,
    month_code,
    month_from_code,
)
from trade_analyst.testing.laws import symbols as laws


def test_month_codes_follow_the_calendar() -> None:
    assert MONTH_CODES == "FGHJKMNQUVXZ"
    assert [month_code(m) for m in (1, 3, 6, 9, 12)] == ["F", "H", "M", "U", "Z"]
    assert month_from_code("z") == 12
    assert month_from_code("F") == 1


@given(st.integers(1, 12))
def test_month_code_round_trip(month: int) -> None:
    assert month_from_code(month_code(month)) == month


@pytest.mark.parametrize("bad", [0, 13, -1])
def test_month_code_rejects_out_of_range(bad: int) -> None:
    with pytest.raises(ValueError, match="1 to 12"):
        month_code(bad)


@pytest.mark.parametrize("bad", ["A", "", "ZZ", "1"])
def test_month_from_code_rejects_unknown(bad: str) -> None:
    with pytest.raises(ValueError, match="F=Jan"):
        month_from_code(bad)


def test_futures_contract_orders_by_year_month_then_root() -> None:
    contracts = [
        FuturesContract("NQ", 3, 2026),
        FuturesContract("ES", 12, 2025),
        FuturesContract("ES", 3, 2026),
        FuturesContract("CL", 1, 2026),
    ]
    assert sorted(contracts) == [
        FuturesContract("ES", 12, 2025),
        FuturesContract("CL", 1, 2026),
        FuturesContract("ES", 3, 2026),
        FuturesContract("NQ", 3, 2026),
    ]


# The law lives with the package's laws (`python -m trade_analyst.testing` runs it too).
test_futures_contract_order_is_consistent = laws.futures_contract_order_is_consistent.test()


def test_values_are_frozen_and_hashable() -> None:
    contract = FuturesContract("ES", 12, 2025)
    with pytest.raises(AttributeError):
        contract.month = 3  # type: ignore[misc]
    assert len({contract, FuturesContract("ES", 12, 2025)}) == 1


def test_contract_exposes_root_and_code() -> None:
    contract = FuturesContract("ES", 12, 2025)
    assert contract.futures_root == FuturesRoot("ES")
    assert contract.month_code == "Z"


def test_contract_year_outside_this_century_keeps_four_digits() -> None:
    assert str(FuturesContract("CL", 4, 2100)) == "/CLJ2100"
    assert str(FuturesContract("CL", 4, 1998)) == "/CLJ1998"


def test_equity_option_strike_accepts_text_and_int() -> None:
    by_text = EquityOption("AAPL", dt.date(2025, 12, 19), "C", "200.5")
    by_int = EquityOption("AAPL", dt.date(2025, 12, 19), "C", 200)
    assert by_text.strike == Decimal("200.5")
    assert str(by_text) == "AAPL  251219C00200500"
    assert str(by_int) == "AAPL  251219C00200000"


def test_futures_option_strike_value() -> None:
    assert FuturesOption("ADU", 1, 2023, "C", "0.55").strike_value == Decimal("0.55")


@pytest.mark.parametrize(
    "build",
    [
        lambda: Equity("aapl"),
        lambda: Equity("AAPL1"),
        lambda: Equity(""),
        lambda: Index("SPX.X"),
        lambda: FuturesRoot("/ES"),
        lambda: FuturesRoot("ES25"),
        lambda: FuturesRoot("ESZ5"),
        lambda: FuturesRoot("123"),
        lambda: FuturesContract("ES", 13, 2025),
        lambda: FuturesContract("ES", 12, 25),
        lambda: FuturesContract("ES", True, 2025),
        lambda: EquityOption("AAPL", dt.date(1999, 12, 17), "C", 100),
        lambda: EquityOption("AAPL", dt.date(2025, 12, 19), "X", 100),  # type: ignore[arg-type]
        lambda: EquityOption("AAPL", dt.date(2025, 12, 19), "C", 0),
        lambda: EquityOption("AAPL", dt.date(2025, 12, 19), "C", "100.0005"),
        lambda: EquityOption("AAPL", dt.date(2025, 12, 19), "C", 100000),
        lambda: EquityOption("AAPL", dt.date(2025, 12, 19), "C", 1.5),  # type: ignore[arg-type]
        lambda: EquityOption("AAPL", dt.datetime(2025, 12, 19), "C", 100),
        lambda: FuturesOption("OZC", 12, 1999, "C", "565"),
        lambda: FuturesOption("OZC", 12, 2023, "C", "5,65"),
        lambda: ForexPair("EU", "USD"),
    ],
)
def test_invalid_fields_raise_invalid_symbol(build: object) -> None:
    with pytest.raises(InvalidSymbol, match="valid forms"):
        build()  # type: ignore[operator]
