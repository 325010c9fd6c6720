"""Last trade / first notice dates against real historical dates.

[R] = a real last trade date published by the exchange (CME Group, CFE).
[D] = derived by hand from the exchange's rule text and the holiday list, usually for a
      contract a public bug report names; the working is in the comment.
"""

from datetime import UTC, date, datetime

import pytest

from trade_analyst.domain.errors import DomainError, UnknownRoot
from trade_analyst.domain.futures import first_notice_date, last_trade_date, last_trade_time
from trade_analyst.domain.symbols import FuturesContract

LAST_TRADE_DATES = [
    # ---- equity index: 3rd Friday or the preceding business day
    ("/ESU14", date(2014, 9, 19)),  # [R] CME roll example
    ("/ESZ14", date(2014, 12, 19)),  # [R]
    ("/ESZ09", date(2009, 12, 18)),  # [R] Lean ES map file
    ("/ESH22", date(2022, 3, 18)),  # [R] 2022-23 roll table
    ("/ESM22", date(2022, 6, 17)),  # [R]
    ("/ESU22", date(2022, 9, 16)),  # [R]
    ("/ESZ22", date(2022, 12, 16)),  # [R]
    ("/ESH23", date(2023, 3, 17)),  # [R]
    ("/ESM23", date(2023, 6, 16)),  # [R]
    ("/ESM24", date(2024, 6, 21)),  # [R] original inventory table
    ("/ESU25", date(2025, 9, 19)),  # [R]
    ("/ESM26", date(2026, 6, 18)),  # [R] Juneteenth on the 3rd Friday -> Thursday
    ("/NQM26", date(2026, 6, 18)),  # [R] Lean #9165
    ("/ESM27", date(2027, 6, 17)),  # [R] Juneteenth observed Fri 2027-06-18
    ("/RTYM27", date(2027, 6, 17)),  # [R] Lean PR #9572 (ES/NQ/YM/RTY)
    ("/YMM27", date(2027, 6, 17)),  # [R]
    ("/MESM26", date(2026, 6, 18)),  # [R] micros share the rule
    # ---- CL: 3 business days before the 25th of the prior month (4 if the 25th is a holiday)
    ("/CLZ21", date(2021, 11, 19)),  # [R] Lean doc example
    ("/CLK20", date(2020, 4, 21)),  # [R] the negative-price contract
    # [D] 2024-12-25 is Christmas -> 4 business days before: 24, 23, 20, 19
    ("/CLF25", date(2024, 12, 19)),
    # [D] 2025-01-25 is a Saturday -> 4 business days before: 24, 23, 22, 21
    ("/CLG25", date(2025, 1, 21)),
    # ---- MCL: CL - 1 business day  [D from the CL rows above]
    ("/MCLZ21", date(2021, 11, 18)),
    ("/MCLK20", date(2020, 4, 20)),
    # ---- NG: 3rd-last business day of the prior month  [D]
    ("/NGK20", date(2020, 4, 28)),  # Apr 2020: 30, 29, 28
    ("/NGZ25", date(2025, 11, 25)),  # Nov 2025: 28 (Fri counts), 26, (27 Thanksgiving), 25
    # ---- RB/HO: last business day of the prior month  [D]
    ("/RBZ25", date(2025, 11, 28)),  # day after Thanksgiving is a CME business day
    ("/HOF26", date(2025, 12, 31)),
    ("/HOG21", date(2021, 1, 29)),
    # ---- metals: 3rd-last business day of the contract month
    ("/SIX14", date(2014, 11, 25)),  # [R] CME silver calendar (needs Fri 2014-11-28 to count)
    ("/GCZ25", date(2025, 12, 29)),  # [D] Dec 2025: 31, 30, 29
    ("/HGH24", date(2024, 3, 26)),  # [D] Mar 2024: 28 (29 Good Friday), 27, 26
    ("/PLJ25", date(2025, 4, 28)),  # [D] Apr 2025: 30, 29, 28
    # ---- ZN/ZB/UB/TN: 7th business day before the last business day  [D]
    ("/ZNZ25", date(2025, 12, 19)),  # Lean #8973: last 31; 30 29 26 24 23 22 19
    ("/ZBH25", date(2025, 3, 20)),  # last 31; 28 27 26 25 24 21 20
    ("/UBM24", date(2024, 6, 18)),  # last 28; 27 26 25 24 21 20 (19 Juneteenth) 18
    # ---- ZF/ZT: last business day of the contract month  [D]
    ("/ZTH24", date(2024, 3, 28)),  # 2024-03-29 is Good Friday
    ("/ZFZ25", date(2025, 12, 31)),
    # ---- grains: business day before the 15th
    ("/ZCZ21", date(2021, 12, 14)),  # [R] Lean doc example
    ("/ZWH26", date(2026, 3, 13)),  # [D] the 15th is a Sunday: plainly the Friday before
    ("/ZSF26", date(2026, 1, 14)),  # [D]
    # ---- FX: 2nd business day before the 3rd Wednesday (6C: 1st)  [D]
    ("/6EM23", date(2023, 6, 16)),  # Lean #7164: Wed 21 -> 20, (19 Juneteenth), 16
    ("/6EG25", date(2025, 2, 14)),  # Lean #8522: Wed 19 -> 18, (17 Presidents' Day), 14
    ("/6JH25", date(2025, 3, 17)),  # Wed 19 -> 18, 17
    ("/6CM23", date(2023, 6, 20)),  # one business day before Wed 21
    ("/6CZ25", date(2025, 12, 16)),  # one business day before Wed 17
    # ---- SR3: business day before the 3rd Wednesday three months after the ticker month
    ("/SR3H25", date(2025, 6, 17)),  # [R]
    ("/SR3Z24", date(2025, 3, 18)),  # [D] IMM Wed 2025-03-19
    # ---- VX: Wednesday 30 days before next month's 3rd Friday, earlier around holidays  [D]
    ("/VXM24", date(2024, 6, 18)),  # Lean #7506: Wed 2024-06-19 is Juneteenth -> Tuesday
    ("/VXH22", date(2022, 3, 15)),  # Fri 2022-04-15 is Good Friday -> Tuesday
    ("/VXH14", date(2014, 3, 18)),  # Fri 2014-04-18 is Good Friday -> Tuesday
    ("/VXZ25", date(2025, 12, 17)),
    (
        "/VXF25",
        date(2025, 1, 22),
    ),  # Fri 2025-02-21 - 30 days  # Fri 2026-01-16 - 30 days, an ordinary Wednesday
    # ---- BTC/MBT: last Friday, or the preceding UK+US business day  [D]
    ("/BTCZ25", date(2025, 12, 24)),  # Fri 26 Boxing Day (UK), Thu 25 Christmas
    ("/BTCH24", date(2024, 3, 28)),  # Fri 29 Good Friday (both)
    ("/MBTF25", date(2025, 1, 31)),
]


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
