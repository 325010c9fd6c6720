"""Futures contracts in the mock: which one is the front, when one stops, its carry.

Every contract of a root follows the root's one path scaled by a carry factor, so calendar
spreads stay sane and a continuous series jumps only by the carry at a roll.
"""

import datetime as dt
import functools
import math

from trade_analyst.domain.futures import (
    front_month,
    last_trade_date,
    last_trade_time,
    listed_contracts,
)
from trade_analyst.domain.symbols import FuturesContract

ROLL_POLICY = "auto"
_CARRY = 0.03  # annual cost of carry: later contracts trade a little higher (contango)
_DEFERRED_VOLUME = 0.1  # a contract that is not the front trades a tenth of the volume


@functools.lru_cache(maxsize=4096)
def front_on(root: str, day: dt.date) -> FuturesContract:
    """The front contract on trade date ``day`` under the domain's ``auto`` roll policy."""
    return front_month(root, day, ROLL_POLICY)


def carry_factor(contract: FuturesContract, day: dt.date) -> float:
    days_left = (last_trade_date(contract) - day).days
    return math.exp(_CARRY * max(days_left, 0) / 365.0)


def stops_at(contract: FuturesContract, day: dt.date) -> dt.datetime | None:
    """When trading stops on ``day``: the last trade time on the last trade date, else None."""
    if day != last_trade_date(contract):
        return None
    return last_trade_time(contract)


@functools.lru_cache(maxsize=4096)
def _listed(root: str, day: dt.date) -> frozenset[FuturesContract]:
    return frozenset(listed_contracts(root, day))


def trades_on(contract: FuturesContract, day: dt.date) -> bool:
    """Whether the contract is listed and unexpired on trade date ``day`` (the domain's
    listing schedule; product launch dates are not modelled there)."""
    return day <= last_trade_date(contract) and contract in _listed(contract.root, day)


def volume_share(contract: FuturesContract, day: dt.date) -> float:
    """The contract's share of the root's volume: all of it for the front, else a tenth."""
    return 1.0 if contract == front_on(contract.root, day) else _DEFERRED_VOLUME
