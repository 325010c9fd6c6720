"""Futures symbols: a root (``/ES``) and a dated contract (``/ESZ25``)."""

from typing import Literal

import attrs

from trade_analyst.domain.symbols._checks import (
    four_digit_year_validator,
    month_validator,
    pattern_validator,
)
from trade_analyst.domain.symbols.months import MONTH_CODES, month_code

# 1-5 letters/digits with at least one letter (SR3, 6E, M2K, 10Y). A root may not end in two
# digits or in a month code + digit: those endings are how a contract's expiry is spelt, so
# such a root could never be told apart from a contract (e.g. /ESA25 is a typo, not a root).
FUTURES_ROOT = rf"(?=[A-Z0-9]*[A-Z])[A-Z0-9]{{1,5}}(?<![0-9][0-9])(?<![{MONTH_CODES}][0-9])"


@attrs.frozen
class FuturesRoot:
    """A futures product without an expiry, e.g. ``/ES``; ``root`` has no slash."""

    root: str = attrs.field(validator=pattern_validator(FUTURES_ROOT, "futures root"))

    @property
    def kind(self) -> Literal["future_root"]:
        return "future_root"

    def __str__(self) -> str:
        return f"/{self.root}"


def year_text(year: int) -> str:
    """Two digits for 2000-2099 (Schwab's form); four otherwise so the text parses back."""
    return f"{year % 100:02d}" if 2000 <= year <= 2099 else str(year)


@attrs.frozen(order=False)
class FuturesContract:
    """One futures contract, e.g. ``/ESZ25`` = ES, December 2025. Sorts by (year, month, root)."""

    root: str = attrs.field(validator=pattern_validator(FUTURES_ROOT, "futures root"))
    month: int = attrs.field(validator=month_validator)
    year: int = attrs.field(validator=four_digit_year_validator)

    @property
    def kind(self) -> Literal["future"]:
        return "future"

    @property
    def futures_root(self) -> FuturesRoot:
        return FuturesRoot(self.root)

    @property
    def month_code(self) -> str:
        return month_code(self.month)

    def __str__(self) -> str:
        return f"/{self.root}{month_code(self.month)}{year_text(self.year)}"

    def _key(self) -> tuple[int, int, str]:
        return (self.year, self.month, self.root)

    def __lt__(self, other: "FuturesContract") -> bool:
        if not isinstance(other, FuturesContract):
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: "FuturesContract") -> bool:
        if not isinstance(other, FuturesContract):
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: "FuturesContract") -> bool:
        if not isinstance(other, FuturesContract):
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: "FuturesContract") -> bool:
        if not isinstance(other, FuturesContract):
            return NotImplemented
        return self._key() >= other._key()
