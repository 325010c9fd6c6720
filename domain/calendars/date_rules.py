"""Closed-form date rules that holiday definitions are built from (pure arithmetic)."""

from datetime import date, timedelta

MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY = range(7)
ONE_DAY = timedelta(days=1)


def easter_sunday(year: int) -> date:
    """Western (Gregorian) Easter Sunday, by the anonymous Gregorian algorithm."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def good_friday(year: int) -> date:
    """Two days before Easter Sunday."""
    return easter_sunday(year) - timedelta(days=2)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th (1-based) ``weekday`` of a month, e.g. the 3rd Monday of January."""
    first = date(year, month, 1)
    offset = (weekday - first.weekday()) % 7
    return first + timedelta(days=offset + 7 * (n - 1))


def last_weekday(year: int, month: int, weekday: int) -> date:
    """The last ``weekday`` of a month, e.g. the last Monday of May."""
    next_month = date(year + month // 12, month % 12 + 1, 1)
    last = next_month - ONE_DAY
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def nearest_weekday(d: date) -> date:
    """Saturday moves back to Friday, Sunday forward to Monday (US 'observed' rule)."""
    if d.weekday() == SATURDAY:
        return d - ONE_DAY
    if d.weekday() == SUNDAY:
        return d + ONE_DAY
    return d


def sunday_to_monday(d: date) -> date:
    """Sunday moves to Monday; Saturday is not moved (so the holiday is simply lost)."""
    return d + ONE_DAY if d.weekday() == SUNDAY else d


def is_weekday(d: date) -> bool:
    """Monday..Friday."""
    return d.weekday() < SATURDAY
