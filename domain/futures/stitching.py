"""Continuous series: splice contract prices along a roll schedule, optionally back-adjusted.

``none``: raw prices of whichever contract is the front (gaps at every roll).
``difference``: earlier segments shifted by the price gap at each roll (Panama canal).
``ratio``: earlier segments scaled by the price ratio at each roll (needs positive prices).

The gap at a roll is measured on the latest date on or before the roll date on which both
contracts have a price, so the adjusted old contract meets the new one there exactly. The
newest segment is never adjusted: adjustment only rewrites history.
"""

import bisect
import itertools
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Literal

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures.rolls import Roll
from trade_analyst.domain.symbols import FuturesContract

Adjustment = Literal["none", "difference", "ratio"]
ADJUSTMENTS: tuple[Adjustment, ...] = ("none", "difference", "ratio")

Prices = Mapping[FuturesContract, Mapping[date, float]]


@attrs.frozen
class StitchedPoint:
    day: date
    value: float
    contract: FuturesContract
    raw: float


def _check(adjustment: str) -> Adjustment:
    for known in ADJUSTMENTS:
        if adjustment == known:
            return known
    raise DomainError(f"unknown adjustment {adjustment!r}; valid: {', '.join(ADJUSTMENTS)}")


def _check_rolls(rolls: Sequence[Roll]) -> None:
    for earlier, later in itertools.pairwise(rolls):
        if not (earlier.date < later.date and earlier.to_contract == later.from_contract):
            raise DomainError("rolls must be in date order and chain contract to contract")


def _gap_day(prices: Prices, roll: Roll) -> date:
    old = prices.get(roll.from_contract, {})
    new = prices.get(roll.to_contract, {})
    common = [d for d in old if d in new and d <= roll.date]
    if not common:
        raise DomainError(
            f"no date on or before {roll.date} prices both {roll.from_contract} and "
            f"{roll.to_contract}; cannot measure the roll gap"
        )
    return max(common)


def _roll_adjustments(prices: Prices, rolls: Sequence[Roll], adjustment: Adjustment) -> list[float]:
    """Per roll: the amount (difference) or factor (ratio) that maps old prices onto new."""
    result: list[float] = []
    for roll in rolls:
        day = _gap_day(prices, roll)
        old, new = prices[roll.from_contract][day], prices[roll.to_contract][day]
        if adjustment == "difference":
            result.append(new - old)
        elif old <= 0 or new <= 0:
            raise DomainError(
                f"ratio adjustment needs positive prices; {roll.from_contract}={old}, "
                f"{roll.to_contract}={new} on {day} (use difference)"
            )
        else:
            result.append(new / old)
    return result


def stitch(prices: Prices, rolls: Sequence[Roll], adjustment: str = "none") -> list[StitchedPoint]:
    """One point per date on which the then-front contract has a price, in date order.

    ``rolls`` is a roll schedule (e.g. from ``roll_schedule``); before its first roll the
    front is the first roll's ``from_contract``. With no rolls nothing can be stitched.
    """
    method = _check(adjustment)
    if not rolls:
        raise DomainError("stitch needs at least one roll (see roll_schedule)")
    _check_rolls(rolls)
    fronts = [rolls[0].from_contract, *(roll.to_contract for roll in rolls)]
    amounts = [] if method == "none" else _roll_adjustments(prices, rolls, method)
    roll_days = [roll.date for roll in rolls]
    points: list[StitchedPoint] = []
    for index, contract in enumerate(fronts):
        later = amounts[index:]  # rolls after this segment shift it
        for day in sorted(prices.get(contract, {})):
            # Segment 0 runs before the first roll; segment i from roll i-1 on.
            if bisect.bisect_right(roll_days, day) != index:
                continue
            raw = prices[contract][day]
            value = raw
            for amount in later:
                value = value + amount if method == "difference" else value * amount
            points.append(StitchedPoint(day, value, contract, raw))
    return points
