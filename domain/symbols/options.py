"""Option symbols: listed equity/index options (OCC) and Schwab futures options."""

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any, Literal

import attrs

from trade_analyst.domain.symbols._checks import (
    invalid,
    month_validator,
    pattern_validator,
    right_validator,
)
from trade_analyst.domain.symbols.months import month_code

OCC_ROOT = r"[A-Z][A-Z0-9]{0,5}"
FUTURES_OPTION_ROOT = r"(?=[A-Z0-9]*[A-Z])[A-Z0-9]{1,6}"
FUTURES_OPTION_STRIKE = r"[0-9]+(?:\.[0-9]+)?"
_THOUSANDTH = Decimal("0.001")
_MAX_OCC_STRIKE = Decimal("100000")  # eight digits of thousandths


def to_strike(value: Decimal | int | str) -> Decimal:
    """Accept an int, a decimal string or a Decimal; floats are refused (they are inexact)."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int | str) and not isinstance(value, bool):
        try:
            return Decimal(value)
        except InvalidOperation:
            pass
    raise invalid(f"strike {value!r} is not a decimal number")


def _check_strike(_instance: object, _attribute: Any, value: Decimal) -> None:
    if not value.is_finite() or not 0 < value < _MAX_OCC_STRIKE or value % _THOUSANDTH != 0:
        raise invalid(
            f"strike {value} must be above 0 and below 100000 in steps of 0.001 (OCC form)"
        )


def _check_occ_expiration(_instance: object, _attribute: Any, value: Any) -> None:
    # OCC symbols spell the year with two digits, which we read as 20YY.
    if type(value) is not dt.date or not 2000 <= value.year <= 2099:
        raise invalid(f"expiration must be a date in 2000-2099, got {value!r}")


def _check_two_digit_year(_instance: object, _attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 2000 <= value <= 2099:
        raise invalid(f"year must be from 2000 to 2099 (written as two digits), got {value!r}")


@attrs.frozen
class EquityOption:
    """A listed option in OCC form, e.g. ``AAPL  251219C00200000`` (AAPL 2025-12-19 200 call).

    ``underlying`` is the OCC option root (``SPXW`` for SPX weeklies); ``strike`` is exact.
    """

    underlying: str = attrs.field(validator=pattern_validator(OCC_ROOT, "OCC option root"))
    expiration: dt.date = attrs.field(validator=_check_occ_expiration)
    right: Literal["C", "P"] = attrs.field(validator=right_validator)
    strike: Decimal = attrs.field(converter=to_strike, validator=_check_strike)

    @property
    def kind(self) -> Literal["option"]:
        return "option"

    def __str__(self) -> str:
        thousandths = int(self.strike * 1000)
        return f"{self.underlying:<6}{self.expiration:%y%m%d}{self.right}{thousandths:08d}"


@attrs.frozen
class FuturesOption:
    """A futures option as Schwab spells it, e.g. ``./OZCZ23C565``.

    ``root`` is the option root (OZC), not the underlying future's; ``strike`` keeps the
    exact text (``565``, ``0.55``) because Schwab's strike formatting varies by product and
    rewriting it would break the round trip.
    """

    root: str = attrs.field(validator=pattern_validator(FUTURES_OPTION_ROOT, "futures option root"))
    month: int = attrs.field(validator=month_validator)
    year: int = attrs.field(validator=_check_two_digit_year)
    right: Literal["C", "P"] = attrs.field(validator=right_validator)
    strike: str = attrs.field(
        validator=pattern_validator(FUTURES_OPTION_STRIKE, "futures option strike")
    )

    @property
    def kind(self) -> Literal["future_option"]:
        return "future_option"

    @property
    def strike_value(self) -> Decimal:
        return Decimal(self.strike)

    def __str__(self) -> str:
        return (
            f"./{self.root}{month_code(self.month)}{self.year % 100:02d}{self.right}{self.strike}"
        )
