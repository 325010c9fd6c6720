"""Reading the year digits of a futures contract symbol."""

import datetime as dt

from trade_analyst.domain.symbols._checks import invalid


def resolve_year(digits: str, today: dt.date | None) -> int:
    """The 4-digit year meant by 1, 2 or 4 year digits.

    Two digits mean 20YY (Schwab's form) and four digits are taken as they are. One digit
    (``ESZ5``, the exchanges' own short form) is ambiguous across decades, so it needs a
    reference date: it means the year in ``[today.year - 1, today.year + 8]`` ending in that
    digit. The window reaches one year back so a contract that expired recently still
    resolves to itself rather than to one nine years away.
    """
    if len(digits) == 4:
        return int(digits)
    if len(digits) == 2:
        return 2000 + int(digits)
    if len(digits) == 1:
        if today is None:
            raise invalid(
                f"one-digit year {digits!r} needs a reference date (pass today=...) "
                "or write two digits"
            )
        first = today.year - 1
        return first + (int(digits) - first) % 10
    raise invalid(f"year {digits!r} must have 1, 2 or 4 digits")
