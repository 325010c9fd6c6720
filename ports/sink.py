"""Where datasets go: the ``DatasetSink`` port, what a write records and what it reports."""

import json
from collections.abc import Mapping, Sequence
from typing import Protocol

import attrs

from trade_analyst.ports.bar_columns import BarColumns
from trade_analyst.ports.tables import Table

# (contract or None, bars): one symbol's bars, one part per contract of a continuous series.
BarParts = Sequence[tuple[str | None, BarColumns]]


@attrs.frozen(kw_only=True)
class Provenance:
    """Where a write's rows came from; stored with every file so data explains itself.

    ``request`` is canonical JSON text (sorted keys) of what was asked for, so two runs of the
    same request record the same text.
    """

    provider: str
    synthetic: bool
    app_version: str
    request: str = "{}"

    @classmethod
    def of(
        cls,
        *,
        provider: str,
        synthetic: bool,
        app_version: str,
        request: Mapping[str, object],
    ) -> "Provenance":
        text = json.dumps(request, sort_keys=True, separators=(",", ":"), default=str)
        return cls(provider=provider, synthetic=synthetic, app_version=app_version, request=text)


@attrs.frozen(kw_only=True)
class WriteReport:
    """What one write changed.

    ``rows_added`` counts keys the dataset did not hold before; ``rows_skipped`` counts rows
    that fell in partitions already holding exactly them (nothing rewritten there). Files are
    '/'-separated paths relative to the sink's root, sorted. ``files_repaired`` names the
    damaged files a write replaced from fresh rows: each is also counted as removed, and the
    file replacing it as written; rows only a damaged file held count as added.
    """

    dataset: str
    rows_received: int
    rows_added: int
    rows_skipped: int
    files_written: tuple[str, ...] = ()
    files_removed: tuple[str, ...] = ()
    files_repaired: tuple[str, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.files_written or self.files_removed)


class DatasetSink(Protocol):
    """Stores tables in named datasets (``quotes``, ``bars_1d``, ``option_chains``).

    Laws every implementation keeps (``tests/conformance``):

    - idempotent: writing the same rows again changes nothing and reports no files;
    - keyed: after any sequence of writes, no two stored rows share a schema key, and each
      key holds the values of its newest write;
    - all or nothing per partition: a failed write leaves every partition either as it was or
      fully written, never partial files;
    - ``read`` returns the stored rows sorted by key;
    - self-repairing: a write to a partition holding a damaged file rebuilds that file when
      the fresh rows hold all of it, and otherwise raises ``DatasetDamaged`` before writing.

    ``write`` raises ``InvalidInput`` for an unknown dataset or a table of another schema
    (``write_bars`` for a dataset that does not hold bars, or a fractional volume),
    and ``DatasetWriteFailed`` (with the path) when storage refuses.
    """

    def write(self, dataset: str, table: Table, provenance: Provenance) -> WriteReport: ...

    def write_bars(self, dataset: str, parts: BarParts, provenance: Provenance) -> WriteReport:
        """The rows ``write(dataset, bars_table(...))`` of every part would write, as one
        write; a sink may take the columns as they are (no Python value per bar)."""
        ...

    def read(self, dataset: str, symbols: Sequence[str] | None = None) -> Table: ...
