"""How one value reads in a table: prices to the instrument's tick, greeks and ratios to 4
significant digits, percentages to 2 decimals, instants in the zone asked for.

Display only: JSON, CSV and datasets carry the values exactly as computed.
"""

import datetime as dt
import math
import re
from collections.abc import Mapping
from functools import cache
from typing import Literal

from trade_analyst.entrypoints.cli.timezones import instrument_of

Kind = Literal["price", "ratio", "percent", "number"]

# Prices of the row's instrument: quotes, bars, strikes, pivots, VWAP and its bands,
# price-level indicators (moving averages, Bollinger bands).
_PRICE_FIELDS = frozenset({
    "bid", "ask", "last", "mark", "open", "high", "low", "close", "net_change", "strike",
    "previous_close",
    "price", "underlying_price", "max_pain", "expected_move", "atm_strike", "implied_forward",
    "pivot", "vwap", "vwap_upper_1", "vwap_lower_1", "vwap_upper_2", "vwap_lower_2",
})  # fmt: skip
_PRICE_PATTERN = re.compile(r"^(prior_(open|high|low|close)|[rs]\d|sma_.*|ema_.*|bb_.*)$")
# Greeks, volatilities, ratios and oscillators: 4 significant digits.
_RATIO_FIELDS = frozenset({
    "delta", "gamma", "theta", "vega", "rho", "implied_volatility", "atm_iv", "skew_25d",
    "iv_30d", "put_25d_iv", "call_25d_iv", "put_call_volume_ratio", "put_call_oi_ratio",
    "net_percent_change", "vwap_stdev", "expected_move_pct", "days_to_expiration",
})  # fmt: skip
_RATIO_PATTERN = re.compile(r"^(rsi_.*|atr_.*|macd_.*|vol_.*)$")
# Already in percent: 2 decimals.
_PERCENT_PATTERN = re.compile(r"^(pct_.*|.*_pct|iv_rank|iv_percentile)$")
# Up/down columns: coloured by sign on a terminal.
CHANGE_FIELDS = frozenset({"net_change", "net_percent_change"})
# A row's own price level, first found: a stock quotes in 1/100 cent only under a dollar,
# so a one-cent change of a $236 stock reads -0.01, not -0.0100.
_LEVEL_FIELDS = ("last", "close", "mark", "price", "bid", "ask", "underlying_price")

RATIO_DIGITS = 4
EQUITY_DECIMALS = 2
SUB_DOLLAR_DECIMALS = 4  # US stocks under $1 quote in 1/100 of a cent
FOREX_DECIMALS, YEN_DECIMALS = 5, 3  # fractional pips


def kind_of(field: str) -> Kind:
    """What ``field`` holds, for rounding."""
    if field in _PRICE_FIELDS or _PRICE_PATTERN.match(field):
        return "price"
    if field in _RATIO_FIELDS or _RATIO_PATTERN.match(field):
        return "ratio"
    if _PERCENT_PATTERN.match(field):
        return "percent"
    return "number"


def number_text(field: str, value: float, record: Mapping[str, object]) -> str:
    """``value`` of ``field`` rounded for reading; ``record`` names the instrument."""
    if not math.isfinite(value):
        return str(value)
    kind = kind_of(field)
    if kind == "price":
        return price_text(value, instrument_of(record), level=_price_level(record))
    if kind == "ratio":
        return significant(value, RATIO_DIGITS)
    if kind == "percent":
        return f"{value:.2f}"
    if float(value).is_integer():
        return str(int(value))
    return _plain(value)


def price_text(value: float, instrument: str, *, level: float | None = None) -> str:
    """A price (or a price difference) of ``instrument``: on its tick (futures), else to its
    quoting decimals, which for a stock depend on its price ``level`` (``value`` itself when
    not given)."""
    tick, decimals = price_step(instrument)
    if decimals is None:
        reference = value if level is None else level
        decimals = SUB_DOLLAR_DECIMALS if abs(reference) < 1 else EQUITY_DECIMALS
    if tick is not None:
        value = round(value / tick) * tick
    return f"{value:.{decimals}f}"


def _price_level(record: Mapping[str, object]) -> float | None:
    for field in _LEVEL_FIELDS:
        value = record.get(field)
        if isinstance(value, int | float) and math.isfinite(value) and value != 0:
            return float(value)
    return None


@cache
def price_step(instrument: str) -> tuple[float | None, int | None]:
    """The tick and decimals prices of ``instrument`` are shown with: a futures root's tick
    (the domain knows them), fractional pips for forex, 2 decimals for options and indices,
    ``None`` decimals for stocks (2, or 4 under a dollar)."""
    from decimal import Decimal

    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.futures import contract_spec
    from trade_analyst.domain.symbols import (
        Equity,
        ForexPair,
        FuturesContract,
        FuturesRoot,
        parse_symbol,
    )

    try:
        symbol = parse_symbol(instrument)
    except DomainError:
        return None, None
    if isinstance(symbol, FuturesRoot | FuturesContract):
        try:
            tick = contract_spec(symbol.root).tick_size
        except DomainError:
            return None, EQUITY_DECIMALS
        return tick, max(0, -int(Decimal(repr(tick)).normalize().as_tuple().exponent))
    if isinstance(symbol, ForexPair):
        return None, YEN_DECIMALS if symbol.quote == "JPY" else FOREX_DECIMALS
    if isinstance(symbol, Equity):
        return None, None
    return None, EQUITY_DECIMALS


def significant(value: float, digits: int) -> str:
    """``value`` to ``digits`` significant digits, never in exponent form."""
    if value == 0:
        return "0"
    magnitude = math.floor(math.log10(abs(value))) + 1
    decimals = max(0, digits - magnitude)
    return f"{round(value, decimals):.{decimals}f}"


def _plain(value: float) -> str:
    """Any other number: 6 significant digits, trailing zeros dropped."""
    text = significant(value, 6)
    return text.rstrip("0").rstrip(".") if "." in text else text


Precision = Literal["minutes", "seconds", "milliseconds"]


def precision_of(values: list[dt.datetime]) -> Precision:
    """The shortest form that shows every one of ``values`` whole."""
    if any(value.microsecond for value in values):
        return "milliseconds"
    if any(value.second for value in values):
        return "seconds"
    return "minutes"


def instant_text(value: dt.datetime, precision: Precision) -> str:
    """``value`` (already in the zone to show) as ``2026-11-18 10:00 -05:00``: the offset
    apart, so ``09:30 -04:00`` does not read as a range."""
    text = value.strftime("%Y-%m-%d %H:%M")
    if precision != "minutes":
        text += value.strftime(":%S")
    if precision == "milliseconds":
        text += f".{value.microsecond // 1000:03d}"
    offset = value.strftime("%z")  # +HHMM
    return f"{text} {offset[:3]}:{offset[3:5]}"
