"""A point-in-time quote for any instrument."""

import datetime as dt

import attrs

from trade_analyst.domain.models._fields import (
    instance_of_str,
    to_optional_float,
    to_optional_int,
    to_optional_utc,
)


@attrs.frozen(kw_only=True)
class Quote:
    """One quote as a provider reported it; absent fields are None, never 0.

    ``symbol`` is the text the caller asked for (``/ES``); ``contract`` names the real contract
    when the provider resolved a root to one (``/ESZ25``). ``synthetic`` marks data the mock
    provider made up, so it can never pass for a market record.
    """

    symbol: str = attrs.field(validator=instance_of_str)
    asset_type: str = attrs.field(validator=instance_of_str)
    provider: str = attrs.field(validator=instance_of_str)
    synthetic: bool = attrs.field(default=False, validator=attrs.validators.instance_of(bool))
    bid: float | None = attrs.field(default=None, converter=to_optional_float)
    ask: float | None = attrs.field(default=None, converter=to_optional_float)
    last: float | None = attrs.field(default=None, converter=to_optional_float)
    mark: float | None = attrs.field(default=None, converter=to_optional_float)
    bid_size: int | None = attrs.field(default=None, converter=to_optional_int)
    ask_size: int | None = attrs.field(default=None, converter=to_optional_int)
    volume: int | None = attrs.field(default=None, converter=to_optional_int)
    open: float | None = attrs.field(default=None, converter=to_optional_float)
    high: float | None = attrs.field(default=None, converter=to_optional_float)
    low: float | None = attrs.field(default=None, converter=to_optional_float)
    close: float | None = attrs.field(default=None, converter=to_optional_float)
    net_change: float | None = attrs.field(default=None, converter=to_optional_float)
    quote_time: dt.datetime | None = attrs.field(default=None, converter=to_optional_utc)
    trade_time: dt.datetime | None = attrs.field(default=None, converter=to_optional_utc)
    contract: str | None = attrs.field(
        default=None, validator=attrs.validators.optional(instance_of_str)
    )
    # The regular session's last trade: after the close ``last`` may be an extended-hours
    # print, this stays the day's regular close. None when the provider does not say.
    regular_last: float | None = attrs.field(default=None, converter=to_optional_float)
