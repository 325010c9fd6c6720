"""Futures contracts: the spec registry, last trade and notice dates, listings, front month
roll schedules and continuous-series stitching (reference/futures_and_calendars.md §2 and §4).

``domain.calendars`` supplies the business days the rules count; it is imported lazily
because it in turn looks up session templates here.
"""

from domain.futures.continuous import ContractBars, back_adjust, roll_gap, trim
from domain.futures.contracts import ContractLike, RootLike, as_contract
from domain.futures.cycles import ListingTier
from domain.futures.expiry import first_notice_date, last_trade_date, last_trade_time
from domain.futures.listing import listed_contracts
from domain.futures.rolls import (
    POLICIES,
    Policy,
    Roll,
    front_month,
    next_contract,
    roll_date,
    roll_schedule,
)
from domain.futures.rules import DateRule
from domain.futures.specs import ContractSpec, all_roots, contract_spec
from domain.futures.stitching import ADJUSTMENTS, Adjustment, StitchedPoint, stitch

__all__ = [
    "ADJUSTMENTS",
    "POLICIES",
    "Adjustment",
    "ContractBars",
    "ContractLike",
    "ContractSpec",
    "DateRule",
    "ListingTier",
    "Policy",
    "Roll",
    "RootLike",
    "StitchedPoint",
    "all_roots",
    "as_contract",
    "back_adjust",
    "contract_spec",
    "first_notice_date",
    "front_month",
    "last_trade_date",
    "last_trade_time",
    "listed_contracts",
    "next_contract",
    "roll_date",
    "roll_gap",
    "roll_schedule",
    "stitch",
    "trim",
]
