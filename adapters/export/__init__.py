"""Datasets on disk: Parquet, CSV and JSON lines in a Hive layout
(``<out>/<dataset>/symbol_key=<escaped>/year=<YYYY>/<content-hash>.<ext>``).

pyarrow is imported inside the functions that need it, so importing this package is cheap.
"""

from trade_analyst.adapters.export.checks import validate_bar_columns, validate_bars_table
from trade_analyst.adapters.export.convert import bar_parts_table, bars_to_arrow
from trade_analyst.adapters.export.formats import FormatName
from trade_analyst.adapters.export.layout import escape_symbol, partition_dir, unescape_symbol
from trade_analyst.adapters.export.sink import FileSink

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
