"""Intervals as users type them: any case, one parser for every command and the jobs."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.ports import INTERVALS, InvalidInput, parse_interval


@pytest.mark.parametrize(
    ("typed", "interval"),
    [("1D", "1d"), ("5M", "5m"), ("1H", "1h"), ("1W", "1w"), ("1MO", "1mo"), ("1Mo", "1mo"),
     (" 15m ", "15m")],
)  # fmt: skip
def test_the_case_users_type_does_not_matter(typed, interval):
    assert parse_interval(typed) == interval


@given(st.sampled_from(INTERVALS), st.data())
def test_every_interval_reads_back_in_any_mix_of_cases(interval, data):
    mixed = "".join(
        c.upper() if data.draw(st.booleans(), label=f"upper {i}") else c
        for i, c in enumerate(interval)
    )
    if mixed == "1M":
        return  # the one ambiguous spelling, refused below
    assert parse_interval(mixed) == interval


def test_1M_alone_is_refused_as_minute_or_month():
    with pytest.raises(InvalidInput) as refused:
        parse_interval("1M")
    assert refused.value.message == "ambiguous interval '1M'"
    assert "1m for one-minute" in refused.value.hint
    assert "1mo for monthly" in refused.value.hint


@pytest.mark.parametrize("typed", ["2d", "1 d", "", "daily", "1min"])
def test_anything_else_lists_the_intervals(typed):
    with pytest.raises(InvalidInput) as refused:
        parse_interval(typed)
    assert refused.value.message == f"unsupported interval {typed!r}"
    assert refused.value.hint == "choose one of: " + ", ".join(INTERVALS)
