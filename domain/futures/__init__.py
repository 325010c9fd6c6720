"""Futures contracts: the spec registry, last trade and notice dates, listings, front month
roll schedules and continuous-series stitching (reference/futures_and_calendars.md §2 and §4).

``domain.calendars`` supplies the business days the rules count; it is imported lazily
because it in turn looks up session templates here.
"""

from trade_analyst.domain.futures.continuous import ContractBars, back_adjust, roll_gap, trim
from trade_analyst.domain.futures.contracts import ContractLike, RootLike, as_contract
from trade_analyst.domain.futures.cycles import ListingTier
from trade_analyst.domain.futures.expiry import first_notice_date, last_trade_date, last_trade_time
from trade_analyst.domain.futures.listing import listed_contracts
from trade_analyst.domain.futures.rolls import (
    POLICIES,
    Policy,
    Roll,
    front_month,
    next_contract,
    roll_date,
    roll_schedule,
)
from trade_analyst.domain.futures.rules import DateRule
from trade_analyst.domain.futures.specs import ContractSpec, all_roots, contract_spec
from trade_analyst.domain.futures.stitching import ADJUSTMENTS, Adjustment, StitchedPoint, stitch

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
