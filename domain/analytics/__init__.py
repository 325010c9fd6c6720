"""Analytics over the domain's market-data models: pivot levels, VWAP, indicators.

Pure functions of numbers and bars (stdlib + attrs), so other apps can use them as a
library and Hypothesis can state their laws.
"""

from trade_analyst.domain.analytics.indicators import (
    CONVENTIONS,
    Convention,
    atr,
    bollinger,
    ema,
    macd,
    rolling_volatility,
    rsi,
    sma,
)
from trade_analyst.domain.analytics.pivots import (
    PIVOT_KINDS,
    PivotKind,
    PivotLevels,
    PriorBar,
    pivot_levels,
)
from trade_analyst.domain.analytics.specs import (
    INDICATOR_FORMS,
    IndicatorSpec,
    compute,
    parse_specs,
    warmup_bars,
)
from trade_analyst.domain.analytics.vwap import (
    BAR_PRICES,
    BarPrice,
    SessionVwap,
    anchored_vwap,
    running_vwap,
    session_vwap,
)

__all__ = [
    "BAR_PRICES",
    "CONVENTIONS",
    "INDICATOR_FORMS",
    "PIVOT_KINDS",
    "BarPrice",
    "Convention",
    "IndicatorSpec",
    "PivotKind",
    "PivotLevels",
    "PriorBar",
    "SessionVwap",
    "anchored_vwap",
    "atr",
    "bollinger",
    "compute",
    "ema",
    "macd",
    "parse_specs",
    "pivot_levels",
    "rolling_volatility",
    "rsi",
    "running_vwap",
    "session_vwap",
    "sma",
    "warmup_bars",
]
