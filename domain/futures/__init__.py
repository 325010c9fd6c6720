"""Futures contracts: the spec registry, last trade and notice dates, listings, front month
roll schedules, back-adjusted continuous series and each root's Globex calendar.

``domain.calendars`` supplies the business days the rules count and the session templates;
``root_calendar`` pairs a root with the template its spec names.
"""

from trade_analyst.domain.futures.caches import clear_caches
from trade_analyst.domain.futures.continuous import (
    ADJUSTMENTS,
    Adjustment,
    ContractBars,
    back_adjust,
    roll_gap,
    trim,
)
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
from trade_analyst.domain.futures.sessions import calendar_named, root_calendar, symbol_calendar
from trade_analyst.domain.futures.specs import ContractSpec, all_roots, contract_spec

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
    "all_roots",
    "as_contract",
    "back_adjust",
    "calendar_named",
    "clear_caches",
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
    "root_calendar",
    "symbol_calendar",
    "trim",
]
