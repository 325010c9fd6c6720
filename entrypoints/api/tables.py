"""The levels record as a one-row Arrow table with one type per column, whatever is null.

Bars, quotes and chains have dataset schemas; levels have none, so their column types are
set here by name (a null VWAP is still a float64 column, and tables of several calls
concatenate).
"""

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

_TEXT = frozenset(
    {
        "symbol", "symbol_raw", "kind", "session", "vwap_method", "vwap_unavailable_reason",
        "vwap_kind", "notes", "session_window", "provider",
    }
)  # fmt: skip
_DATES = frozenset({"date", "prior_date", "anchor"})
_COUNTS = frozenset({"bars_expected", "bars_received", "vwap_sessions"})
_FLAGS = frozenset({"synthetic"})


def levels_table(record: Mapping[str, object]) -> "pa.Table":
    """``record`` (``levels_record``) as one row; columns not named above are prices
    (float64): the prior bar, the levels of the pivot kind, VWAP and bands, coverage."""
    import pyarrow as pa

    def column_type(name: str) -> "pa.DataType":
        if name in _TEXT:
            return pa.string()
        if name in _DATES:
            return pa.date32()
        if name in _COUNTS:
            return pa.int64()
        if name in _FLAGS:
            return pa.bool_()
        return pa.float64()

    schema = pa.schema([pa.field(name, column_type(name)) for name in record])
    return pa.Table.from_pylist([dict(record)], schema=schema)
