"""Duplicate keys are found wherever they are stored, and merged rows keep their origin."""

from collections import Counter

import pyarrow as pa
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.export.dedupe import latest_by_key
from trade_analyst.adapters.export.file_checks import (
    DUPLICATE_KEY,
    duplicate_keys,
    origins,
    with_origins,
)

files = st.lists(
    st.lists(st.tuples(st.sampled_from("ab"), st.integers(0, 5)), max_size=8),
    min_size=1,
    max_size=4,
)


def _parts(contents: list[list[tuple[str, int]]]) -> list[tuple[str, pa.Table]]:
    return [
        (
            f"f{number}",
            pa.table(
                {
                    "symbol": pa.array([s for s, _ in rows], pa.string()),
                    "t": pa.array([t for _, t in rows], pa.int64()),
                }
            ),
        )
        for number, rows in enumerate(contents)
    ]


@given(files)
def test_every_row_whose_key_is_stored_twice_is_counted_in_its_file(
    contents: list[list[tuple[str, int]]],
) -> None:
    stored = Counter(row for rows in contents for row in rows)
    expected = {
        f"f{number}": sum(1 for row in rows if stored[row] > 1)
        for number, rows in enumerate(contents)
    }
    found = duplicate_keys(_parts(contents), ("symbol", "t"))
    assert all(item.finding.rule_id == DUPLICATE_KEY for item in found)
    reported = {item.file: int(item.finding.message.split()[0]) for item in found}
    assert reported == {file: count for file, count in expected.items() if count}
    first_rows = {
        item.file: next(i for i, row in enumerate(contents[int(item.file[1:])]) if stored[row] > 1)
        for item in found
    }
    assert {item.file: item.finding.row for item in found} == first_rows


@given(files)
def test_a_merged_row_traces_back_to_the_last_file_and_row_holding_its_key(
    contents: list[list[tuple[str, int]]],
) -> None:
    last = {row: (number, index) for number, rows in enumerate(contents)
            for index, row in enumerate(rows)}  # fmt: skip
    merged = latest_by_key(with_origins(_parts(contents)), ("symbol", "t"))
    keys = zip(merged["symbol"].to_pylist(), merged["t"].to_pylist(), strict=True)
    assert dict(zip(keys, origins(merged), strict=True)) == last
