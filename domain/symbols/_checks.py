"""Field validators shared by the symbol value objects.

Each raises ``InvalidSymbol`` naming the bad field and listing the valid forms, so a caller
constructing a symbol directly gets the same guidance as one parsing text.
"""

import re
from typing import Any

from trade_analyst.domain.errors import InvalidSymbol
from trade_analyst.domain.symbols.forms import VALID_FORMS


def invalid(reason: str) -> InvalidSymbol:
    """An InvalidSymbol whose message gives the reason and then every valid form."""
    return InvalidSymbol(f"{reason}; {VALID_FORMS}")


def pattern_validator(pattern: str, what: str) -> Any:
    """An attrs validator requiring a str field to fully match ``pattern``."""
    compiled = re.compile(pattern)

    def check(_instance: object, attribute: Any, value: Any) -> None:
        if not isinstance(value, str) or compiled.fullmatch(value) is None:
            raise invalid(f"{attribute.name} {value!r} is not a valid {what}")

    return check


def month_validator(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 12:
        raise invalid(f"{attribute.name} must be an int from 1 to 12, got {value!r}")


def four_digit_year_validator(_instance: object, attribute: Any, value: Any) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1000 <= value <= 9999:
        raise invalid(f"{attribute.name} must be a 4-digit year, got {value!r}")


def right_validator(_instance: object, attribute: Any, value: Any) -> None:
    if value not in ("C", "P"):
        raise invalid(f"{attribute.name} must be 'C' (call) or 'P' (put), got {value!r}")
