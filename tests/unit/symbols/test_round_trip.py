"""Round-trip laws: parse(format(x)) == x, and format(parse(s)) is a fixed point."""

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from domain.errors import InvalidSymbol
from domain.symbols import Symbol, format_symbol, parse_symbol
from tests.unit.symbols import strategies as sym

TODAY = dt.date(2026, 11, 27)


@given(sym.symbols)
def test_parse_inverts_format_for_every_kind(symbol: Symbol) -> None:
    assert parse_symbol(format_symbol(symbol)) == symbol


@given(sym.symbols)
def test_parse_inverts_format_regardless_of_case_and_outer_whitespace(symbol: Symbol) -> None:
    assert parse_symbol(f"  {format_symbol(symbol).lower()}\t") == symbol


@given(sym.symbols)
def test_kind_survives_round_trip(symbol: Symbol) -> None:
    assert parse_symbol(str(symbol)).kind == symbol.kind


@given(
    st.one_of(
        st.text(max_size=24),
        st.text(alphabet="ABCDEFGHXZ0123456789/$. CP", max_size=24),
    )
)
@example("ESZ5")
@example("aapl251219c00200000")
def test_format_of_parse_is_idempotent(text: str) -> None:
    try:
        canonical = format_symbol(parse_symbol(text, today=TODAY))
    except InvalidSymbol:
        return
    assert format_symbol(parse_symbol(canonical, today=TODAY)) == canonical


@given(st.text(max_size=30))
def test_parse_raises_only_invalid_symbol(text: str) -> None:
    message = ""
    try:
        parse_symbol(text, today=TODAY)
    except InvalidSymbol as error:
        message = str(error)
    assert message == "" or "valid forms" in message
