"""England & Wales bank holidays (for BTC/MBT expiries)."""

from datetime import date

import pytest

from trade_analyst.domain.calendars import is_uk_business_day, uk_bank_holidays
from trade_analyst.domain.errors import DateOutOfRange, DomainError


@pytest.mark.parametrize(
    "iso",
    [
        "2020-05-08",  # Early May moved to VE Day
        "1995-05-08",
        "2002-06-03",  # Golden Jubilee
        "2002-06-04",  # Spring bank holiday moved
        "2012-06-04",
        "2012-06-05",
        "2022-06-02",
        "2022-06-03",
        "2022-09-19",  # State funeral
        "2023-05-08",  # Coronation
        "2011-04-29",  # Royal wedding
        "1999-12-31",
        "2024-03-29",  # Good Friday
        "2024-04-01",  # Easter Monday
        "2024-05-06",  # Early May
        "2024-05-27",  # Spring
        "2024-08-26",  # Summer
        "2021-12-27",  # Christmas Saturday -> Monday
        "2021-12-28",  # Boxing Sunday -> Tuesday
        "2022-12-26",  # Boxing Day (Monday)
        "2022-12-27",  # Christmas Sunday -> Tuesday substitute
        "2020-12-28",  # Boxing Saturday -> Monday
        "2022-01-03",  # New Year Saturday -> Monday
        "2023-01-02",  # New Year Sunday -> Monday
    ],
)
def test_bank_holidays_are_not_business_days(iso: str) -> None:
    d = date.fromisoformat(iso)
    assert d in uk_bank_holidays(d.year)
    assert not is_uk_business_day(d)


@pytest.mark.parametrize(
    "iso",
    [
        "2020-05-04",  # the usual first Monday of May 2020 was moved away
        "2022-05-30",  # the usual last Monday of May 2022 was moved away
        "2024-07-04",  # US holiday, UK business day
        "2021-12-31",
    ],
)
def test_business_days(iso: str) -> None:
    assert is_uk_business_day(date.fromisoformat(iso))


def test_weekends_are_not_business_days() -> None:
    assert not is_uk_business_day(date(2024, 6, 1))
    assert not is_uk_business_day(date(2024, 6, 2))


def test_eight_bank_holidays_in_an_ordinary_year() -> None:
    assert len(uk_bank_holidays(2024)) == 8


def test_errors() -> None:
    with pytest.raises(DateOutOfRange):
        is_uk_business_day(date(2070, 1, 2))
    with pytest.raises(DomainError):
        is_uk_business_day("2024-01-02")  # type: ignore[arg-type]
