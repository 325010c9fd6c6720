"""Dated exceptions to the holiday rules: ad hoc closures and ad hoc early closes.

These are facts, not rules, so they live in one list each; every entry carries the reason
that doubles as the holiday name shown to users.
"""

from datetime import date

# NYSE full-day closures that no rule produces (1990-2060 range only).
NYSE_ADHOC_CLOSURES: dict[date, str] = {
    date(1994, 4, 27): "National Day of Mourning for President Richard Nixon",
    date(2001, 9, 11): "September 11 attacks",
    date(2001, 9, 12): "September 11 attacks",
    date(2001, 9, 13): "September 11 attacks",
    date(2001, 9, 14): "September 11 attacks",
    date(2004, 6, 11): "National Day of Mourning for President Ronald Reagan",
    date(2007, 1, 2): "National Day of Mourning for President Gerald Ford",
    date(2012, 10, 29): "Hurricane Sandy",
    date(2012, 10, 30): "Hurricane Sandy",
    date(2018, 12, 5): "National Day of Mourning for President George H. W. Bush",
    date(2025, 1, 9): "National Day of Mourning for President Jimmy Carter",
}

# NYSE early closes that no rule produces; all at the regular early-close time of their era.
NYSE_ADHOC_EARLY_CLOSES: frozenset[date] = frozenset(
    {date(1997, 12, 26), date(1999, 12, 31), date(2003, 12, 26)}
)

# CME closures that are not in the CME holiday rule set. CME (Chicago) stopped trading on
# 2001-09-11 and 09-12 and reopened on 09-13. NYMEX energy stayed shut until 09-17;
# per-product closures are not modelled.
CME_ADHOC_CLOSURES: dict[date, str] = {
    date(2001, 9, 11): "September 11 attacks",
    date(2001, 9, 12): "September 11 attacks",
}
