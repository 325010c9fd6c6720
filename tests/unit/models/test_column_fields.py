"""Column converters give what their per-value converters give, fast path or not."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models._fields import to_float, to_float_column, to_utc, to_utc_column

numbers = st.one_of(st.floats(allow_nan=True), st.integers(-(10**6), 10**6))
instants = st.builds(
    lambda seconds, zone: dt.datetime.fromtimestamp(seconds, tz=zone),
    st.integers(0, 4 * 10**9),
    st.sampled_from([dt.UTC, ZoneInfo("America/New_York"), dt.timezone(dt.timedelta(hours=2))]),
)


@given(st.lists(numbers, max_size=6))
def test_float_columns(values: list[float]) -> None:
    column = to_float_column(values)
    assert column == tuple(map(to_float, values))
    assert all(type(value) is float for value in column)


@given(st.lists(instants, max_size=6))
def test_utc_columns(values: list[dt.datetime]) -> None:
    column = to_utc_column(values)
    assert column == tuple(map(to_utc, values))
    assert all(value.tzinfo is dt.UTC for value in column)


@pytest.mark.parametrize(
    "values", [[1.0, True], [1.0, "2"], [dt.datetime(2024, 1, 2)], [dt.date(2024, 1, 2)]]
)
def test_bad_values_are_still_refused(values: list[object]) -> None:
    convert = to_utc_column if isinstance(values[0], dt.date) else to_float_column
    with pytest.raises(DomainError):
        convert(values)
