"""Month cycles and listing depth: which contract months exist and how far out."""

from collections.abc import Iterator

import attrs

# The same letters as domain.symbols.months; kept here so the futures registry needs no import
# of the symbols package at import time (symbols may one day validate roots against us).
MONTH_CODES = "FGHJKMNQUVXZ"
ALL_MONTHS = MONTH_CODES
QUARTERLY = "HMUZ"

# The latest last trade date falls three months after its contract month (SR3), so scans for
# live contracts start four months before the day asked and never miss one.
LOOKBACK_MONTHS = 4


def months_of(codes: str) -> frozenset[int]:
    """The month numbers of a cycle spelt in codes: ``months_of("HMUZ") == {3, 6, 9, 12}``."""
    return frozenset(MONTH_CODES.index(code) + 1 for code in codes)


def month_index(year: int, month: int) -> int:
    """Months since year 0, so month arithmetic is integer arithmetic."""
    return year * 12 + month - 1


def from_index(index: int) -> tuple[int, int]:
    year, zero_based = divmod(index, 12)
    return year, zero_based + 1


def months_from(year: int, month: int, codes: str) -> Iterator[tuple[int, int]]:
    """Every (year, month) in the cycle from (year, month) onwards, forever."""
    wanted = months_of(codes)
    index = month_index(year, month)
    while True:
        candidate = from_index(index)
        if candidate[1] in wanted:
            yield candidate
        index += 1


@attrs.frozen
class ListingTier:
    """One clause of an exchange listing schedule.

    ``count``: the nearest N unexpired contracts of the cycle are listed.
    ``horizon_months``: every unexpired contract of the cycle whose month is fewer than N
    months after the current month is listed ("Jun/Dec within 72 months").
    Exactly one of the two is set.
    """

    codes: str
    count: int | None = None
    horizon_months: int | None = None

    def __attrs_post_init__(self) -> None:
        if (self.count is None) == (self.horizon_months is None):
            raise ValueError("a listing tier needs exactly one of count or horizon_months")
        if not self.codes or any(code not in MONTH_CODES for code in self.codes):
            raise ValueError(f"cycle {self.codes!r} must use month codes {MONTH_CODES}")


def nearest(codes: str, count: int) -> tuple[ListingTier, ...]:
    return (ListingTier(codes, count=count),)


def within(codes: str, months: int) -> ListingTier:
    return ListingTier(codes, horizon_months=months)
