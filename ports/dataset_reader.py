"""Reading stored datasets back: what ``ta validate PATH`` checks."""

from pathlib import Path
from typing import Protocol

import attrs

from trade_analyst.ports.tables import Table


@attrs.frozen
class DatasetContent:
    """The rows of one dataset (or one loose file) found under a path."""

    dataset: str  # e.g. bars_5m; "bars", "quotes" or "option_chains" for a loose file
    source: str
    table: Table


class DatasetReader(Protocol):
    """Finds and reads the datasets under a path: a file, a dataset folder or an output folder.

    Each table holds the newest row per key. Raises ``InvalidInput`` when the path does not
    exist or holds nothing readable as a dataset, naming what to give instead.
    """

    def read_path(self, path: Path) -> list[DatasetContent]: ...
