"""Futures month codes: the single letters exchanges use for delivery months."""

MONTH_CODES = "FGHJKMNQUVXZ"
"""Month codes in calendar order: F = January ... Z = December."""

_MONTH_LEGEND = "F=Jan G=Feb H=Mar J=Apr K=May M=Jun N=Jul Q=Aug U=Sep V=Oct X=Nov Z=Dec"


def month_code(month: int) -> str:
    """The code letter of ``month`` (1-12); ``month_code(12) == "Z"``."""
    if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
        raise ValueError(f"month must be an int from 1 to 12, got {month!r}")
    return MONTH_CODES[month - 1]


def month_from_code(code: str) -> int:
    """The month (1-12) of a code letter, case-insensitive; ``month_from_code("Z") == 12``."""
    index = MONTH_CODES.find(code.upper()) if len(code) == 1 else -1
    if index < 0:
        raise ValueError(f"{code!r} is not a futures month code ({_MONTH_LEGEND})")
    return index + 1


def month_legend() -> str:
    """All codes with their months, for error messages."""
    return _MONTH_LEGEND
