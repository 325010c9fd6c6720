"""The time-zone database the calendars read: present, and with the offsets history had.

Every session window is a wall time in an exchange's zone, so a missing or corrupted
database (no system zoneinfo and no ``tzdata`` package, or a truncated file) breaks every
calendar and expiry time. These laws name that cause instead of a calendar symptom.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from trade_analyst.domain.calendars.templates import TEMPLATES
from trade_analyst.testing.laws.law import law

HOUR = dt.timedelta(hours=1)
# Standard and daylight offsets of the exchanges' zones, for every year the calendars cover
# (US daylight time since 2007: second Sunday of March to first Sunday of November).
OFFSETS = {
    "America/New_York": (-5 * HOUR, -4 * HOUR),
    "America/Chicago": (-6 * HOUR, -5 * HOUR),
}


def exchange_zones() -> list[str]:
    """The zones of every session template."""
    return sorted({template.tz for template in TEMPLATES.values()} | set(OFFSETS))


@law(st.sampled_from(sorted(OFFSETS)), st.integers(2007, 2060))
def exchange_zones_keep_their_standard_and_daylight_offsets(key: str, year: int) -> None:
    zone = ZoneInfo(key)
    standard, daylight = OFFSETS[key]
    assert dt.datetime(year, 1, 15, 12, tzinfo=zone).utcoffset() == standard
    assert dt.datetime(year, 7, 15, 12, tzinfo=zone).utcoffset() == daylight
    # The switch: the second Sunday of March at noon is daylight time, the day before is not.
    first = dt.date(year, 3, 1)
    second_sunday = first + dt.timedelta(days=(6 - first.weekday()) % 7 + 7)
    before = dt.datetime.combine(second_sunday - dt.timedelta(days=1), dt.time(12), zone)
    assert before.utcoffset() == standard
    assert dt.datetime.combine(second_sunday, dt.time(12), zone).utcoffset() == daylight
