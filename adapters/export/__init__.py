"""Datasets on disk: Parquet, CSV and JSON lines in a Hive layout
(``<out>/<dataset>/symbol_key=<escaped>/year=<YYYY>/<content-hash>.<ext>``).

pyarrow is imported inside the functions that need it, so importing this package is cheap.
The names below load with their module on first use: a command that needs only one
module of this package (``ta trades classify`` reads through ``trades_io``) does not pay
for the dataset sink's (about 10-20 ms of start-up).
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from trade_analyst.adapters.export.checks import validate_bar_columns, validate_bars_table
    from trade_analyst.adapters.export.convert import bar_parts_table, bars_to_arrow
    from trade_analyst.adapters.export.formats import FormatName
    from trade_analyst.adapters.export.layout import escape_symbol, partition_dir, unescape_symbol
    from trade_analyst.adapters.export.sink import FileSink

# Each name's module in this package.
_HOMES = {
    "FileSink": "sink",
    "FormatName": "formats",
    "bar_parts_table": "convert",
    "bars_to_arrow": "convert",
    "escape_symbol": "layout",
    "partition_dir": "layout",
    "unescape_symbol": "layout",
    "validate_bar_columns": "checks",
    "validate_bars_table": "checks",
}

__all__ = [
    "FileSink",
    "FormatName",
    "bar_parts_table",
    "bars_to_arrow",
    "escape_symbol",
    "partition_dir",
    "unescape_symbol",
    "validate_bar_columns",
    "validate_bars_table",
]


def __getattr__(name: str) -> Any:
    """``from trade_analyst.adapters.export import FileSink`` imports ``sink`` then."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value  # found directly from now on
    return value
