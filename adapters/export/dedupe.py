"""Keyed merging of Arrow tables: the newest row wins for each key, output sorted by key."""

import hashlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

# What a null slot hashes as: any fixed value of the type (its null mask is hashed too).
_FILL = {"string": "", "float64": 0.0, "int64": 0, "bool": False}


def strictly_increasing(values: "pa.Array") -> bool:
    import pyarrow.compute as pc

    size = len(values)
    return size < 2 or bool(pc.all(pc.greater(values.slice(1), values.slice(0, size - 1))).as_py())


def latest_by_key(table: "pa.Table", key: tuple[str, ...]) -> "pa.Table":
    """One row per key, the last one in ``table`` order, sorted by key.

    Callers concatenate oldest first, so "last" means "newest write". Arrow's sort is
    stable, so among equal keys input order survives and the last row of each run wins.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    size = table.num_rows
    if size == 0:
        return table
    if len(key) == 1 and strictly_increasing(table[key[0]].combine_chunks()):
        return table  # already sorted and unique: the usual download
    ordered = table.take(pc.sort_indices(table, sort_keys=[(name, "ascending") for name in key]))
    if size == 1:
        return ordered
    changes = None
    for name in key:
        values = ordered[name].combine_chunks()
        differs = pc.not_equal(values.slice(0, size - 1), values.slice(1))
        changes = differs if changes is None else pc.or_(changes, differs)
    keep = pa.concat_arrays([changes, pa.array([True])])
    return ordered.filter(keep)


def content_name(table: "pa.Table", salt: str) -> str:
    """A hash of the table's logical content: equal rows give the same name whatever the
    chunking or the bytes under null slots (both can differ for equal data)."""
    import pyarrow.compute as pc

    digest = hashlib.blake2b(salt.encode(), digest_size=16)
    for name in table.column_names:
        values = table[name].combine_chunks()
        digest.update(name.encode() + b"\0")
        if values.null_count:
            digest.update(_ipc(pc.is_null(values)))
            values = pc.fill_null(values, _fill(values.type))
        digest.update(_ipc(values))
    return digest.hexdigest()


def _fill(kind: "pa.DataType") -> "pa.Scalar":
    import pyarrow as pa

    if pa.types.is_string(kind):
        return pa.scalar(_FILL["string"], kind)
    if pa.types.is_floating(kind):
        return pa.scalar(_FILL["float64"], kind)
    if pa.types.is_boolean(kind):
        return pa.scalar(_FILL["bool"], kind)
    if pa.types.is_date32(kind):
        return pa.scalar(0, pa.int32()).cast(kind)
    # Integers and timestamps: zero in their storage type.
    return pa.scalar(0, pa.int64()).cast(kind)


def _ipc(values: "pa.Array") -> memoryview:
    import pyarrow as pa

    batch = pa.RecordBatch.from_arrays([values], names=["v"])
    return memoryview(batch.serialize())
