"""Rules for option chains: prices, bid/ask, strike, greeks ranges, sentinels, expiry."""

import datetime as dt

from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.domain.validation.findings import Finding
from trade_analyst.domain.validation.values import (
    SENTINELS,
    book_finding,
    number_finding,
    price_finding,
)

_PRICE_FIELDS = ("bid", "ask", "last", "mark")
_GREEK_FIELDS = ("implied_volatility", "delta", "gamma", "theta", "vega", "rho")
_COUNT_FIELDS = ("volume", "open_interest")
# Above 500% annualised IV a value is far more likely a unit slip (percent sent as a
# fraction) than a market, but not impossible, hence a warning.
_EXTREME_IV = 5.0


def validate_option_chain(chain: OptionChain, *, on: dt.date | None = None) -> list[Finding]:
    """All findings for ``chain``; rows are positions in ``chain.contracts``.

    ``on`` (the trade date the chain describes) enables the expired-contract rule. Never
    raises on bad data.
    """
    findings: list[Finding] = []
    price = chain.underlying_price
    if price is not None and (
        found := price_finding(
            "options", None, "underlying_price", price, allow_negative=False, zero="error"
        )
    ):
        findings.append(found)
    if not chain.contracts:
        findings.append(
            Finding("options.empty", "warning", None, f"no contracts for {chain.underlying}")
        )
        return findings
    first_row_of: dict[str, int] = {}
    for row, contract in enumerate(chain.contracts):
        _check_contract(findings, row, contract, on)
        earlier = first_row_of.setdefault(contract.symbol, row)
        if earlier != row:
            findings.append(
                Finding(
                    "options.duplicate_contract",
                    "warning",
                    row,
                    f"{contract.symbol} already appears at row {earlier}",
                    "symbol",
                )
            )
    return findings


def _check_contract(
    findings: list[Finding], row: int, contract: OptionContract, on: dt.date | None
) -> None:
    for field in _PRICE_FIELDS:
        value = getattr(contract, field)
        # Zero is a legal option price (no bid on a far out-of-the-money strike).
        if value is not None and (
            found := price_finding("options", row, field, value, allow_negative=False, zero=None)
        ):
            findings.append(found)
    _check_strike(findings, row, contract.strike)
    if found := book_finding("options", row, contract.bid, contract.ask):
        findings.append(found)
    for field in _GREEK_FIELDS:
        value = getattr(contract, field)
        if value is None:
            continue
        found = number_finding("options", row, field, value)
        if found is None:
            found = _greek_range(row, field, value, contract.right)
        if found is not None:
            findings.append(found)
    for field in _COUNT_FIELDS:
        value = getattr(contract, field)
        if value is not None and value in SENTINELS:
            findings.append(
                Finding(
                    "options.sentinel", "warning", row, f"{field} is {value}, a sentinel", field
                )
            )
        elif value is not None and value < 0:
            findings.append(
                Finding("options.negative_count", "error", row, f"{field} is {value}", field)
            )
    if on is not None and contract.expiration < on:
        findings.append(
            Finding(
                "options.expired",
                "warning",
                row,
                f"{contract.symbol} expired on {contract.expiration.isoformat()}, "
                f"before {on.isoformat()}",
                "expiration",
            )
        )


def _check_strike(findings: list[Finding], row: int, strike: float) -> None:
    found = number_finding("options", row, "strike", strike)
    if found is None and strike <= 0:
        found = Finding(
            "options.strike_not_positive", "error", row, f"strike is {strike:g}", "strike"
        )
    if found is not None:
        findings.append(found)


def _greek_range(row: int, field: str, value: float, right: str) -> Finding | None:
    """A finding when a finite, non-sentinel greek is outside what the right allows."""
    if field == "delta":
        if not -1.0 <= value <= 1.0:
            return Finding(
                "options.delta_range", "error", row, f"delta {value:g} is outside [-1, 1]", field
            )
        if (right == "C" and value < 0) or (right == "P" and value > 0):
            kind = "call" if right == "C" else "put"
            sign = "non-negative" if right == "C" else "non-positive"
            return Finding(
                "options.delta_sign",
                "error",
                row,
                f"a {kind}'s delta must be {sign}, got {value:g}",
                field,
            )
        return None
    if field in ("gamma", "vega", "implied_volatility") and value < 0:
        return Finding(f"options.{field}_negative", "error", row, f"{field} is {value:g}", field)
    if field == "implied_volatility" and value > _EXTREME_IV:
        return Finding(
            "options.iv_extreme",
            "warning",
            row,
            f"implied volatility {value:g} is above {_EXTREME_IV:g} (500%); "
            "IV is a fraction, was a percentage passed?",
            field,
        )
    return None
