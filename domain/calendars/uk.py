"""England & Wales bank holidays, for products (BTC, MBT) whose expiry needs UK business days."""

from datetime import date, timedelta
from functools import cache

from trade_analyst.domain.calendars.bounds import check_year
from trade_analyst.domain.calendars.date_rules import (
    MONDAY,
    SATURDAY,
    SUNDAY,
    easter_sunday,
    is_weekday,
    last_weekday,
    nth_weekday,
)
from trade_analyst.domain.errors import DomainError

# Bank holidays moved by royal proclamation: (year, rule name) -> the date used instead.
_MOVED = {
    (1995, "Early May bank holiday"): date(1995, 5, 8),  # VE Day 50th anniversary
    (2020, "Early May bank holiday"): date(2020, 5, 8),  # VE Day 75th anniversary
    (2002, "Spring bank holiday"): date(2002, 6, 4),  # Golden Jubilee
    (2012, "Spring bank holiday"): date(2012, 6, 4),  # Diamond Jubilee
    (2022, "Spring bank holiday"): date(2022, 6, 2),  # Platinum Jubilee
}

# One-off bank holidays.
_EXTRA = {
    date(1999, 12, 31): "Millennium celebrations",
    date(2002, 6, 3): "Golden Jubilee",
    date(2011, 4, 29): "Royal wedding",
    date(2012, 6, 5): "Diamond Jubilee",
    date(2022, 6, 3): "Platinum Jubilee",
    date(2022, 9, 19): "State funeral of Queen Elizabeth II",
    date(2023, 5, 8): "Coronation of King Charles III",
}


def _christmas_pair(year: int) -> list[date]:
    """Christmas and Boxing Day with substitute weekdays when either falls on a weekend."""
    christmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if christmas.weekday() == SATURDAY:  # Sat/Sun -> Mon/Tue
        return [christmas + timedelta(days=2), boxing + timedelta(days=2)]
    if christmas.weekday() == SUNDAY:  # Sun/Mon -> Tue (Christmas substitute), Mon
        return [christmas + timedelta(days=2), boxing]
    if boxing.weekday() == SATURDAY:  # Fri/Sat -> Fri, Mon
        return [christmas, boxing + timedelta(days=2)]
    return [christmas, boxing]


def uk_bank_holidays(year: int) -> dict[date, str]:
    """England & Wales bank holidays of ``year`` (1990..2060): observed date -> name."""
    return dict(_uk_year(year))


@cache
def _uk_year(year: int) -> dict[date, str]:
    check_year(year)
    new_year = date(year, 1, 1)
    while not is_weekday(new_year):
        new_year += timedelta(days=1)
    easter = easter_sunday(year)
    rules = {
        "New Year's Day": new_year,
        "Good Friday": easter - timedelta(days=2),
        "Easter Monday": easter + timedelta(days=1),
        "Early May bank holiday": nth_weekday(year, 5, MONDAY, 1),
        "Spring bank holiday": last_weekday(year, 5, MONDAY),
        "Summer bank holiday": last_weekday(year, 8, MONDAY),
    }
    out = {_MOVED.get((year, name), d): name for name, d in rules.items()}
    christmas, boxing = _christmas_pair(year)
    out[christmas] = "Christmas Day"
    out[boxing] = "Boxing Day"
    out.update({d: name for d, name in _EXTRA.items() if d.year == year})
    return out


def is_uk_business_day(d: date) -> bool:
    """Whether ``d`` is a weekday that is not an England & Wales bank holiday."""
    if type(d) is not date:
        raise DomainError(f"expected a datetime.date, got {d!r}")
    return is_weekday(d) and d not in _uk_year(d.year)


def clear_uk_cache() -> None:
    """Forget the built UK years (benchmarks time a cold build)."""
    _uk_year.cache_clear()
