"""Comparison with QuantConnect Lean's futures expiry test data (a dev-only oracle).

Lean (Apache-2.0) keeps contract month -> last trade date pairs for its futures in
``Tests/TestData/FuturesExpiryFunctionsTestData.xml`` (UTF-16). That file is not vendored
here (this repository may not hold a copy of it), so the comparison is not part of
``make test``: ``make lean-check LEAN_EXPIRY_XML=<path in a Lean checkout>`` runs it. Every
root both sides cover is compared; each difference must be listed in ``KNOWN_DIFFERENCES``
with the reason our date is kept.
"""

import os
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import pytest

from trade_analyst.domain.futures import all_roots, last_trade_date

MONTH_CODES = "FGHJKMNQUVXZ"
NEW_YEAR_2021 = (
    "Lean treats Fri 2021-12-31 as a holiday; New Year's Day on a Saturday is not observed "
    "on the Friday by the NYSE or CME, so 2021-12-31 is a CME business day"
)
COLUMBUS = (
    "Lean counts bank holidays (Columbus Day) as non-business days; CME trades and "
    "settles on Columbus Day, so it counts as the 1st of the 10 business days of HE"
)

# (root, contract month) -> (Lean's date, ours, why ours is kept)
KNOWN_DIFFERENCES: dict[tuple[str, str], tuple[date, date, str]] = {
    ("GC", "2021-12"): (date(2021, 12, 28), date(2021, 12, 29), NEW_YEAR_2021),
    ("SI", "2021-12"): (date(2021, 12, 28), date(2021, 12, 29), NEW_YEAR_2021),
    ("HG", "2021-12"): (date(2021, 12, 28), date(2021, 12, 29), NEW_YEAR_2021),
    ("NG", "2022-01"): (date(2021, 12, 28), date(2021, 12, 29), NEW_YEAR_2021),
    ("HE", "2017-10"): (date(2017, 10, 16), date(2017, 10, 13), COLUMBUS),
    ("HE", "2018-10"): (date(2018, 10, 15), date(2018, 10, 12), COLUMBUS),
    ("HE", "2018-12"): (
        date(2018, 12, 17), date(2018, 12, 14),
        "Lean treats the 2018-12-05 day of mourning as a holiday; CME livestock traded "
        "regular hours that day (CME Group press release of 2018-12-02), so it counts",
    ),
    ("MGC", "2017-09"): (
        date(2017, 10, 27), date(2017, 9, 27),
        "Lean's row gives the following month's date (3rd-last business day of October); "
        "MGC expires like GC on the 3rd-last business day of the contract month",
    ),
    ("MGC", "2018-03"): (
        date(2018, 4, 26), date(2018, 3, 27),
        "as MGC 2017-09: Lean's row is one month late",
    ),
}  # fmt: skip


def _lean_rows(path: Path) -> list[tuple[str, str, date]]:
    """(root, "YYYY-MM", last trade date) for every Lean row of a root we also have."""
    text = path.read_bytes().decode("utf-16")
    # ElementTree refuses a str whose XML declaration names another encoding.
    root = ET.fromstring(text.split("?>", 1)[1])
    ours = set(all_roots())
    rows = []
    for item in root:
        symbol = item.get("Symbol", "")
        if symbol not in ours:
            continue
        for dates in item.iter("Dates"):
            month = dates.findtext("ContractMonth", "")[:7]
            last = date.fromisoformat(dates.findtext("LastTrade", "")[:10])
            rows.append((symbol, month, last))
    return rows


@pytest.fixture(scope="module")
def lean_rows() -> list[tuple[str, str, date]]:
    location = os.environ.get("LEAN_EXPIRY_XML")
    if not location:
        pytest.fail("set LEAN_EXPIRY_XML to the path of Lean's expiry test data")
    return _lean_rows(Path(location))


def _ours(root: str, month: str) -> date:
    year, number = int(month[:4]), int(month[5:7])
    return last_trade_date(f"/{root}{MONTH_CODES[number - 1]}{year % 100:02d}")


@pytest.mark.reference_data
def test_every_lean_last_trade_date_agrees_or_is_a_known_difference(
    lean_rows: list[tuple[str, str, date]],
) -> None:
    assert len({root for root, _, _ in lean_rows}) >= 30  # the file really was read
    differences = {
        (root, month): (lean, _ours(root, month))
        for root, month, lean in lean_rows
        if _ours(root, month) != lean
    }
    expected = {key: (lean, ours) for key, (lean, ours, _) in KNOWN_DIFFERENCES.items()}
    assert differences == expected


def test_every_known_difference_gives_a_reason() -> None:
    for lean, ours, why in KNOWN_DIFFERENCES.values():
        assert lean != ours
        assert why.strip()
