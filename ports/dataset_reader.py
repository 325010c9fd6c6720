"""Reading stored datasets back: what ``ta validate PATH`` checks."""

from pathlib import Path
from typing import Protocol

import attrs

from trade_analyst.domain.validation import Finding
from trade_analyst.ports.tables import Table


@attrs.frozen
class FileFinding:
    """A problem with a stored file itself (unreadable, wrong columns, rows in the wrong
    partition, a key stored twice, provenance missing...), naming the file."""

    file: str
    finding: Finding


@attrs.frozen
class DatasetContent:
    """The rows of one dataset (or one loose file) found under a path.

    ``table`` holds the newest row per key of the files that could be read (None when not
    even the kind of a loose file could be told); ``problems`` says what is wrong with the
    files themselves, including those that could not be read. ``origins`` says, for each
    row of ``table``, the file and 0-based row it was read from.
    """

    dataset: str  # e.g. bars_5m; "bars", "quotes" or "option_chains" for a loose file
    source: str
    table: Table | None
    problems: tuple[FileFinding, ...] = ()
    origins: tuple[tuple[str, int], ...] = ()


class DatasetReader(Protocol):
    """Finds, reads and checks the files under a path: a file, a dataset folder or an
    output folder.

    Each file is read on its own; a damaged one is a problem in ``DatasetContent.problems``,
    never an exception. Raises ``InvalidInput`` when the path does not exist or holds no
    dataset file at all, naming what to give instead.
    """

    def read_path(self, path: Path) -> list[DatasetContent]: ...
