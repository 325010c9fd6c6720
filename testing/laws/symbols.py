"""Symbol laws: every kind round-trips through its text, contracts order by expiry."""

import datetime as dt

from hypothesis import strategies as st

from trade_analyst.domain.errors import InvalidSymbol
from trade_analyst.domain.symbols import (
    MONTH_CODES,
    EquityOption,
    FuturesContract,
    Symbol,
    format_symbol,
    parse_symbol,
)
from trade_analyst.testing.laws.law import law
from trade_analyst.testing.strategies import symbols as sym

# A fixed "today" for the spellings that need one (one-digit years).
TODAY = dt.date(2026, 11, 27)


@law(sym.symbols())
def parse_inverts_format_for_every_kind(symbol: Symbol) -> None:
    assert parse_symbol(format_symbol(symbol)) == symbol


@law(sym.symbols())
def parse_inverts_format_regardless_of_case_and_outer_whitespace(symbol: Symbol) -> None:
    assert parse_symbol(f"  {format_symbol(symbol).lower()}\t") == symbol


@law(sym.symbols())
def kind_survives_round_trip(symbol: Symbol) -> None:
    assert parse_symbol(str(symbol)).kind == symbol.kind


@law(
    st.one_of(
        st.text(max_size=24),
        st.text(alphabet="ABCDEFGHXZ0123456789/$. CP", max_size=24),
    ),
    examples=[("ESZ5",), ("aapl251219c00200000",)],
)
def format_of_parse_is_idempotent(text: str) -> None:
    try:
        canonical = format_symbol(parse_symbol(text, today=TODAY))
    except InvalidSymbol:
        return
    assert format_symbol(parse_symbol(canonical, today=TODAY)) == canonical


@law(st.text(max_size=30))
def parse_raises_only_invalid_symbol(text: str) -> None:
    message = ""
    try:
        parse_symbol(text, today=TODAY)
    except InvalidSymbol as error:
        message = str(error)
    assert message == "" or "valid forms" in message


@law(sym.futures_contracts(2000, 2099))
def contract_alternate_spellings_parse_to_the_same_contract(contract: FuturesContract) -> None:
    code = MONTH_CODES[contract.month - 1]
    for text in (
        f"/{contract.root}{code}{contract.year % 100:02d}",
        f"{contract.root}{code}{contract.year % 100:02d}",
        f"/{contract.root}{code}{contract.year}",
        f"{contract.root}{code}{contract.year}",
    ):
        assert parse_symbol(text) == contract


@law(
    sym.futures_root_texts(),
    st.integers(1, 12),
    st.dates(dt.date(1990, 1, 1), dt.date(2200, 12, 31)),
    st.integers(-1, 8),
)
def one_digit_year_picks_the_year_within_window(
    root: str, month: int, today: dt.date, offset: int
) -> None:
    year = today.year + offset
    text = f"/{root}{MONTH_CODES[month - 1]}{year % 10}"
    assert parse_symbol(text, today=today) == FuturesContract(root, month, year)


@law(sym.equity_options())
def compact_occ_form_parses_to_the_same_option(option: EquityOption) -> None:
    assert parse_symbol(str(option).replace(" ", "")) == option


@law(sym.futures_contracts(), sym.futures_contracts())
def futures_contract_order_is_consistent(a: FuturesContract, b: FuturesContract) -> None:
    assert (a < b) == ((a.year, a.month, a.root) < (b.year, b.month, b.root))
    assert (a <= b) == (a < b or a == b)
    assert (a > b) == (b < a)
    assert (a >= b) == (b <= a)
