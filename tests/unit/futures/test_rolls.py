"""Front month, roll dates and roll schedules."""

from datetime import date

import pytest

from trade_analyst.domain.errors import DomainError, UnknownRoot
from trade_analyst.domain.futures import Roll, front_month, next_contract, roll_date, roll_schedule
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot


def es(month: int, year: int) -> FuturesContract:
    return FuturesContract("ES", month, year)


# CME's own examples and the 2022-23 roll table [R]: roll 8 calendar days before expiry.
@pytest.mark.parametrize(
    ("contract", "expected"),
    [
        ("/ESU14", date(2014, 9, 11)),
        ("/ESZ14", date(2014, 12, 11)),
        ("/ESZ12", date(2012, 12, 13)),
        ("/ESH22", date(2022, 3, 10)),
        ("/ESM22", date(2022, 6, 9)),
        ("/ESU22", date(2022, 9, 8)),
        ("/ESZ22", date(2022, 12, 8)),
        ("/ESH23", date(2023, 3, 9)),
        ("/ESM23", date(2023, 6, 8)),
    ],
)
def test_equity_roll_is_eight_days_before_expiry(contract: str, expected: date) -> None:
    assert roll_date(contract) == expected


def test_june_2026_rolls_eight_days_before_the_thursday_expiry() -> None:
    # Our documented choice: 8 days before the actual LTD (Thu 2026-06-18) = Wed 2026-06-10.
    assert roll_date("/ESM26") == date(2026, 6, 10)
    assert roll_date("/ESM27") == date(2027, 6, 9)


def test_equity_front_switches_on_the_roll_date() -> None:
    assert front_month("ES", date(2014, 9, 10)) == es(9, 2014)
    assert front_month("ES", date(2014, 9, 11)) == es(12, 2014)
    assert front_month("/MES", date(2026, 6, 9)) == FuturesContract("MES", 6, 2026)
    assert front_month("/MES", date(2026, 6, 10)) == FuturesContract("MES", 9, 2026)


def test_expiry_policy_keeps_the_contract_through_its_last_trade_date() -> None:
    assert front_month("ES", date(2014, 9, 19), "expiry") == es(9, 2014)
    assert front_month("ES", date(2014, 9, 20), "expiry") == es(12, 2014)
    # Roll date under expiry = first trade date after the LTD (Monday).
    assert roll_date("/ESU14", "expiry") == date(2014, 9, 22)


def test_roll_schedule_reproduces_the_2022_23_table() -> None:
    rolls = roll_schedule("ES", date(2022, 1, 1), date(2023, 6, 30))
    assert [r.date for r in rolls] == [
        date(2022, 3, 10),
        date(2022, 6, 9),
        date(2022, 9, 8),
        date(2022, 12, 8),
        date(2023, 3, 9),
        date(2023, 6, 8),
    ]
    assert rolls[0] == Roll(date(2022, 3, 10), es(3, 2022), es(6, 2022))
    assert rolls[3].to_contract == es(3, 2023)


def test_gold_rolls_the_business_day_before_first_notice() -> None:
    # GCZ25 FND 2025-11-28 [R]; the business day before skips Thanksgiving 2025-11-27.
    assert roll_date("/GCZ25") == date(2025, 11, 26)
    assert front_month("GC", date(2025, 11, 25)) == FuturesContract("GC", 12, 2025)
    # The next liquid month is G (Feb), skipping the listed but thin January.
    assert front_month("GC", date(2025, 11, 26)) == FuturesContract("GC", 2, 2026)
    assert front_month("GC", date(2025, 12, 1), "expiry") == FuturesContract("GC", 12, 2025)
    assert front_month("GC", date(2025, 12, 30), "expiry") == FuturesContract("GC", 1, 2026)


def test_crude_rolls_the_business_day_before_its_last_trade_date() -> None:
    assert roll_date("/CLZ21") == date(2021, 11, 18)  # LTD 2021-11-19 [R]
    assert front_month("CL", date(2021, 11, 17)) == FuturesContract("CL", 12, 2021)
    assert front_month("CL", date(2021, 11, 18)) == FuturesContract("CL", 1, 2022)


def test_corn_rolls_before_first_notice_and_skips_no_liquid_month() -> None:
    # ZCZ21: FND 2021-11-30, roll the business day before.
    assert roll_date("/ZCZ21") == date(2021, 11, 29)
    assert next_contract("/ZCZ21") == FuturesContract("ZC", 3, 2022)


def test_cash_settled_rolls_the_business_day_before_expiry() -> None:
    assert roll_date("/SR3H25") == date(2025, 6, 16)  # LTD 2025-06-17 [R]
    assert roll_date("/VXM24") == date(2024, 6, 17)  # LTD 2024-06-18


def test_sr3_front_is_named_for_the_start_of_its_reference_quarter() -> None:
    # On 2025-05-01 SR3H25 (reference quarter Mar-Jun 2025, stops 2025-06-17 [R]) is still the
    # front quarterly; under expiry the serial SR3G25 (Feb-May, stops 2025-05-20) comes first.
    assert front_month("SR3", date(2025, 5, 1)) == FuturesContract("SR3", 3, 2025)
    assert front_month("SR3", date(2025, 5, 1), "expiry") == FuturesContract("SR3", 2, 2025)


def test_next_contract_follows_the_cycle() -> None:
    assert next_contract("/ESZ25") == es(3, 2026)
    assert next_contract("/GCZ25") == FuturesContract("GC", 2, 2026)
    assert next_contract("/GCZ25", "expiry") == FuturesContract("GC", 1, 2026)
    assert next_contract("/CLZ25") == FuturesContract("CL", 1, 2026)


def test_bad_policy_names_the_valid_ones() -> None:
    with pytest.raises(DomainError, match="auto, expiry"):
        front_month("ES", date(2025, 1, 2), "volume")


def test_unknown_root() -> None:
    with pytest.raises(UnknownRoot):
        front_month("/QQ", date(2025, 1, 2))


def test_roll_schedule_rejects_reversed_range() -> None:
    with pytest.raises(DomainError):
        roll_schedule("ES", date(2025, 1, 2), date(2024, 1, 2))


def test_front_month_accepts_a_futures_root_value() -> None:
    assert front_month(FuturesRoot("ES"), date(2014, 9, 11)) == es(12, 2014)
