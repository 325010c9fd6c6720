"""Numpy views of Arrow arrays, and Arrow arrays over numpy or Python values, without copies.

pyarrow's own conversions (``Array.to_numpy``, ``pa.array``, a Python number in a compute
call) first probe for pandas, and where pandas is installed that probe imports it: 0.2 s
and 40 MB more for every ``ta trades classify`` run. Going through the buffers, as here,
skips the probe.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa
    from numpy.typing import DTypeLike, NDArray

__all__ = ["arrow_array", "microseconds", "numpy_view", "string_array"]


def numpy_view(array: "pa.Array", dtype: "DTypeLike") -> "NDArray[Any]":
    """The values of a null-free, fixed-width ``array`` as a read-only numpy array over its
    data buffer (``dtype`` of the same width: int64 for timestamps[ns])."""
    import numpy as np

    kind = np.dtype(dtype)
    if array.type.bit_width != 8 * kind.itemsize:
        raise TypeError(f"{array.type} is not {kind.itemsize} bytes wide")
    if not len(array):
        return np.empty(0, kind)
    return np.frombuffer(
        array.buffers()[1], kind, count=len(array), offset=array.offset * kind.itemsize
    )


def arrow_array(
    values: "NDArray[Any]", arrow_type: "pa.DataType", *, missing: "NDArray[np.bool_] | None" = None
) -> "pa.Array":
    """``values`` as an Arrow array of ``arrow_type`` (same width) over the same memory; null
    where ``missing``."""
    import numpy as np
    import pyarrow as pa

    values = np.ascontiguousarray(values)
    validity = None
    if missing is not None and missing.any():
        validity = pa.py_buffer(np.packbits(~missing, bitorder="little"))
    return pa.Array.from_buffers(arrow_type, len(values), [validity, pa.py_buffer(values)])


def string_array(values: Sequence[str]) -> "pa.Array":
    """A small Arrow string array (e.g. the names that label codes ``take`` from)."""
    import numpy as np
    import pyarrow as pa

    encoded = [value.encode() for value in values]
    offsets = np.cumsum([0, *map(len, encoded)], dtype=np.int32)
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(pa.string(), len(values), [None, pa.py_buffer(offsets), data])


def microseconds(nanoseconds: "NDArray[np.int64]") -> "NDArray[np.int64]":
    """Epoch nanoseconds as microseconds, truncated toward zero as Arrow's unsafe cast
    does (here in numpy: an Arrow cast imports pyarrow.compute, 50 ms of a run)."""
    import numpy as np

    micros: NDArray[np.int64] = nanoseconds // 1000
    # Floor division moves an instant before 1970 with a partial microsecond one earlier.
    if len(nanoseconds) and nanoseconds.min() < 0:
        micros += (nanoseconds < 0) & (nanoseconds % 1000 != 0)
    return micros
