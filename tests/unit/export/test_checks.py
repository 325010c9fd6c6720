"""The columnar bar checks report exactly what ``domain.validation.validate_bars`` does: the
domain is the specification, and random tables with bad rows must get the same findings."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from trade_analyst.adapters.export import bars_to_arrow, validate_bar_columns, validate_bars_table
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.validation import validate_bars
from trade_analyst.ports import BarColumns, to_epoch_ms

T0 = dt.datetime(2024, 1, 2, 14, 30, tzinfo=dt.UTC)
prices = st.one_of(
    st.sampled_from([0.0, -1.0, -999.0, float("nan"), float("inf"), 10.0, 11.0, 9.0]),
    st.floats(-5, 20, allow_nan=False),
)
volumes = st.sampled_from([0, 5, 100, -1, -999, 2.5, float("nan"), float("-inf")])


@st.composite
def columns(draw: st.DrawFn) -> BarColumns:
    size = draw(st.integers(0, 12))
    # Few distinct minutes, so repeats and out-of-order rows are common.
    minutes = draw(st.lists(st.integers(0, 8), min_size=size, max_size=size))
    # Sub-second stamps too: the checks must see the times the domain sees.
    millis = draw(st.lists(st.sampled_from([0, 0, 1, 250]), min_size=size, max_size=size))
    values = [draw(st.lists(prices, min_size=size, max_size=size)) for _ in range(4)]
    volume = draw(st.lists(volumes, min_size=size, max_size=size))
    start = to_epoch_ms(T0)
    times = [start + m * 60_000 + u for m, u in zip(minutes, millis, strict=True)]
    return BarColumns("AAPL", "1m", times, *values, volume)


def _is_open_at(ts: dt.datetime) -> bool:
    """A made-up session: even minutes open, odd closed, minute 37 unknown to the calendar."""
    if ts.minute == 37:
        raise ValueError("date out of range")
    return ts.minute % 2 == 0


@settings(max_examples=300)
@given(columns(), st.booleans(), st.booleans())
def test_same_findings_as_the_domain(
    bars: BarColumns, allow_negative: bool, sessions: bool
) -> None:
    check = _is_open_at if sessions else None
    expected = validate_bars(bars.to_series(), allow_negative=allow_negative, is_open_at=check)
    found = validate_bar_columns(bars, allow_negative=allow_negative, is_open_at=check)
    assert found == expected


def test_same_findings_on_a_dataset_table() -> None:
    # The stored types (ms times, int volumes) give the same findings as the domain's.
    times = [T0, T0, T0 - dt.timedelta(minutes=1), T0 + dt.timedelta(minutes=1)]
    bars = BarSeries(
        "AAPL", "1m", times, [10, 10, 10, -999], [11, 11, 11, 12], [9, 9, 9, 0], [10, 10, 20, 9],
        [1, 1, 1, -5],
    )  # fmt: skip
    found = validate_bars_table(bars_to_arrow(BarColumns.from_series(bars)), symbol="AAPL")
    assert found == validate_bars(bars)
    assert len(found) == 6


def test_clean_bars_have_no_findings() -> None:
    times = [T0 + dt.timedelta(minutes=m) for m in range(100)]
    clean = BarSeries(
        "AAPL", "1m", times, [10] * 100, [11] * 100, [9] * 100, [10.5] * 100, [7] * 100
    )
    assert validate_bars_table(bars_to_arrow(BarColumns.from_series(clean))) == []


def test_messages_name_values_and_rows() -> None:
    times = [T0, T0, T0 - dt.timedelta(minutes=1)]
    bars = BarSeries(
        "AAPL", "1m", times, [10, 10, 10], [11, 12, 11], [9, 9, 9], [10, 10, 20], [1, 1, 1]
    )
    messages = [f.message for f in validate_bars_table(bars_to_arrow(BarColumns.from_series(bars)))]
    assert messages == [
        "timestamp 2024-01-02T14:30:00+00:00 already used by row 0 with different values",
        "need low <= open, close <= high; got open=10 high=11 low=9 close=20",
        "timestamp 2024-01-02T14:29:00+00:00 is before the previous bar's "
        "2024-01-02T14:30:00+00:00",
    ]
