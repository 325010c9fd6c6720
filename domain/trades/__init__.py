"""Trade-flow analytics: quote rule, tick rule and Lee-Ready classification, and summaries.

Pure and columnar: inputs are parallel sequences (lists or ``array.array``) sorted by time.
"""

from trade_analyst.domain.trades.classify import (
    AT_ASK,
    AT_BID,
    AT_MID,
    AT_NONE,
    BUY,
    BY_NONE,
    BY_QUOTE,
    BY_TICK,
    DEFAULT_EPSILON,
    METHODS,
    SELL,
    UNKNOWN,
    Classified,
    Method,
    check_request,
    classify_trades,
)
from trade_analyst.domain.trades.summary import (
    CONFIDENT_SHARE,
    ClassificationSummary,
    Share,
    Tally,
    summarize,
    summary_of_tallies,
)

__all__ = [
    "AT_ASK",
    "AT_BID",
    "AT_MID",
    "AT_NONE",
    "BUY",
    "BY_NONE",
    "BY_QUOTE",
    "BY_TICK",
    "CONFIDENT_SHARE",
    "DEFAULT_EPSILON",
    "METHODS",
    "SELL",
    "UNKNOWN",
    "ClassificationSummary",
    "Classified",
    "Method",
    "Share",
    "Tally",
    "check_request",
    "classify_trades",
    "summarize",
    "summary_of_tallies",
]
