"""The date range every calendar in this package is defined for (1990-01-01..2060-12-31)."""

from datetime import date

from trade_analyst.domain.errors import DateOutOfRange

FIRST_YEAR = 1990
LAST_YEAR = 2060
FIRST_DATE = date(FIRST_YEAR, 1, 1)
LAST_DATE = date(LAST_YEAR, 12, 31)


def out_of_range(what: object) -> DateOutOfRange:
    """The error for a date (or year) outside the supported range, naming the range."""
    return DateOutOfRange(
        f"{what} is outside the calendar range {FIRST_DATE.isoformat()}..{LAST_DATE.isoformat()}"
    )


def check_year(year: int) -> None:
    """Raise DateOutOfRange unless ``year`` lies in FIRST_YEAR..LAST_YEAR."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise out_of_range(f"year {year}")
