"""Trade and quote files for trade classification, read column-wise, and the labels written.

Tapes are sorted by (symbol, time) with times in epoch nanoseconds (UTC); their columns are
flat sequences (an ``array.array`` or a list), never an object per row.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import attrs

from trade_analyst.domain.trades import Classified


@attrs.frozen
class Group:
    """Rows ``[start, stop)`` of one symbol (None when the file has no symbol column)."""

    symbol: str | None
    start: int
    stop: int


class TradeTape(Protocol):
    """Trades: when, at what price, how many; one group per symbol."""

    @property
    def times(self) -> Sequence[int]: ...

    @property
    def prices(self) -> Sequence[float]: ...

    @property
    def sizes(self) -> Sequence[float]: ...

    @property
    def groups(self) -> tuple[Group, ...]: ...

    def __len__(self) -> int: ...


class QuoteTape(Protocol):
    """Quotes: when, bid and ask (NaN where the quote is unusable); one group per symbol."""

    @property
    def times(self) -> Sequence[int]: ...

    @property
    def bids(self) -> Sequence[float]: ...

    @property
    def asks(self) -> Sequence[float]: ...

    @property
    def groups(self) -> tuple[Group, ...]: ...


class TapePair(Protocol):
    """A trades file and a quotes file read for one classification run."""

    @property
    def trades(self) -> TradeTape: ...

    @property
    def quotes(self) -> QuoteTape: ...

    def matching_groups(self) -> list[tuple[Group, Group]]:
        """Each symbol's trades with that symbol's quotes (an empty range when none).

        ``InvalidInput`` when one side has several symbols and the other no symbol column.
        """
        ...

    def label_records(self, labels: Classified) -> list[dict[str, object]]:
        """One record per trade, in time order: the trade, its labels, the matched quote."""
        ...

    def write_labels(self, labels: Classified, path: Path) -> None:
        """The records of ``label_records`` as a file (by its suffix), written atomically."""
        ...


class TapeFiles(Protocol):
    """Reads trade and quote files; ``InvalidInput`` names the file, column or row at fault."""

    def check_labels_path(self, path: Path) -> None:
        """Refuse (``InvalidInput``) a labels file type that cannot be written."""
        ...

    def read(self, trades: Path, quotes: Path) -> TapePair:
        """Both files, trades first, each sorted by (symbol, time)."""
        ...
