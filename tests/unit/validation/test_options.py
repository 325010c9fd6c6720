"""Option chain rules: greeks ranges by right, sentinels, book, strike, expiry."""

import datetime as dt
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.domain.validation import Finding, validate_option_chain

EXPIRY = dt.date(2025, 3, 21)


def contract(right: str = "C", **fields: Any) -> OptionContract:
    base: dict[str, Any] = {
        "symbol": f"SPY   250321{right}00500000",
        "underlying": "SPY",
        "expiration": EXPIRY,
        "right": right,
        "strike": 500.0,
        "bid": 4.0,
        "ask": 4.2,
        "last": 4.1,
        "mark": 4.1,
        "volume": 100,
        "open_interest": 2_000,
        "implied_volatility": 0.18,
        "delta": 0.52 if right == "C" else -0.48,
        "gamma": 0.03,
        "theta": -0.2,
        "vega": 0.4,
        "rho": 0.05 if right == "C" else -0.05,
        "in_the_money": right == "C",
    }
    base.update(fields)
    return OptionContract(**base)


def chain(*contracts: OptionContract, price: float | None = 501.0) -> OptionChain:
    return OptionChain("SPY", price, contracts)


def rules(findings: list[Finding]) -> list[tuple[str, int | None, str | None, str]]:
    return [(f.rule_id, f.row, f.field, f.severity) for f in findings]


def test_sane_chain_has_no_findings() -> None:
    assert validate_option_chain(chain(contract("C"), contract("P")), on=EXPIRY) == []


@pytest.mark.parametrize(
    ("right", "fields", "expected"),
    [
        ("C", {"delta": 1.2}, [("options.delta_range", "delta", "error")]),
        ("P", {"delta": -1.01}, [("options.delta_range", "delta", "error")]),
        ("C", {"delta": -0.3}, [("options.delta_sign", "delta", "error")]),
        ("P", {"delta": 0.3}, [("options.delta_sign", "delta", "error")]),
        ("C", {"delta": 1.0}, []),
        ("P", {"delta": -1.0}, []),
        ("P", {"delta": 0.0}, []),
        ("C", {"gamma": -0.01}, [("options.gamma_negative", "gamma", "error")]),
        ("C", {"vega": -0.01}, [("options.vega_negative", "vega", "error")]),
        (
            "C",
            {"implied_volatility": -0.1},
            [("options.implied_volatility_negative", "implied_volatility", "error")],
        ),
        (
            "C",
            {"implied_volatility": 25.667},
            [("options.iv_extreme", "implied_volatility", "warning")],
        ),
        ("C", {"vega": -999.0}, [("options.sentinel", "vega", "warning")]),
        (
            "P",
            {"implied_volatility": -999.0, "delta": -999.0},
            [
                ("options.sentinel", "implied_volatility", "warning"),
                ("options.sentinel", "delta", "warning"),
            ],
        ),
        ("C", {"theta": math.nan}, [("options.non_finite", "theta", "error")]),
        ("C", {"bid": 4.3}, [("options.crossed", "bid", "error")]),
        ("C", {"bid": 4.2}, [("options.locked", "bid", "warning")]),
        ("C", {"bid": 0.0, "ask": 0.0}, []),  # no market on a far strike is normal
        (
            "C",
            {"bid": -0.05, "ask": -0.05},  # one book rule for quotes and options: still locked
            [
                ("options.negative_price", "bid", "error"),
                ("options.negative_price", "ask", "error"),
                ("options.locked", "bid", "warning"),
            ],
        ),
        ("C", {"last": -0.05}, [("options.negative_price", "last", "error")]),
        ("C", {"strike": 0.0}, [("options.strike_not_positive", "strike", "error")]),
        ("C", {"open_interest": -3}, [("options.negative_count", "open_interest", "error")]),
        ("C", {"volume": -999}, [("options.sentinel", "volume", "warning")]),
    ],
)
def test_contract_defects(
    right: str, fields: dict[str, Any], expected: list[tuple[str, str, str]]
) -> None:
    neighbour = contract("C", symbol="SPY   250321C00490000", strike=490.0, delta=0.6)
    findings = validate_option_chain(chain(neighbour, contract(right, **fields)))
    assert [(f.rule_id, f.field, f.severity) for f in findings] == expected
    assert all(f.row == 1 for f in findings)


def test_expired_contracts_need_a_date() -> None:
    old = contract("C", expiration=dt.date(2025, 3, 14), symbol="SPY   250314C00500000")
    assert validate_option_chain(chain(old)) == []
    assert validate_option_chain(chain(old), on=dt.date(2025, 3, 14)) == []
    assert rules(validate_option_chain(chain(contract(), old), on=dt.date(2025, 3, 17))) == [
        ("options.expired", 1, "expiration", "warning")
    ]


def test_duplicate_contracts() -> None:
    assert rules(validate_option_chain(chain(contract(), contract("P"), contract()))) == [
        ("options.duplicate_contract", 2, "symbol", "warning")
    ]


def test_bad_underlying_price_is_a_chain_level_finding() -> None:
    assert rules(validate_option_chain(chain(contract(), price=-999.0))) == [
        ("options.sentinel", None, "underlying_price", "warning")
    ]
    assert rules(validate_option_chain(chain(contract(), price=0.0))) == [
        ("options.zero_price", None, "underlying_price", "error")
    ]
    assert validate_option_chain(chain(contract(), price=None)) == []


def test_empty_chain_is_a_warning() -> None:
    assert rules(validate_option_chain(chain())) == [("options.empty", None, None, "warning")]


numbers = st.none() | st.floats() | st.sampled_from([-999.0, 0.0, -1.0, 1.0])


@given(
    st.lists(
        st.builds(
            OptionContract,
            symbol=st.sampled_from(["A", "B", "C"]),
            underlying=st.just("X"),
            expiration=st.dates(),
            right=st.sampled_from(["C", "P"]),
            strike=st.floats(),
            bid=numbers,
            ask=numbers,
            last=numbers,
            mark=numbers,
            volume=st.none() | st.integers(),
            open_interest=st.none() | st.integers(),
            implied_volatility=numbers,
            delta=numbers,
            gamma=numbers,
            theta=numbers,
            vega=numbers,
            rho=numbers,
        ),
        max_size=10,
    ),
    numbers,
    st.none() | st.dates(),
)
def test_never_raises_and_rows_in_range(
    contracts: list[OptionContract], price: float | None, on: dt.date | None
) -> None:
    findings = validate_option_chain(OptionChain("X", price, contracts), on=on)
    for finding in findings:
        assert finding.row is None or 0 <= finding.row < len(contracts)
