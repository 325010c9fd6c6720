"""Ports: the interfaces the core needs from the world, and the errors they may raise.

Imports only ``domain`` and the standard library (plus attrs for value types); adapters
implement these Protocols structurally and the composition root picks them.
"""

from trade_analyst.ports._times import from_epoch_ms, to_epoch_ms
from trade_analyst.ports.clock import Clock
from trade_analyst.ports.datasets import (
    BARS,
    OPTION_CHAINS,
    PARTITION_COLUMN,
    QUOTES,
    Column,
    ColumnKind,
    DatasetSchema,
    bars_dataset,
    schema_for,
)
from trade_analyst.ports.errors import (
    AuthRequired,
    DatasetUnreadable,
    DatasetWriteFailed,
    DataValidationFailed,
    InvalidInput,
    NoData,
    ProviderError,
    RateLimited,
    TradeAnalystError,
)
from trade_analyst.ports.market_data import (
    CONTRACT_TYPES,
    INSTRUMENT_SEARCHES,
    INTERVALS,
    MARKETS,
    MOVER_INDICES,
    MOVER_SORTS,
    TRADING_SESSIONS,
    ContractType,
    Instrument,
    InstrumentSearch,
    Interval,
    Market,
    MarketData,
    MarketHours,
    Mover,
    MoverSort,
    ProviderCapabilities,
    QuoteBatch,
    SessionWindow,
    TradingSession,
)
from trade_analyst.ports.records import bars_table, chain_table, quotes_table
from trade_analyst.ports.sink import DatasetSink, Provenance, WriteReport
from trade_analyst.ports.tables import Table
from trade_analyst.ports.tokens import TokenSet, TokenVault

__all__ = [
    "BARS",
    "CONTRACT_TYPES",
    "INSTRUMENT_SEARCHES",
    "INTERVALS",
    "MARKETS",
    "MOVER_INDICES",
    "MOVER_SORTS",
    "OPTION_CHAINS",
    "PARTITION_COLUMN",
    "QUOTES",
    "TRADING_SESSIONS",
    "AuthRequired",
    "Clock",
    "Column",
    "ColumnKind",
    "ContractType",
    "DataValidationFailed",
    "DatasetSchema",
    "DatasetSink",
    "DatasetUnreadable",
    "DatasetWriteFailed",
    "Instrument",
    "InstrumentSearch",
    "Interval",
    "InvalidInput",
    "Market",
    "MarketData",
    "MarketHours",
    "Mover",
    "MoverSort",
    "NoData",
    "Provenance",
    "ProviderCapabilities",
    "ProviderError",
    "QuoteBatch",
    "RateLimited",
    "SessionWindow",
    "Table",
    "TokenSet",
    "TokenVault",
    "TradeAnalystError",
    "TradingSession",
    "WriteReport",
    "bars_dataset",
    "bars_table",
    "chain_table",
    "from_epoch_ms",
    "quotes_table",
    "schema_for",
    "to_epoch_ms",
]
