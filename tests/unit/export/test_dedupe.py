"""Keyed merge and content names behave like a dict and a hash of the rows."""

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.export.dedupe import content_name, latest_by_key

rows = st.lists(
    st.tuples(st.integers(0, 6), st.sampled_from("ab"), st.integers(0, 99)), max_size=30
)


def _table(items: list[tuple[int, str, int]]) -> pa.Table:
    return pa.table(
        {
            "t": pa.array([i[0] for i in items], pa.int64()),
            "k": pa.array([i[1] for i in items], pa.string()),
            "v": pa.array([i[2] for i in items], pa.int64()),
        }
    )


@given(rows)
def test_latest_by_key_is_a_dict_of_the_last_row_per_key_sorted(
    items: list[tuple[int, str, int]],
) -> None:
    model = {(t, k): v for t, k, v in items}
    result = latest_by_key(_table(items), ("t", "k"))
    assert list(zip(result["t"].to_pylist(), result["k"].to_pylist(), strict=True)) == sorted(model)
    assert result["v"].to_pylist() == [model[key] for key in sorted(model)]


@given(rows)
def test_latest_by_key_is_idempotent(items: list[tuple[int, str, int]]) -> None:
    once = latest_by_key(_table(items), ("t", "k"))
    assert latest_by_key(once, ("t", "k")).equals(once)


@given(rows, st.integers(0, 30))
def test_content_names_ignore_chunking(items: list[tuple[int, str, int]], cut: int) -> None:
    table = _table(items)
    rechunked = pa.concat_tables([table.slice(0, cut), table.slice(cut)])
    assert content_name(rechunked, "s") == content_name(table, "s")


def test_content_names_see_nulls_values_and_salt() -> None:
    with_null = pa.table({"x": pa.array([None, 1], pa.float64())})
    with_zero = pa.table({"x": pa.array([0.0, 1], pa.float64())})
    assert content_name(with_null, "s") != content_name(with_zero, "s")
    assert content_name(with_zero, "s") != content_name(with_zero, "t")
    # The bytes under a null slot differ here (0.0 vs 5.0), the content does not.
    masked = pa.table({"x": pa.array([5.0, 1.0]).filter(pa.array([True, True]))})
    masked = pa.table({"x": pa.compute.if_else(pa.array([False, True]), masked["x"], None)})
    assert content_name(masked, "s") == content_name(with_null, "s")
