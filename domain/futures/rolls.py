"""Front month, roll dates and roll schedules under the ``expiry`` and ``auto`` policies.

A roll date is the first trade date on which the *next* contract is the front.

``expiry``: the front is the first listed contract whose last trade date is on or after the
    day asked; the roll date is the first trade date after the last trade date.
``auto``: the front walks the root's liquid ``roll_cycle`` and switches early:
  - equity index: 8 calendar days before the last trade date (CME's convention, normally the
    Thursday of the week before expiry). When the expiry moved to a Thursday (June 2026/2027,
    Juneteenth) we still count 8 days back from the *actual* last trade date, giving a
    Wednesday: one rule with no special cases. A roll date that is not a CME trade date
    moves back to the previous one.
  - first notice day before the last trade date (metals, Treasuries, grains): the business
    day before first notice.
  - everything else (energy, whose notice follows the last trade date; FX; cash-settled VX,
    SR3, BTC, MBT, HE; LE): the business day before the last trade date.
"""

import functools
from collections.abc import Iterator
from datetime import date, timedelta
from typing import Literal

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import days
from trade_analyst.domain.futures.contracts import ContractLike, RootLike, as_contract, make
from trade_analyst.domain.futures.cycles import LOOKBACK_MONTHS, months_from
from trade_analyst.domain.futures.expiry import fnd_of, ltd_of
from trade_analyst.domain.futures.specs import ContractSpec, contract_spec
from trade_analyst.domain.symbols import FuturesContract

Policy = Literal["auto", "expiry"]
POLICIES: tuple[Policy, ...] = ("auto", "expiry")

EQUITY_ROLL_DAYS = 8


@attrs.frozen
class Roll:
    """On ``date`` the front month changes from ``from_contract`` to ``to_contract``."""

    date: date
    from_contract: FuturesContract
    to_contract: FuturesContract


def _check_policy(policy: str) -> Policy:
    if policy == "auto":
        return "auto"
    if policy == "expiry":
        return "expiry"
    raise DomainError(f"unknown roll policy {policy!r}; valid policies: {', '.join(POLICIES)}")


def _cycle(spec: ContractSpec, policy: Policy) -> str:
    return spec.roll_cycle if policy == "auto" else spec.listing_cycle


@functools.lru_cache(maxsize=65536)
def _roll_date_of(root: str, year: int, month: int, policy: Policy) -> date:
    spec = contract_spec(root)
    ltd = ltd_of(root, year, month)
    if policy == "expiry":
        return days.business_days_after(spec.calendar, ltd, 1)
    if spec.product_group == "equity_index":
        return days.on_or_before(spec.calendar, ltd - timedelta(days=EQUITY_ROLL_DAYS))
    notice = fnd_of(root, year, month)
    deadline = ltd if notice is None else min(notice, ltd)
    return days.business_days_before(spec.calendar, deadline, 1)


def _candidates(spec: ContractSpec, on: date, policy: Policy) -> Iterator[tuple[int, int]]:
    year, month = days.shift_month(on.year, on.month, -LOOKBACK_MONTHS)
    return months_from(year, month, _cycle(spec, policy))


def roll_date(contract: ContractLike, policy: str = "auto") -> date:
    """The first trade date on which the contract after this one is the front."""
    c = as_contract(contract)
    return _roll_date_of(c.root, c.year, c.month, _check_policy(policy))


def _is_front_candidate(root: str, ym: tuple[int, int], on: date, policy: Policy) -> bool:
    if policy == "expiry":
        return ltd_of(root, *ym) >= on
    return _roll_date_of(root, *ym, policy) > on


def front_month(root: RootLike, on: date, policy: str = "auto") -> FuturesContract:
    """The contract that is the front on ``on`` under ``policy`` (never one already expired)."""
    checked = _check_policy(policy)
    spec = contract_spec(root)
    for ym in _candidates(spec, on, checked):
        if _is_front_candidate(spec.root, ym, on, checked):
            return make(spec, *ym)
    raise AssertionError("unreachable: month cycles are infinite")  # pragma: no cover


def next_contract(contract: ContractLike, policy: str = "auto") -> FuturesContract:
    """The contract that follows this one as front: the next month of the root's roll cycle
    under ``auto``, of its listing cycle under ``expiry``."""
    c = as_contract(contract)
    spec = contract_spec(c.root)
    year, month = days.shift_month(c.year, c.month, 1)
    return make(spec, *next(months_from(year, month, _cycle(spec, _check_policy(policy)))))


def roll_schedule(root: RootLike, start: date, end: date, policy: str = "auto") -> list[Roll]:
    """Every roll whose date lies in ``[start, end]``, in date order."""
    checked = _check_policy(policy)
    spec = contract_spec(root)
    if end < start:
        raise DomainError(f"roll_schedule needs start <= end, got {start} > {end}")
    rolls: list[Roll] = []
    months = _candidates(spec, start, checked)
    current = next(months)
    for following in months:
        switch = _roll_date_of(spec.root, *current, checked)
        if switch > end:
            break
        if switch >= start:
            rolls.append(Roll(switch, make(spec, *current), make(spec, *following)))
        current = following
    return rolls
