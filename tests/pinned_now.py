"""The instant the tests pin ``ta``'s clock to through ``TA_NOW``.

A run of ``ta`` with ``TA_NOW`` set reads its now and today from it, so a test that sets it
(and takes its dates from here) gives the same answer whatever day it runs.
"""

import datetime as dt
from zoneinfo import ZoneInfo

# A Wednesday in the middle of a regular week, 10:00 in New York: the NYSE is open, no
# holiday, half day or monthly option expiration falls on it.
TA_NOW = "2026-11-18T15:00:00Z"
NOW = dt.datetime.fromisoformat(TA_NOW)
TODAY = NOW.astimezone(ZoneInfo("America/New_York")).date()  # the CLI's today at NOW
