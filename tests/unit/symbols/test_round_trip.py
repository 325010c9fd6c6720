"""Round-trip laws: parse(format(x)) == x, and format(parse(s)) is a fixed point."""

import datetime as dt

from hypothesis import example, given
from hypothesis import strategies as st

from tests.unit.symbols import strategies as sym
from trade_analyst.domain.errors import InvalidSymbol
from trade_analyst.domain.symbols import (
    EquityOption,
    FuturesContract,
    Symbol,
    format_symbol,
    parse_symbol,
)

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


MONTHS = "FGHJKMNQUVXZ"
this_century = st.builds(
    FuturesContract,
    root=sym.futures_root_texts,
    month=st.integers(1, 12),
    year=st.integers(2000, 2099),
)


@given(this_century)
def test_contract_alternate_spellings_parse_to_the_same_contract(
    contract: FuturesContract,
) -> None:
    code = MONTHS[contract.month - 1]
    for text in (
        f"/{contract.root}{code}{contract.year % 100:02d}",
        f"{contract.root}{code}{contract.year % 100:02d}",
        f"/{contract.root}{code}{contract.year}",
        f"{contract.root}{code}{contract.year}",
    ):
        assert parse_symbol(text) == contract


@given(
    sym.futures_root_texts,
    st.integers(1, 12),
    st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31)),
    st.integers(-1, 8),
)
def test_one_digit_year_picks_the_year_within_window(
    root: str, month: int, today: dt.date, offset: int
) -> None:
    year = today.year + offset
    text = f"/{root}{MONTHS[month - 1]}{year % 10}"
    assert parse_symbol(text, today=today) == FuturesContract(root, month, year)


@given(sym.equity_options)
def test_compact_occ_form_parses_to_the_same_option(option: EquityOption) -> None:
    assert parse_symbol(str(option).replace(" ", "")) == option
