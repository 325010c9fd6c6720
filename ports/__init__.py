"""Ports: the interfaces the core needs from the world, and the errors they may raise.

Imports only ``domain`` and the standard library (plus attrs for value types); adapters
implement these Protocols structurally and the composition root picks them.
"""

from trade_analyst.ports._times import from_epoch_ms, to_epoch_ms
from trade_analyst.ports.clock import Clock
from trade_analyst.ports.dataset_reader import DatasetContent, DatasetReader
from trade_analyst.ports.datasets import (
    BARS,
    IV_HISTORY,
    OPTION_CHAINS,
    PARTITION_COLUMN,
    QUOTES,
    Column,
    ColumnKind,
    DatasetSchema,
    bars_dataset,
    indicators_dataset,
    indicators_schema,
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
    INTERVALS,
    MARKETS,
    MOVER_INDICES,
    ContractType,
    Instrument,
    InstrumentSearch,
    Interval,
    Market,
    MarketData,
    MarketHours,
    Mover,
    MoverSort,
    QuoteBatch,
    SessionWindow,
    TradingSession,
)
from trade_analyst.ports.oauth import (
    AuthorizationRequest,
    LoginVault,
    OAuthService,
    PendingLogin,
    RefreshExpiry,
)
from trade_analyst.ports.records import bars_table, chain_table, quotes_table
from trade_analyst.ports.sink import DatasetSink, Provenance, WriteReport
from trade_analyst.ports.tables import Table
from trade_analyst.ports.tokens import TokenSet, TokenVault
from trade_analyst.ports.trade_tapes import Group, QuoteTape, TapeFiles, TapePair, TradeTape

__all__ = [
    "BARS",
    "INTERVALS",
    "IV_HISTORY",
    "MARKETS",
    "MOVER_INDICES",
    "OPTION_CHAINS",
    "PARTITION_COLUMN",
    "QUOTES",
    "AuthRequired",
    "AuthorizationRequest",
    "Clock",
    "Column",
    "ColumnKind",
    "ContractType",
    "DataValidationFailed",
    "DatasetContent",
    "DatasetReader",
    "DatasetSchema",
    "DatasetSink",
    "DatasetUnreadable",
    "DatasetWriteFailed",
    "Group",
    "Instrument",
    "InstrumentSearch",
    "Interval",
    "InvalidInput",
    "LoginVault",
    "Market",
    "MarketData",
    "MarketHours",
    "Mover",
    "MoverSort",
    "NoData",
    "OAuthService",
    "PendingLogin",
    "Provenance",
    "ProviderError",
    "QuoteBatch",
    "QuoteTape",
    "RateLimited",
    "RefreshExpiry",
    "SessionWindow",
    "Table",
    "TapeFiles",
    "TapePair",
    "TokenSet",
    "TokenVault",
    "TradeAnalystError",
    "TradeTape",
    "TradingSession",
    "WriteReport",
    "bars_dataset",
    "bars_table",
    "chain_table",
    "from_epoch_ms",
    "indicators_dataset",
    "indicators_schema",
    "quotes_table",
    "schema_for",
    "to_epoch_ms",
]
