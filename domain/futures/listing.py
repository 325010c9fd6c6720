"""Which contracts of a root are listed (and not yet expired) on a date."""

from datetime import date

from trade_analyst.domain.futures import days
from trade_analyst.domain.futures.contracts import RootLike, make
from trade_analyst.domain.futures.cycles import (
    LOOKBACK_MONTHS,
    ListingTier,
    month_index,
    months_from,
)
from trade_analyst.domain.futures.expiry import ltd_of
from trade_analyst.domain.futures.specs import contract_spec
from trade_analyst.domain.symbols import FuturesContract


def _tier_months(root: str, tier: ListingTier, on: date) -> list[tuple[int, int]]:
    start = days.shift_month(on.year, on.month, -LOOKBACK_MONTHS)
    now = month_index(on.year, on.month)
    found: list[tuple[int, int]] = []
    for ym in months_from(*start, tier.codes):
        if tier.count is not None and len(found) >= tier.count:
            break
        if tier.horizon_months is not None and month_index(*ym) - now >= tier.horizon_months:
            break
        if ltd_of(root, *ym) >= on:
            found.append(ym)
    return found


def listed_contracts(root: RootLike, on: date) -> list[FuturesContract]:
    """The unexpired contracts listed on ``on``, sorted by last trade date.

    Follows each root's listing schedule (nearest N of a cycle, or every cycle month within a
    horizon). Product launch dates are not modelled: early dates list contracts that did not
    exist yet.
    """
    spec = contract_spec(root)
    months = {ym for tier in spec.listing for ym in _tier_months(spec.root, tier, on)}
    ordered = sorted(months, key=lambda ym: (ltd_of(spec.root, *ym), ym))
    return [make(spec, *ym) for ym in ordered]
