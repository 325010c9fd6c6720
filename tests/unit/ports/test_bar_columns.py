"""``BarColumns``: the provider's bars as typed columns, cut and joined without per-bar work,
and the same bars as the domain's ``BarSeries``."""

import datetime as dt
import itertools
from array import array

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.models import BarSeries
from trade_analyst.ports import BarColumns, concat_bars, from_epoch_ms, to_epoch_ms

T0 = to_epoch_ms(dt.datetime(2024, 3, 4, 14, 30, tzinfo=dt.UTC))
MINUTE = 60_000


def bars(minutes: list[int], symbol: str = "/ESH24", price: float = 10.0) -> BarColumns:
    stamps = [T0 + m * MINUTE for m in minutes]
    prices = [price + m for m in minutes]
    return BarColumns(symbol, "1m", stamps, prices, prices, prices, prices, [1.0] * len(stamps))


ascending = st.lists(st.integers(0, 300), unique=True).map(sorted)


def test_columns_are_typed_arrays_and_equal_lengths_are_required() -> None:
    made = bars([0, 1, 2])
    assert made.timestamps.typecode == "q"
    assert [column.typecode for column in made.values()] == ["d"] * 5
    with pytest.raises(ValueError, match="differ in length"):
        BarColumns("X", "1m", [T0], [1.0, 2.0], [1.0], [1.0], [1.0], [1.0])
    with pytest.raises(ValueError, match="differ in length"):
        BarColumns("X", "1m", [T0], [1.0], [1.0], [1.0], [1.0], [1.0], contracts=("a", "b"))


def test_the_domain_reads_the_same_bars() -> None:
    made = bars([0, 5])
    series = made.to_series()
    assert series.timestamps == tuple(from_epoch_ms(t) for t in made.timestamps)
    assert series.close == (10.0, 15.0)
    assert BarColumns.from_series(series) == made


def test_from_series_floors_times_to_the_millisecond() -> None:
    stamp = dt.datetime(2024, 1, 2, 14, 30, 0, 1500, tzinfo=dt.UTC)
    series = BarSeries("X", "1d", [stamp], [1.0], [1.0], [1.0], [1.0], [1.0])
    assert BarColumns.from_series(series).timestamps == array("q", [to_epoch_ms(stamp)])


@given(ascending, st.integers(-10, 310), st.integers(-10, 310))
def test_trim_keeps_exactly_the_bars_in_the_range(minutes: list[int], a: int, b: int) -> None:
    lo, hi = min(a, b), max(a, b)
    kept = bars(minutes).trim(from_epoch_ms(T0 + lo * MINUTE), from_epoch_ms(T0 + hi * MINUTE))
    assert kept.timestamps.tolist() == [T0 + m * MINUTE for m in minutes if lo <= m < hi]
    assert kept.close.tolist() == [10.0 + m for m in minutes if lo <= m < hi]


@given(ascending, st.lists(st.integers(0, 300), max_size=4), st.integers(0, 3))
def test_chunks_with_padded_edges_join_to_the_whole(
    minutes: list[int], cuts: list[int], pad: int
) -> None:
    # Chunks of one history, each repeating up to ``pad`` bars of the one before, in any
    # order: joined, they are the history once, under the symbol asked for.
    edges = [0, *sorted(set(cuts)), 301]
    pieces = []
    for lo, hi in itertools.pairwise(edges):
        inside = [m for m in minutes if lo <= m < hi]
        before = [m for m in minutes if m < lo][-pad:] if pad else []
        pieces.append(bars(before + inside))
    joined = concat_bars("/ES", "1m", list(reversed(pieces)))
    assert joined.symbol == "/ES"
    assert joined.timestamps.tolist() == [T0 + m * MINUTE for m in minutes]
    assert joined.open.tolist() == [10.0 + m for m in minutes]


def test_joining_nothing_is_empty_and_contracts_survive_a_join() -> None:
    assert len(concat_bars("AAPL", "1d", [])) == 0
    first = BarColumns("/ES", "1m", [T0], [1.0], [1.0], [1.0], [1.0], [1.0], ("/ESH24",))
    second = BarColumns("/ES", "1m", [T0 + MINUTE], [2.0], [2.0], [2.0], [2.0], [1.0], ("/ESM24",))
    assert concat_bars("/ES", "1m", [first, second]).contracts == ("/ESH24", "/ESM24")


FRIDAY = dt.date(2024, 3, 1)


def with_previous(made: BarColumns, close: float = 9.5) -> BarColumns:
    return attrs.evolve(made, previous_close=close, previous_close_date=FRIDAY)


@given(ascending, st.integers(-5, 305), st.integers(-5, 305))
def test_a_slice_keeps_the_previous_close_only_with_the_first_bar(
    minutes: list[int], first: int, stop: int
) -> None:
    cut = with_previous(bars(minutes)).slice(first, stop)
    kept = (9.5, FRIDAY) if first <= 0 else (None, None)
    assert (cut.previous_close, cut.previous_close_date) == kept


@pytest.mark.parametrize("pieces", [1, 2, 3])
def test_a_join_keeps_the_previous_close_of_the_piece_that_has_one(pieces: int) -> None:
    # Only a range's first request asks for it; its piece may hold no bar (a weekend) and
    # may come back after the others.
    chunks = [bars([m * 10, m * 10 + 1]) for m in range(1, pieces)]
    for first in (with_previous(bars([])), with_previous(bars([0, 1]))):
        for order in ([*chunks, first], [first, *chunks]):
            joined = concat_bars("/ES", "1m", order)
            assert (joined.previous_close, joined.previous_close_date) == (9.5, FRIDAY)
    plain = concat_bars("/ES", "1m", chunks)
    assert (plain.previous_close, plain.previous_close_date) == (None, None)
