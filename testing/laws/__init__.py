"""The domain's laws, by area, in the order the runner checks them.

Time zones come first: when the time-zone database is broken every calendar law fails, and
the zone laws name the cause.
"""

from types import ModuleType

from trade_analyst.testing.laws import bars, calendars, futures, pricing, symbols, time_zones
from trade_analyst.testing.laws.law import Law

AREAS: tuple[ModuleType, ...] = (time_zones, symbols, calendars, futures, bars, pricing)


def all_laws() -> list[Law]:
    """Every law of every area, in declaration order within an area."""
    return [value for area in AREAS for value in vars(area).values() if isinstance(value, Law)]


__all__ = ["AREAS", "Law", "all_laws"]
