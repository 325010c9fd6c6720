"""Futures contracts in the mock: which one is the front, when one stops, its carry.

Every contract of a root follows the root's one path scaled by a carry factor, so calendar
spreads stay sane and a continuous series jumps only by the carry at a roll.
"""

import datetime as dt
import functools
import math

from domain.futures import front_month, last_trade_date, last_trade_time
from domain.symbols import FuturesContract

ROLL_POLICY = "auto"
_CARRY = 0.03  # annual cost of carry: later contracts trade a little higher (contango)


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


def trades_on(contract: FuturesContract, day: dt.date) -> bool:
    return day <= last_trade_date(contract)
