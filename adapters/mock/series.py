"""A ``BarSeries`` that also says which futures contract each bar came from.

``domain.models.BarSeries`` has no contract column yet; this subclass carries one so a
continuous ``/ES`` series keeps its provenance. It is still a ``BarSeries`` everywhere.
"""

from collections.abc import Iterable

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import BarSeries


def _as_texts(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


@attrs.frozen
class ContractBarSeries(BarSeries):
    """Bars plus ``contracts[i]``, the contract (``/ESZ25``) behind bar ``i``."""

    contracts: tuple[str, ...] = attrs.field(default=(), converter=_as_texts)

    @contracts.validator
    def _check_contracts(self, _attribute: object, value: tuple[str, ...]) -> None:
        if value and len(value) != len(self.timestamps):
            raise DomainError(f"contracts has {len(value)} entries for {len(self.timestamps)} bars")
