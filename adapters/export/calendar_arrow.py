"""Calendar columns as Arrow arrays that share the columns' memory (no object per session).

The calendars answer bulk queries with read-only memoryviews of machine integers in the
units Arrow stores: epoch days (``date32``) and epoch seconds (``timestamp("s", "UTC")``).
Arrow takes such a buffer as it is; the array keeps the memory alive.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

    from trade_analyst.domain.calendars import SessionColumns


def epoch_days_array(days: memoryview) -> "pa.Array":
    """Epoch days (as ``sessions_between`` returns) as an Arrow ``date32`` array."""
    import pyarrow as pa

    return _from_buffer(days, pa.date32(), 4)


def epoch_seconds_array(seconds: memoryview) -> "pa.Array":
    """Epoch seconds as an Arrow ``timestamp("s", tz="UTC")`` array."""
    import pyarrow as pa

    return _from_buffer(seconds, pa.timestamp("s", tz="UTC"), 8)


def session_bounds_table(columns: "SessionColumns") -> "pa.Table":
    """``session_bounds_between``'s columns as a table: date, open, close."""
    import pyarrow as pa

    return pa.Table.from_arrays(
        [
            epoch_days_array(columns.days),
            epoch_seconds_array(columns.opens),
            epoch_seconds_array(columns.closes),
        ],
        names=["date", "open", "close"],
    )


def _from_buffer(values: memoryview, arrow_type: "pa.DataType", width: int) -> "pa.Array":
    import pyarrow as pa

    # Arrow reads the bytes as they are: a column of another width would come out garbled.
    if values.itemsize != width or values.format not in ("i", "l", "q"):
        raise ValueError(
            f"expected a column of {width}-byte integers for {arrow_type}, "
            f"got format {values.format!r} of {values.itemsize} bytes"
        )
    return pa.Array.from_buffers(arrow_type, len(values), [None, pa.py_buffer(values)])
