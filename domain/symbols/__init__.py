"""Symbols: parse and format every symbol kind the product handles."""

from trade_analyst.domain.symbols.forms import VALID_FORMS
from trade_analyst.domain.symbols.futures import FuturesContract, FuturesRoot
from trade_analyst.domain.symbols.instruments import Equity, ForexPair, Index
from trade_analyst.domain.symbols.months import MONTH_CODES, month_code, month_from_code
from trade_analyst.domain.symbols.options import EquityOption, FuturesOption
from trade_analyst.domain.symbols.parsing import Symbol, format_symbol, parse_symbol
from trade_analyst.domain.symbols.years import resolve_year

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
