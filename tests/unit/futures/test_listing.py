"""Listed contracts on a date."""

from datetime import date

from trade_analyst.domain.futures import listed_contracts
from trade_analyst.domain.symbols import FuturesContract


def test_es_lists_five_quarterlies() -> None:
    listed = listed_contracts("ES", date(2025, 12, 19))
    assert [str(c) for c in listed] == ["/ESZ25", "/ESH26", "/ESM26", "/ESU26", "/ESZ26"]


def test_expired_contracts_are_gone_the_next_day() -> None:
    assert listed_contracts("ES", date(2025, 12, 20))[0] == FuturesContract("ES", 3, 2026)


def test_gold_listing_tiers() -> None:
    # 3 consecutive months + G/J/Q/V within 23 months + M/Z within 72 months (CME listing schedule).
    listed = [str(c) for c in listed_contracts("GC", date(2025, 12, 1))]
    assert listed[:3] == ["/GCZ25", "/GCF26", "/GCG26"]
    assert "/GCH26" not in listed  # March is not a gold listing month beyond the first three
    assert "/GCM31" in listed  # 66 months out: inside the 72-month June/December tier
    assert "/GCZ32" not in listed
    assert "/GCG28" not in listed  # Feb 2028 is 26 months out: beyond 23


def test_crude_lists_the_month_after_next_once_the_front_expires() -> None:
    # CLZ21 expired 2021-11-19; on the 20th the first listed is January.
    assert listed_contracts("CL", date(2021, 11, 20))[0] == FuturesContract("CL", 1, 2022)
    assert listed_contracts("CL", date(2021, 11, 19))[0] == FuturesContract("CL", 12, 2021)
