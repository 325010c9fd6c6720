"""A single print from time and sales."""

import datetime as dt

import attrs

from trade_analyst.domain.models._fields import to_float, to_utc


@attrs.frozen
class Trade:
    """One trade: when (aware UTC), at what price, for how many units."""

    timestamp: dt.datetime = attrs.field(converter=to_utc)
    price: float = attrs.field(converter=to_float)
    size: float = attrs.field(converter=to_float)
