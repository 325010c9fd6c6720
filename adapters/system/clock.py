"""The host's clock behind the ``Clock`` port."""

import datetime as dt

import attrs


@attrs.frozen
class SystemClock:
    """Reads the host's clock; always UTC so no host time-zone setting leaks in."""

    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)

    def today(self, zone: dt.tzinfo) -> dt.date:
        return self.now().astimezone(zone).date()
