"""Trade and quote files for trade classification, read column-wise, and the labels written.

Tapes are sorted by (symbol, time) with times in epoch nanoseconds (UTC); the adapter keeps
their columns and the labels column-wise, never an object per row.
"""

from pathlib import Path
from typing import Protocol

import attrs

from trade_analyst.domain.trades import ClassificationSummary, Method


@attrs.frozen
class Group:
    """Rows ``[start, stop)`` of one symbol (None when the file has no symbol column)."""

    symbol: str | None
    start: int
    stop: int


class TradeTape(Protocol):
    """Trades sorted by (symbol, time); one group per symbol."""

    @property
    def groups(self) -> tuple[Group, ...]: ...

    def __len__(self) -> int: ...


class TradeLabels(Protocol):
    """Every trade of a ``TapePair`` labelled, in the trades' (symbol, time) order."""

    def __len__(self) -> int: ...

    def summary(self, start: int, stop: int) -> ClassificationSummary:
        """What trades ``[start, stop)`` add up to: the domain's ``summarize`` of them."""
        ...

    def records(self) -> list[dict[str, object]]:
        """One record per trade, in time order: the trade, its labels, the matched quote."""
        ...

    def write(self, path: Path) -> None:
        """The records of ``records`` as a file (by its suffix), written atomically."""
        ...


class TapePair(Protocol):
    """A trades file and a quotes file read for one classification run."""

    @property
    def trades(self) -> TradeTape: ...

    def classify(self, *, method: Method, window: int | None) -> TradeLabels:
        """Each symbol's trades against that symbol's quotes (all the quotes when a file
        has no symbol column), labelled exactly as the domain's ``classify_trades`` labels
        them; ``window`` in nanoseconds.

        ``InvalidInput`` when one side has several symbols and the other no symbol column.
        """
        ...


class TapeFiles(Protocol):
    """Reads trade and quote files; ``InvalidInput`` names the file, column or row at fault."""

    def check_labels_path(self, path: Path) -> None:
        """Refuse (``InvalidInput``) a labels file type that cannot be written."""
        ...

    def read(self, trades: Path, quotes: Path) -> TapePair:
        """Both files, trades first, each sorted by (symbol, time)."""
        ...
