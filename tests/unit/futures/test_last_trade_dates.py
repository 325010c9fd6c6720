"""Last trade / first notice dates against real historical dates.

The table of real last trade dates ships in the package (``trade_analyst.testing.real_dates``)
so the installed laws check it too; the markers below are as there:
[R] = a real last trade date published by the exchange (CME Group, CFE).
[D] = derived by hand from the exchange's rule text and the holiday list.
"""

from datetime import UTC, date, datetime

import pytest

from trade_analyst.domain.errors import DomainError, UnknownRoot
from trade_analyst.domain.futures import first_notice_date, last_trade_date, last_trade_time
from trade_analyst.domain.symbols import FuturesContract
from trade_analyst.testing.real_dates import LAST_TRADE_DATES


@pytest.mark.parametrize(("symbol", "expected"), LAST_TRADE_DATES)
def test_last_trade_date_matches_history(symbol: str, expected: date) -> None:
    assert last_trade_date(symbol) == expected


# LE/HE rules are not in the reference (CME specs from memory, unverified): these rows check
# the rule as encoded - last business day / 10th business day of the contract month.
@pytest.mark.parametrize(
    ("symbol", "expected"),
    [("/LEZ25", date(2025, 12, 31)), ("/HEZ25", date(2025, 12, 12)), ("/HEG25", date(2025, 2, 14))],
)
def test_livestock_rules_as_encoded(symbol: str, expected: date) -> None:
    assert last_trade_date(symbol) == expected


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("/GCZ25", date(2025, 11, 28)),  # [R]
        ("/SIX14", date(2014, 10, 31)),  # [D] last business day of October 2014
        ("/ZNZ25", date(2025, 11, 28)),  # [D] Treasuries: last business day of prior month
        ("/ZCZ21", date(2021, 11, 30)),  # [D] grains: same
        ("/ZTH24", date(2024, 2, 29)),  # [D]
    ],
)
def test_first_notice_date(symbol: str, expected: date) -> None:
    assert first_notice_date(symbol) == expected


@pytest.mark.parametrize("symbol", ["/ESZ25", "/VXZ25", "/SR3H25", "/BTCZ25", "/CLZ25", "/6EZ25"])
def test_no_first_notice_where_none_precedes_expiry(symbol: str) -> None:
    assert first_notice_date(symbol) is None


def test_every_contract_spelling_gives_the_same_date() -> None:
    forms = ["/ESZ25", "ESZ25", "/ESZ2025", "esz25", FuturesContract("ES", 12, 2025)]
    assert {last_trade_date(form) for form in forms} == {date(2025, 12, 19)}


def test_one_digit_year_needs_a_reference_date() -> None:
    with pytest.raises(DomainError, match="reference date"):
        last_trade_date("ESZ5")


def test_last_trade_time_is_utc_and_follows_dst() -> None:
    # 09:30 New York: EST in December (14:30 UTC), EDT in June (13:30 UTC).
    assert last_trade_time("/ESZ25") == datetime(2025, 12, 19, 14, 30, tzinfo=UTC)
    assert last_trade_time("/ESM25") == datetime(2025, 6, 20, 13, 30, tzinfo=UTC)
    # ZN 12:01 Chicago (CST): 18:01 UTC.
    assert last_trade_time("/ZNZ25") == datetime(2025, 12, 19, 18, 1, tzinfo=UTC)
    # VX 08:00 Chicago (CDT) on the settlement date.
    assert last_trade_time("/VXM24") == datetime(2024, 6, 18, 13, 0, tzinfo=UTC)


def test_last_trade_time_is_in_utc_whatever_the_hosts_zone() -> None:
    # Equal instants compare equal across zones, so check the zone itself: UTC, not the
    # host's local zone (which is UTC on CI machines and would hide the difference).
    stop = last_trade_time("/ESZ25")
    assert stop is not None
    assert stop.tzinfo is UTC


def test_unknown_stop_time_is_none() -> None:
    assert last_trade_time("/CLZ25") is None


def test_unknown_root_names_the_known_ones() -> None:
    with pytest.raises(UnknownRoot, match="ES") as info:
        last_trade_date("/XXZ25")
    assert "known roots" in str(info.value)


def test_text_that_is_not_a_contract_is_rejected() -> None:
    with pytest.raises(DomainError):
        last_trade_date("/ES")
