"""A clock that stands still until told to move."""

import datetime as dt

import attrs

from trade_analyst.ports import TradeAnalystError


def _aware(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"FakeClock needs an aware datetime, got {value.isoformat()}")
    return value.astimezone(dt.UTC)


@attrs.define
class FakeClock:
    """Returns ``at`` until ``advance`` or ``set`` moves it; never goes backwards."""

    at: dt.datetime = attrs.field(converter=_aware)

    def now(self) -> dt.datetime:
        return self.at

    def today(self, zone: dt.tzinfo) -> dt.date:
        return self.at.astimezone(zone).date()

    def advance(self, by: dt.timedelta) -> dt.datetime:
        if by < dt.timedelta(0):
            raise TradeAnalystError(f"a clock does not go back (advance by {by})")
        self.at += by
        return self.at

    def set(self, at: dt.datetime) -> dt.datetime:
        moved = _aware(at)
        if moved < self.at:
            raise TradeAnalystError(f"a clock does not go back ({moved} < {self.at})")
        self.at = moved
        return self.at
