"""The datasets the product writes: their names, columns, keys and time columns.

These are the logical schemas every ``DatasetSink`` agrees on; an adapter maps each column
kind to its storage type (Arrow ``timestamp[ms, tz=UTC]``, ``float64``...). Every dataset is
partitioned by its ``symbol`` column and by the UTC year of its time column.
"""

from collections.abc import Sequence
from typing import Literal

import attrs

from trade_analyst.ports.errors import InvalidInput
from trade_analyst.ports.market_queries import INTERVALS

ColumnKind = Literal["string", "float64", "int64", "timestamp", "date", "bool"]
PARTITION_COLUMN = "symbol"


@attrs.frozen
class Column:
    """One column. ``timestamp`` values are int milliseconds since the epoch (UTC).

    ``since`` is the schema version that added it: files of an older version lack it, and
    readers fill it with nulls (so such a column is nullable).
    """

    name: str
    kind: ColumnKind
    nullable: bool = False
    since: int = 1


@attrs.frozen
class DatasetSchema:
    """Columns of a dataset family, the key that identifies a row, and its time column.

    Two rows with the same ``key`` are the same record: a sink keeps only the newest.
    ``version`` goes into every file so readers can tell layouts apart.
    """

    kind: str
    version: int
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    time_column: str

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)

    def column(self, name: str) -> Column:
        for column in self.columns:
            if column.name == name:
                return column
        raise KeyError(name)


def _prices(*names: str, nullable: bool = False) -> tuple[Column, ...]:
    return tuple(Column(name, "float64", nullable) for name in names)


BARS = DatasetSchema(
    kind="bars",
    # 2 added trade_date and synthetic; files of version 1 read with nulls there.
    version=2,
    columns=(
        Column("symbol", "string"),
        # The real contract behind a futures root or continuous series; null otherwise.
        Column("contract", "string", nullable=True),
        Column("timestamp", "timestamp"),
        # The session a daily, weekly or monthly bar stands for (the CME trade date for
        # futures, the NYSE session for equities; a week's or month's first session), so
        # bars of different markets join on it. Null for intraday bars.
        Column("trade_date", "date", nullable=True, since=2),
        *_prices("open", "high", "low", "close"),
        Column("volume", "int64"),
        # Whether the bars are made up (the mock provider). Null in version 1 files, whose
        # provenance metadata says it instead.
        Column("synthetic", "bool", nullable=True, since=2),
    ),
    key=("symbol", "timestamp"),
    time_column="timestamp",
)

QUOTES = DatasetSchema(
    kind="quotes",
    # 2 added regular_last; files of version 1 read with nulls there.
    version=2,
    columns=(
        Column("symbol", "string"),
        Column("asset_type", "string"),
        Column("contract", "string", nullable=True),
        # When the quote was true: quote time, else trade time (indices have no quote
        # time), else when it was fetched. Never null, so it can be part of the key.
        Column("as_of", "timestamp"),
        *_prices("bid", "ask", "last", "mark", nullable=True),
        Column("bid_size", "int64", nullable=True),
        Column("ask_size", "int64", nullable=True),
        Column("volume", "int64", nullable=True),
        *_prices("open", "high", "low", "close", "net_change", nullable=True),
        # The regular session's last price; ``last`` is the extended-hours one after the
        # close. Null where the provider does not say.
        Column("regular_last", "float64", nullable=True, since=2),
        Column("quote_time", "timestamp", nullable=True),
        Column("trade_time", "timestamp", nullable=True),
        Column("provider", "string"),
        Column("synthetic", "bool"),
    ),
    key=("symbol", "as_of"),
    time_column="as_of",
)

OPTION_CHAINS = DatasetSchema(
    kind="option_chains",
    # 2 added synthetic; files of version 1 read with nulls there.
    version=2,
    columns=(
        Column("symbol", "string"),  # the underlying, so chains partition like the rest
        Column("as_of", "timestamp"),
        Column("underlying_price", "float64", nullable=True),
        Column("contract", "string"),
        Column("expiration", "date"),
        Column("right", "string"),
        Column("strike", "float64"),
        *_prices("bid", "ask", "last", "mark", nullable=True),
        Column("volume", "int64", nullable=True),
        Column("open_interest", "int64", nullable=True),
        *_prices("implied_volatility", "delta", "gamma", "theta", "vega", "rho", nullable=True),
        Column("in_the_money", "bool", nullable=True),
        # Whether the chain is made up (the mock provider). Null in version 1 files, whose
        # provenance metadata says it instead.
        Column("synthetic", "bool", nullable=True, since=2),
    ),
    key=("symbol", "contract", "as_of"),
    time_column="as_of",
)

IV_HISTORY = DatasetSchema(
    kind="iv_history",
    version=1,
    columns=(
        Column("symbol", "string"),  # the underlying
        Column("date", "date"),  # the New York date the observation stands for
        # Part of the key: a mock run must never overwrite (or rank against) real data.
        Column("provider", "string"),
        Column("synthetic", "bool"),
        Column("as_of", "timestamp"),  # when the chain was fetched
        Column("atm_iv", "float64"),  # constant-maturity ATM implied volatility, a fraction
        Column("tenor_days", "float64"),  # the maturity it stands for (30)
        Column("method", "string"),  # interpolated, or nearest expiration
        Column("underlying_price", "float64", nullable=True),
    ),
    key=("symbol", "provider", "date"),
    time_column="as_of",
)

_FIXED = {"quotes": QUOTES, "option_chains": OPTION_CHAINS, "iv_history": IV_HISTORY}
_VALID_NAMES = ", ".join(
    ["quotes", "option_chains", "iv_history", *(f"bars_{i}" for i in INTERVALS)]
)


def bars_dataset(interval: str) -> str:
    """The dataset name for bars of ``interval`` (``bars_1d``)."""
    name = f"bars_{interval}"
    schema_for(name)
    return name


def schema_for(dataset: str) -> DatasetSchema:
    """The schema of a dataset name; ``InvalidInput`` naming the valid ones otherwise."""
    if dataset in _FIXED:
        return _FIXED[dataset]
    if dataset.startswith("bars_") and dataset.removeprefix("bars_") in INTERVALS:
        return BARS
    raise InvalidInput(f"unknown dataset {dataset!r}", f"datasets are: {_VALID_NAMES}")


def indicators_dataset(interval: str) -> str:
    """``indicators_1d``: bars of ``interval`` with indicator columns."""
    return f"indicators_{interval}"


def indicators_schema(columns: Sequence[str]) -> DatasetSchema:
    """The bars columns followed by one nullable float64 per indicator column.

    Which indicator columns exist depends on the run, so this schema is built per run.
    """
    clash = [name for name in columns if name in BARS.names]
    if clash:
        raise InvalidInput(f"indicator columns {clash} clash with bar columns", "rename them")
    return DatasetSchema(
        kind="indicators",
        version=BARS.version,
        columns=(*BARS.columns, *(Column(name, "float64", nullable=True) for name in columns)),
        key=BARS.key,
        time_column=BARS.time_column,
    )
