"""``--add`` specs (``sma:20,rsi:14,bb:20:2``) parsed into indicators and their columns."""

import math
import re
from collections.abc import Sequence

import attrs

from trade_analyst.domain.analytics import indicators
from trade_analyst.domain.analytics.indicators import Convention
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import BarSeries

__all__ = ["INDICATOR_FORMS", "IndicatorSpec", "compute", "parse_specs", "warmup_bars"]

# name -> (parameter form shown to users, default parameters, accepted aliases)
_FORMS: dict[str, tuple[str, tuple[float, ...]]] = {
    "sma": ("sma:N (simple moving average of close)", (20,)),
    "ema": ("ema:N (exponential moving average of close)", (20,)),
    "rsi": ("rsi:N (Wilder's RSI, default 14)", (14,)),
    "atr": ("atr:N (Wilder's average true range, default 14)", (14,)),
    "bb": ("bb:N[:K] (Bollinger bands, N bars and K deviations, default 20:2)", (20, 2)),
    "macd": ("macd:FAST:SLOW:SIGNAL (default 12:26:9)", (12, 26, 9)),
    "vol": (
        "vol:N[:P] (stdev of N log returns, annualised by sqrt(P) when P is given, "
        "e.g. vol:20:252)",
        (20,),
    ),
}
_ALIASES = {"bollinger": "bb", "volatility": "vol"}
_ARITY = {"sma": (1, 1), "ema": (1, 1), "rsi": (1, 1), "atr": (1, 1), "bb": (1, 2)}
_ARITY |= {"macd": (3, 3), "vol": (1, 2)}
INDICATOR_FORMS: tuple[str, ...] = tuple(form for form, _ in _FORMS.values())
_NUMBER = re.compile(r"\d+(\.\d+)?")


@attrs.frozen
class IndicatorSpec:
    """One requested indicator: its name and parameters (whole numbers except bb's K)."""

    name: str
    params: tuple[float, ...]

    @property
    def label(self) -> str:
        return "_".join([self.name, *(_format(p) for p in self.params)]).replace(".", "p")

    @property
    def columns(self) -> tuple[str, ...]:
        if self.name == "bb":
            return tuple(f"{self.label}_{part}" for part in ("middle", "upper", "lower"))
        if self.name == "macd":
            return (self.label, f"{self.label}_signal", f"{self.label}_hist")
        return (self.label,)

    @property
    def warmup(self) -> int:
        """Bars before the first defined value (MACD: its slow EMA, then its signal EMA)."""
        whole = [int(p) for p in self.params]
        if self.name in ("rsi", "vol", "atr"):
            # n changes, i.e. n + 1 prices (ATR: n true ranges with a previous close, as
            # TA-Lib counts them; the textbook ATR is defined one bar earlier).
            return whole[0]
        if self.name == "macd":
            return whole[1] - 1 + whole[2] - 1
        return whole[0] - 1


def warmup_bars(specs: Sequence[IndicatorSpec]) -> int:
    """Bars a series needs before its first row for every spec to be defined there."""
    return max((spec.warmup for spec in specs), default=0)


def _format(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def parse_specs(text: str) -> tuple[IndicatorSpec, ...]:
    """Comma-separated ``name[:p1[:p2...]]``; a bare name takes the defaults.

    Raises ``DomainError`` naming the bad part; repeats are kept once.
    """
    parts = [part.strip().lower() for part in text.split(",")]
    if not text.strip() or any(not part for part in parts):
        raise DomainError(f"empty indicator in {text!r}")
    specs: list[IndicatorSpec] = []
    for part in parts:
        name, *raw = part.split(":")
        name = _ALIASES.get(name, name)
        if name not in _FORMS:
            raise DomainError(f"unknown indicator {name!r} in {part!r}")
        low, high = _ARITY[name]
        if raw and not low <= len(raw) <= high:
            raise DomainError(f"{part!r}: {name} takes {_FORMS[name][0]}")
        params = tuple(_param(part, name, index, value) for index, value in enumerate(raw))
        defaults = tuple(float(value) for value in _FORMS[name][1])
        if name == "vol":
            defaults = defaults[: max(len(params), 1)]  # annualise only when asked
        specs.append(IndicatorSpec(name, params + defaults[len(params) :]))
    return tuple(dict.fromkeys(specs))


def _param(part: str, name: str, index: int, value: str) -> float:
    if not _NUMBER.fullmatch(value):
        raise DomainError(f"{part!r}: {value!r} is not a positive number")
    number = float(value)
    # Only Bollinger's width (bb's second) and the annualisation periods may be fractional.
    fractional_ok = (name == "bb" and index == 1) or (name == "vol" and index == 1)
    if not fractional_ok and not number.is_integer():
        raise DomainError(f"{part!r}: {value!r} must be a whole number of bars")
    if number <= 0 or not math.isfinite(number):
        raise DomainError(f"{part!r}: {value!r} must be greater than zero")
    if name == "macd" and index == 1 and number <= float(part.split(":")[1]):
        raise DomainError(f"{part!r}: the slow period must be longer than the fast one")
    if name == "vol" and index == 0 and number < 2:
        raise DomainError(f"{part!r}: volatility needs at least 2 returns")
    return number


def compute(
    specs: Sequence[IndicatorSpec], series: BarSeries, convention: Convention = "talib"
) -> dict[str, tuple[float | None, ...]]:
    """Every column of every spec over ``series`` (close prices; ATR uses high/low too);
    ``convention`` picks how ATR and MACD start (see ``indicators.CONVENTIONS``)."""
    close = series.close
    out: dict[str, tuple[float | None, ...]] = {}
    for spec in specs:
        whole = [int(p) for p in spec.params]
        if spec.name == "sma":
            values: tuple[tuple[float | None, ...], ...] = (indicators.sma(close, whole[0]),)
        elif spec.name == "ema":
            values = (indicators.ema(close, whole[0]),)
        elif spec.name == "rsi":
            values = (indicators.rsi(close, whole[0]),)
        elif spec.name == "atr":
            values = (indicators.atr(series.high, series.low, close, whole[0], convention),)
        elif spec.name == "bb":
            values = indicators.bollinger(close, whole[0], *spec.params[1:])
        elif spec.name == "macd":
            fast, slow, signal = whole
            values = indicators.macd(close, fast, slow, signal, convention)
        else:
            per_year = spec.params[1] if len(spec.params) > 1 else None
            values = (indicators.rolling_volatility(close, whole[0], per_year),)
        out.update(zip(spec.columns, values, strict=True))
    return out
