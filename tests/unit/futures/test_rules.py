"""Rule descriptions (what `ta futures` shows for a root) and the business-day sets rules count."""

from datetime import date

import pytest

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import contract_spec, days, last_trade_date
from trade_analyst.domain.futures.rules import (
    BusinessDaysBeforeDayOfMonth,
    BusinessDaysBeforeRule,
    BusinessDaysBeforeWeekday,
    LastFridayOrPrior,
    NthBusinessDay,
    NthLastBusinessDay,
    ThirdFridayOrPrior,
    VixSettlement,
)


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (ThirdFridayOrPrior(), "3rd Friday of the contract month, or the preceding business day"),
        (
            BusinessDaysBeforeDayOfMonth(25, 3, month_offset=-1, holiday_adds_day=True),
            "3 business day(s) before day 25 of the month before the contract month "
            "(one more if that day is not a business day)",
        ),
        (
            BusinessDaysBeforeDayOfMonth(15, 1),
            "1 business day(s) before day 15 of the contract month",
        ),
        (
            BusinessDaysBeforeDayOfMonth(1, 2, month_offset=2),
            "2 business day(s) before day 1 of the month 2 months after the contract month",
        ),
        (NthLastBusinessDay(1), "last business day of the contract month"),
        (
            NthLastBusinessDay(3, month_offset=-1),
            "3rd-last business day of the month before the contract month",
        ),
        (NthBusinessDay(1), "1st business day of the contract month"),
        (NthBusinessDay(2), "2nd business day of the contract month"),
        (NthBusinessDay(10), "10th business day of the contract month"),
        (
            BusinessDaysBeforeWeekday(2),
            "2 business day(s) before the 3rd Wednesday of the contract month",
        ),
        (
            BusinessDaysBeforeWeekday(1, weekday=4, nth=1, month_offset=-1),
            "1 business day(s) before the 1st Friday of the month before the contract month",
        ),
        (
            BusinessDaysBeforeRule(NthLastBusinessDay(1), 1),
            "1 business day(s) before (last business day of the contract month)",
        ),
        (VixSettlement(), "Wednesday 30 days before the 3rd Friday of the following month"),
        (
            LastFridayOrPrior(),
            "last Friday of the contract month, or the preceding UK+US business day",
        ),
    ],
)
def test_each_rule_describes_itself(rule: object, text: str) -> None:
    assert rule.describe() == text  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("n", "ordinal"),
    [
        (1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (9, "9th"), (10, "10th"), (11, "11th"),
        (12, "12th"), (13, "13th"), (20, "20th"), (21, "21st"), (22, "22nd"), (23, "23rd"),
        (101, "101st"), (111, "111th"), (112, "112th"), (120, "120th"), (121, "121st"),
    ],
)  # fmt: skip
def test_ordinals_in_descriptions(n: int, ordinal: str) -> None:
    assert NthBusinessDay(n).describe() == f"{ordinal} business day of the contract month"


def test_specs_describe_their_last_trade_and_first_notice_rules() -> None:
    spec = contract_spec("CL")
    assert spec.last_trade.describe().startswith("3 business day(s) before day 25")


# 2019-05-06 (Early May bank holiday) and 2019-04-22 (Easter Monday) are UK holidays on
# which CME trades; 2019-04-19 (Good Friday) closes both; 2019-07-04 only the US markets.
@pytest.mark.parametrize(
    ("day", "cme", "nyse", "cme_nyse", "cme_uk"),
    [
        (date(2019, 5, 6), True, True, True, False),
        (date(2019, 4, 22), True, True, True, False),
        (date(2019, 4, 19), False, False, False, False),
        (date(2019, 7, 4), False, False, False, False),
        (date(2019, 5, 7), True, True, True, True),
        (date(2025, 1, 9), True, False, False, True),  # NYSE closed for President Carter
    ],
)
def test_each_day_set_counts_its_own_days(
    day: date, cme: bool, nyse: bool, cme_nyse: bool, cme_uk: bool
) -> None:
    assert days.is_business_day("cme", day) is cme
    assert days.is_business_day("nyse", day) is nyse
    assert days.is_business_day("cme+nyse", day) is cme_nyse
    assert days.is_business_day("cme+uk", day) is cme_uk


@pytest.mark.parametrize("day_set", [None, "", "CME", "cme+eu", "uk"])
def test_an_unknown_day_set_is_an_error_not_a_default(day_set: object) -> None:
    known = r"cme, nyse, cme\+nyse, cme\+uk"
    with pytest.raises(DomainError, match=rf"unknown business-day set.*{known}"):
        days.is_business_day(day_set, date(2019, 5, 6))  # type: ignore[arg-type]


def test_a_rule_that_lost_its_day_set_fails_instead_of_moving_the_date() -> None:
    lost = BusinessDaysBeforeDayOfMonth(25, 3, month_offset=-1, day_set=None)  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="unknown business-day set None"):
        lost.date_for(2019, 5)


@pytest.mark.parametrize(
    ("contract", "expected"),
    [
        # 3 CME business days before Thu 2019-04-25: 24, 23, 22 (Easter Monday, a UK holiday).
        ("/CLK19", date(2019, 4, 22)),
        # 3 before Mon 2025-08-25 (UK Summer bank holiday, CME open): 22, 21, 20; counting UK
        # days too would take the 25th as a holiday and give the 19th.
        ("/CLU25", date(2025, 8, 20)),
    ],
)
def test_cl_counts_cme_days_through_uk_only_holidays(contract: str, expected: date) -> None:
    assert last_trade_date(contract) == expected
