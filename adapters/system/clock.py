"""The host's clock behind the ``Clock`` port, and a clock pinned to one instant."""

import datetime as dt

import attrs


@attrs.frozen
class SystemClock:
    """Reads the host's clock; always UTC so no host time-zone setting leaks in."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self, zone: dt.tzinfo) -> dt.date:
        return self.now().astimezone(zone).date()


@attrs.frozen
class FixedClock:
    """Always the same instant: ``TA_NOW`` pins a run to it, so results are reproducible."""

    at: dt.datetime

    def now(self) -> dt.datetime:
        return self.at

    def today(self, zone: dt.tzinfo) -> dt.date:
        return self.at.astimezone(zone).date()
