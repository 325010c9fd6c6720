"""Market hours for one market and product on one date, as a provider reports them."""

import datetime as dt
from collections.abc import Iterable

import attrs

from trade_analyst.domain.models._fields import instance_of_str, to_tuple_of, to_utc


@attrs.frozen
class MarketSession:
    """One session window: ``name`` such as ``pre_market``, ``regular``, ``post_market``."""

    name: str = attrs.field(validator=instance_of_str)
    start: dt.datetime = attrs.field(converter=to_utc)
    end: dt.datetime = attrs.field(converter=to_utc)


def _to_sessions(values: Iterable[MarketSession]) -> tuple[MarketSession, ...]:
    return to_tuple_of(MarketSession, values, "MarketHours")


@attrs.frozen
class MarketHours:
    """Whether ``market``/``product`` (e.g. ``equity``/``EQ``) trades on ``date``, and when.

    A closed day has ``is_open`` False and usually no sessions.
    """

    market: str = attrs.field(validator=instance_of_str)
    product: str = attrs.field(validator=instance_of_str)
    date: dt.date = attrs.field(validator=attrs.validators.instance_of(dt.date))
    is_open: bool = attrs.field(validator=attrs.validators.instance_of(bool))
    sessions: tuple[MarketSession, ...] = attrs.field(default=(), converter=_to_sessions)

    def session(self, name: str) -> MarketSession | None:
        """The first session called ``name``, or None."""
        return next((s for s in self.sessions if s.name == name), None)
