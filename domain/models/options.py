"""Option contracts as quoted in a chain, and the chain itself."""

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models._fields import (
    instance_of_str,
    to_float,
    to_optional_bool,
    to_optional_float,
    to_optional_int,
    to_tuple_of,
)


def _check_right(_instance: object, _attribute: Any, value: Any) -> None:
    if value not in ("C", "P"):
        raise DomainError(f"right must be 'C' (call) or 'P' (put), got {value!r}")


def _check_date(_instance: object, attribute: Any, value: Any) -> None:
    if type(value) is not dt.date:
        raise DomainError(f"{attribute.name} must be a date, got {type(value).__name__}")


@attrs.frozen(kw_only=True)
class OptionContract:
    """One option's quote and greeks as the provider reported them.

    ``implied_volatility`` is annualised as a fraction (0.25 = 25%; Schwab sends percent, the
    adapter divides). Provider sentinels such as -999 are kept as they arrive so validation can
    flag them; absent values are None.
    """

    symbol: str = attrs.field(validator=instance_of_str)
    underlying: str = attrs.field(validator=instance_of_str)
    expiration: dt.date = attrs.field(validator=_check_date)
    right: Literal["C", "P"] = attrs.field(validator=_check_right)
    strike: float = attrs.field(converter=to_float)
    bid: float | None = attrs.field(default=None, converter=to_optional_float)
    ask: float | None = attrs.field(default=None, converter=to_optional_float)
    last: float | None = attrs.field(default=None, converter=to_optional_float)
    mark: float | None = attrs.field(default=None, converter=to_optional_float)
    volume: int | None = attrs.field(default=None, converter=to_optional_int)
    open_interest: int | None = attrs.field(default=None, converter=to_optional_int)
    implied_volatility: float | None = attrs.field(default=None, converter=to_optional_float)
    delta: float | None = attrs.field(default=None, converter=to_optional_float)
    gamma: float | None = attrs.field(default=None, converter=to_optional_float)
    theta: float | None = attrs.field(default=None, converter=to_optional_float)
    vega: float | None = attrs.field(default=None, converter=to_optional_float)
    rho: float | None = attrs.field(default=None, converter=to_optional_float)
    in_the_money: bool | None = attrs.field(default=None, converter=to_optional_bool)


def _to_contracts(values: Iterable[OptionContract]) -> tuple[OptionContract, ...]:
    return to_tuple_of(OptionContract, values, "an OptionChain")


@attrs.frozen
class OptionChain:
    """All contracts quoted for one underlying (any mix of expirations, strikes and rights)."""

    underlying: str = attrs.field(validator=instance_of_str)
    underlying_price: float | None = attrs.field(converter=to_optional_float)
    contracts: tuple[OptionContract, ...] = attrs.field(converter=_to_contracts)

    def __len__(self) -> int:
        return len(self.contracts)

    def expirations(self) -> tuple[dt.date, ...]:
        """The distinct expirations, earliest first."""
        return tuple(sorted({contract.expiration for contract in self.contracts}))
