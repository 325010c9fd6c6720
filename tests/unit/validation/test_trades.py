"""Time and sales rules."""

import datetime as dt
import math

from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.models import Trade
from trade_analyst.domain.validation import validate_trades

T0 = dt.datetime(2025, 3, 3, 14, 30, tzinfo=dt.UTC)
MS = dt.timedelta(milliseconds=1)


def test_clean_prints_including_same_millisecond_have_no_findings() -> None:
    trades = [Trade(T0, 100.0, 100), Trade(T0, 100.01, 5), Trade(T0 + MS, 100.0, 300)]
    assert validate_trades(trades) == []


def test_defects() -> None:
    trades = [
        Trade(T0, 100.0, 100),
        Trade(T0 + MS, 0.0, 100),
        Trade(T0 + 2 * MS, -1.0, 100),
        Trade(T0 + 3 * MS, math.nan, 100),
        Trade(T0 + 4 * MS, 100.0, 0),
        Trade(T0 + 5 * MS, 100.0, 20_000_000),
        Trade(T0, 100.0, 10),
        Trade(T0 + 6 * MS, -999.0, 1),
    ]
    found = [(f.rule_id, f.row, f.severity) for f in validate_trades(trades)]
    assert found == [
        ("trades.zero_price", 1, "error"),
        ("trades.negative_price", 2, "error"),
        ("trades.non_finite", 3, "error"),
        ("trades.size_not_positive", 4, "error"),
        ("trades.large_size", 5, "info"),
        ("trades.not_monotonic", 6, "error"),
        ("trades.sentinel", 7, "warning"),
    ]


def test_negative_prices_allowed_on_request() -> None:
    assert validate_trades([Trade(T0, -37.63, 1)], allow_negative=True) == []


def test_empty_is_a_warning() -> None:
    assert [f.rule_id for f in validate_trades([])] == ["trades.empty"]


@given(
    st.lists(
        st.builds(
            Trade,
            st.datetimes(timezones=st.just(dt.UTC)),
            st.floats() | st.just(-999.0),
            st.floats(),
        ),
        max_size=20,
    )
)
def test_never_raises_and_rows_in_range(trades: list[Trade]) -> None:
    for finding in validate_trades(trades):
        assert finding.row is None or 0 <= finding.row < len(trades)
