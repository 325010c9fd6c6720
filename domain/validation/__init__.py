"""Validation: pure rules that report findings on market data and never raise on bad data.

Rule ids are ``<dataset>.<rule>`` (``bars.ohlc_consistency``); errors mean the data is
wrong, warnings that it is suspicious or incomplete, info that it is merely notable.
"""

from trade_analyst.domain.validation.bars import (
    order_finding,
    price_findings,
    session_finding,
    validate_bars,
    volume_findings,
)
from trade_analyst.domain.validation.findings import (
    SEVERITIES,
    Finding,
    Severity,
    has_errors,
    summarize,
)
from trade_analyst.domain.validation.options import validate_option_chain
from trade_analyst.domain.validation.quotes import validate_quotes
from trade_analyst.domain.validation.sessions import (
    PERIOD_INTERVALS,
    SessionKind,
    SessionRule,
    bar_trade_date,
    daily_bar_date,
)
from trade_analyst.domain.validation.trades import LARGE_TRADE_SIZE, validate_trades
from trade_analyst.domain.validation.values import SENTINELS

__all__ = [
    "LARGE_TRADE_SIZE",
    "PERIOD_INTERVALS",
    "SENTINELS",
    "SEVERITIES",
    "Finding",
    "SessionKind",
    "SessionRule",
    "Severity",
    "bar_trade_date",
    "daily_bar_date",
    "has_errors",
    "order_finding",
    "price_findings",
    "session_finding",
    "summarize",
    "validate_bars",
    "validate_option_chain",
    "validate_quotes",
    "validate_trades",
    "volume_findings",
]
