"""Which function checks fetched bars against the domain's bar rules."""

import datetime as dt
from collections.abc import Callable
from typing import Protocol

from trade_analyst.domain.validation import Finding, validate_bars
from trade_analyst.ports import BarColumns


class ValidateBars(Protocol):
    """Gives ``domain.validation.validate_bars``' findings for the bars (``validate_in_domain``,
    or a function computing the same findings faster, e.g. on Arrow columns)."""

    def __call__(
        self,
        bars: BarColumns,
        *,
        is_open_at: Callable[[dt.datetime], bool] | None = None,
        allow_negative: bool = False,
    ) -> list[Finding]: ...


def validate_in_domain(
    bars: BarColumns,
    *,
    is_open_at: Callable[[dt.datetime], bool] | None = None,
    allow_negative: bool = False,
) -> list[Finding]:
    """The domain's own ``validate_bars`` on the bars (the specification; per bar)."""
    return validate_bars(bars.to_series(), is_open_at=is_open_at, allow_negative=allow_negative)
