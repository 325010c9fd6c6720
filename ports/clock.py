"""Where the current time comes from, so code that needs "now" can be tested at any moment."""

import datetime as dt
from typing import Protocol


class Clock(Protocol):
    """The current instant.

    ``now`` is always an aware datetime in UTC. ``today`` is the calendar date at that instant
    in ``zone`` (a trade date is a New York or Chicago date, not a UTC one).
    """

    def now(self) -> dt.datetime: ...

    def today(self, zone: dt.tzinfo) -> dt.date: ...
