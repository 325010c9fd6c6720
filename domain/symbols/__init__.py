"""Symbols: parse and format every symbol kind the product handles (DESIGN §3)."""

from domain.symbols.forms import VALID_FORMS
from domain.symbols.futures import FuturesContract, FuturesRoot
from domain.symbols.instruments import Equity, ForexPair, Index
from domain.symbols.months import MONTH_CODES, month_code, month_from_code
from domain.symbols.options import EquityOption, FuturesOption
from domain.symbols.parsing import Symbol, format_symbol, parse_symbol
from domain.symbols.years import resolve_year

__all__ = [
    "MONTH_CODES",
    "VALID_FORMS",
    "Equity",
    "EquityOption",
    "ForexPair",
    "FuturesContract",
    "FuturesOption",
    "FuturesRoot",
    "Index",
    "Symbol",
    "format_symbol",
    "month_code",
    "month_from_code",
    "parse_symbol",
    "resolve_year",
]
