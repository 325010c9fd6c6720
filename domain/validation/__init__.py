"""Validation: pure rules that report findings on market data and never raise on bad data.

Rule ids are ``<dataset>.<rule>`` (``bars.ohlc_consistency``); errors mean the data is
wrong, warnings that it is suspicious or incomplete, info that it is merely notable.
"""

from domain.validation.bars import validate_bars
from domain.validation.findings import SEVERITIES, Finding, Severity, has_errors, summarize
from domain.validation.options import validate_option_chain
from domain.validation.quotes import validate_quotes
from domain.validation.trades import LARGE_TRADE_SIZE, validate_trades
from domain.validation.values import SENTINELS

__all__ = [
    "LARGE_TRADE_SIZE",
    "SENTINELS",
    "SEVERITIES",
    "Finding",
    "Severity",
    "has_errors",
    "summarize",
    "validate_bars",
    "validate_option_chain",
    "validate_quotes",
    "validate_trades",
]
