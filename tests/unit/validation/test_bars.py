"""Bar rules: clean data passes, each defect gives its finding on its row, nothing raises."""

import datetime as dt
import math
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DateOutOfRange
from trade_analyst.domain.models import Bar, BarSeries
from trade_analyst.domain.validation import Finding, has_errors, validate_bars
from trade_analyst.domain.validation.bars import price_findings, volume_findings
from trade_analyst.testing.laws import bars as laws
from trade_analyst.testing.strategies.bars import bar_series

T0 = dt.datetime(2025, 3, 3, 14, 30, tzinfo=dt.UTC)
MINUTE = dt.timedelta(minutes=1)


def series_of(
    *rows: tuple[float, float, float, float, float], start: dt.datetime = T0
) -> BarSeries:
    return BarSeries.from_bars(
        "ES", "1min", [Bar(start + i * MINUTE, *row) for i, row in enumerate(rows)]
    )


def rules(findings: list[Finding]) -> list[tuple[str, int | None]]:
    return [(f.rule_id, f.row) for f in findings]


GOOD = (100.0, 101.0, 99.0, 100.5, 10.0)


# The laws live in the package (`python -m trade_analyst.testing` runs them too).
test_clean_series_has_no_findings = laws.clean_series_has_no_findings.test()
test_a_labelled_defect_is_the_only_finding_on_its_row = (
    laws.a_labelled_defect_is_the_only_finding_on_its_row.test()
)
test_session_bars_lie_inside_the_calendars_sessions = (
    laws.session_bars_lie_inside_the_calendars_sessions.test()
)


@given(bar_series(), st.data())
def test_high_below_low_is_exactly_one_ohlc_finding_on_that_row(
    series: BarSeries, data: st.DataObject
) -> None:
    row = data.draw(st.integers(0, len(series) - 1))
    high = list(series.high)
    high[row] = series.low[row] / 2  # still positive, now below the low
    broken = BarSeries(
        series.symbol,
        series.interval,
        series.timestamps,
        series.open,
        high,
        series.low,
        series.close,
        series.volume,
    )
    findings = validate_bars(broken)
    assert rules(findings) == [("bars.ohlc_consistency", row)]
    assert findings[0].severity == "error"


any_float = st.floats(allow_nan=True, allow_infinity=True) | st.sampled_from(
    [-999.0, -9999.0, 0.0, -0.0, -1.0]
)


@given(
    st.lists(
        st.tuples(
            st.datetimes(timezones=st.just(dt.UTC)),
            any_float,
            any_float,
            any_float,
            any_float,
            any_float,
        ),
        max_size=30,
    ),
    st.booleans(),
)
def test_arbitrary_values_never_raise_and_rows_are_in_range(
    rows: list[tuple[dt.datetime, float, float, float, float, float]], allow_negative: bool
) -> None:
    series = BarSeries.from_bars("X", "1d", [Bar(*row) for row in rows])
    findings = validate_bars(
        series, allow_negative=allow_negative, is_open_at=lambda ts: ts.minute % 2 == 0
    )
    for finding in findings:
        assert finding.severity in ("error", "warning", "info")
        if finding.row is None:
            assert finding.rule_id == "bars.empty"
        else:
            assert 0 <= finding.row < len(series)


@pytest.mark.parametrize(
    ("bad_row", "expected"),
    [
        ((math.nan, 101.0, 99.0, 100.0, 10.0), [("bars.non_finite", "open")]),
        ((100.0, math.inf, 99.0, 100.0, 10.0), [("bars.non_finite", "high")]),
        ((100.0, 101.0, 99.0, 100.0, -999.0), [("bars.sentinel", "volume")]),
        ((100.0, 101.0, -999.0, 100.0, 10.0), [("bars.sentinel", "low")]),
        ((100.0, 101.0, 99.0, 100.0, -5.0), [("bars.negative_volume", "volume")]),
        ((100.0, 101.0, 99.0, 100.0, math.nan), [("bars.non_finite", "volume")]),
        ((0.0, 101.0, 0.0, 100.0, 10.0), [("bars.zero_price", "open"), ("bars.zero_price", "low")]),
        (
            (-1.0, 1.0, -2.0, 0.5, 10.0),
            [("bars.negative_price", "open"), ("bars.negative_price", "low")],
        ),
        ((102.0, 101.0, 99.0, 100.0, 10.0), [("bars.ohlc_consistency", None)]),
        ((100.0, 101.0, 99.0, 98.0, 10.0), [("bars.ohlc_consistency", None)]),
        ((100.0, 98.0, 99.0, 100.0, 10.0), [("bars.ohlc_consistency", None)]),
    ],
)
def test_row_defects(
    bad_row: tuple[float, float, float, float, float], expected: list[tuple[str, str | None]]
) -> None:
    findings = validate_bars(series_of(GOOD, bad_row, GOOD))
    assert [(f.rule_id, f.field) for f in findings] == expected
    assert {f.row for f in findings} == {1}


def test_negative_prices_allowed_when_the_instrument_can_trade_below_zero() -> None:
    # CL May 2020 settled at -37.63 on 2020-04-20.
    april_20 = (17.73, 17.85, -40.32, -37.63, 247_947.0)
    series = series_of(april_20)
    assert rules(validate_bars(series)) == [
        ("bars.negative_price", 0),
        ("bars.negative_price", 0),
    ]
    assert validate_bars(series, allow_negative=True) == []


def test_negative_allowed_still_checks_consistency_and_sentinels() -> None:
    series = series_of((-5.0, -6.0, -4.0, -5.0, 1.0), (1.0, 2.0, -999.0, 1.0, 1.0))
    assert rules(validate_bars(series, allow_negative=True)) == [
        ("bars.ohlc_consistency", 0),
        ("bars.sentinel", 1),
    ]


def test_time_order_duplicates_and_repeats() -> None:
    t = [T0 + i * MINUTE for i in range(5)]
    rows = [
        Bar(t[0], *GOOD),
        Bar(t[2], *GOOD),
        Bar(t[1], *GOOD),  # goes back in time
        Bar(t[2], *GOOD),  # exact repeat of row 1
        Bar(t[2], 1.0, 1.0, 1.0, 1.0, 1.0),  # same time as row 1, other values
        Bar(t[3], *GOOD),
        Bar(t[1], 1.0, 1.0, 1.0, 1.0, 1.0),  # back in time and a clash with row 2
    ]
    findings = validate_bars(BarSeries.from_bars("ES", "1min", rows))
    assert rules(findings) == [
        ("bars.not_monotonic", 2),
        ("bars.duplicate_row", 3),
        ("bars.duplicate_timestamp", 4),
        ("bars.duplicate_timestamp", 6),
    ]
    severities = {f.row: f.severity for f in findings}
    assert severities == {2: "error", 3: "warning", 4: "error", 6: "error"}
    assert "row 1" in findings[1].message


def test_duplicate_after_the_order_recovers_is_still_found() -> None:
    t = [T0 + i * MINUTE for i in range(4)]
    rows = [Bar(t[0], *GOOD), Bar(t[2], *GOOD), Bar(t[1], *GOOD), Bar(t[2], *GOOD)]
    # Row 3 is later than row 2 but repeats row 1.
    assert rules(validate_bars(BarSeries.from_bars("ES", "1min", rows))) == [
        ("bars.not_monotonic", 2),
        ("bars.duplicate_row", 3),
    ]


def test_bars_outside_sessions_are_reported_row_by_row() -> None:
    def regular_hours(ts: dt.datetime) -> bool:  # 14:30-21:00 UTC stands in for a calendar
        return dt.time(14, 30) <= ts.time() < dt.time(21, 0)

    start = dt.datetime(2025, 3, 3, 14, 28, tzinfo=dt.UTC)
    series = series_of(GOOD, GOOD, GOOD, GOOD, start=start)
    findings = validate_bars(series, is_open_at=regular_hours)
    assert rules(findings) == [("bars.outside_session", 0), ("bars.outside_session", 1)]
    assert has_errors(findings)


def test_calendar_that_cannot_answer_gives_a_warning_not_an_exception() -> None:
    def limited(ts: dt.datetime) -> bool:
        raise DateOutOfRange(f"{ts.date()} is outside 1990-2060")

    findings = validate_bars(series_of(GOOD), is_open_at=limited)
    assert rules(findings) == [("bars.session_unknown", 0)]
    assert findings[0].severity == "warning"
    assert "1990-2060" in findings[0].message


def test_empty_series_is_a_warning() -> None:
    findings = validate_bars(BarSeries.from_bars("ES", "1d", []))
    assert rules(findings) == [("bars.empty", None)]
    assert not has_errors(findings)


def test_large_series_is_fast() -> None:
    n = 200_000
    timestamps = [T0 + i * MINUTE for i in range(n)]
    base = [100.0 + (i % 50) * 0.25 for i in range(n)]
    series = BarSeries(
        "ES",
        "1min",
        timestamps,
        base,
        [b + 1 for b in base],
        [b - 1 for b in base],
        base,
        [1000.0] * n,
    )
    started = time.perf_counter()
    findings = validate_bars(series)
    elapsed = time.perf_counter() - started
    assert findings == []
    # Generous bound for a loaded CI box; about 0.1 s on a laptop.
    assert elapsed < 3.0


def test_a_repeated_timestamp_that_does_not_go_back_is_still_a_duplicate() -> None:
    # [t0, t1, t1]: the third bar is not earlier than the second, only equal to it.
    t0, t1 = T0, T0 + MINUTE
    same = [Bar(t0, *GOOD), Bar(t1, *GOOD), Bar(t1, *GOOD)]
    assert rules(validate_bars(BarSeries.from_bars("ES", "1min", same))) == [
        ("bars.duplicate_row", 2)
    ]
    other = [Bar(t0, *GOOD), Bar(t1, *GOOD), Bar(t1, 100.0, 102.0, 99.0, 101.0, 5.0)]
    findings = validate_bars(BarSeries.from_bars("ES", "1min", other))
    assert rules(findings) == [("bars.duplicate_timestamp", 2)]
    assert findings[0].severity == "error"
    assert findings[0].field == "timestamp"
    assert "already used by row 1" in findings[0].message


@pytest.mark.parametrize(
    ("prices", "field"),
    [
        # Each row is consistent (low <= open, close <= high), so only the sentinel is wrong.
        ((-999.0, 1.0, -1000.0, 0.5), "open"),
        ((-1000.0, -999.0, -1001.0, -1000.0), "high"),
        ((0.5, 1.0, -999.0, 0.5), "low"),
        ((0.5, 1.0, -1000.0, -999.0), "close"),
    ],
)
def test_a_sentinel_price_is_reported_even_when_negatives_are_allowed(
    prices: tuple[float, float, float, float], field: str
) -> None:
    findings = validate_bars(series_of((*prices, 10.0)), allow_negative=True)
    assert [(f.rule_id, f.row, f.field, f.severity) for f in findings] == [
        ("bars.sentinel", 0, field, "warning")
    ]


def test_defect_findings_carry_their_severity_field_and_values() -> None:
    zero, negative, gap = (
        validate_bars(series_of(row))
        for row in (
            (0.0, 101.0, 0.0, 100.0, 10.0),
            (100.0, 101.0, 99.0, 100.0, -5.0),
            (102.0, 101.0, 99.0, 100.0, 10.0),
        )
    )
    assert [(f.severity, f.field) for f in zero] == [("error", "open"), ("error", "low")]
    assert [(f.rule_id, f.severity, f.field, f.message) for f in negative] == [
        ("bars.negative_volume", "error", "volume", "volume is -5")
    ]
    assert [(f.severity, f.field) for f in gap] == [("error", None)]
    assert gap[0].message == (
        "need low <= open, close <= high; got open=102 high=101 low=99 close=100"
    )


def test_time_findings_say_what_went_wrong() -> None:
    t = [T0 + i * MINUTE for i in range(3)]
    rows = [Bar(t[0], *GOOD), Bar(t[2], *GOOD), Bar(t[1], *GOOD), Bar(t[2], *GOOD)]
    back, repeat = validate_bars(BarSeries.from_bars("ES", "1min", rows))
    assert back.field == "timestamp"
    assert back.message == (
        f"timestamp {t[1].isoformat()} is before the previous bar's {t[2].isoformat()}"
    )
    assert repeat.message == f"repeats row 1 exactly ({t[2].isoformat()})"


def test_session_findings_name_the_bar_and_the_reason() -> None:
    closed = validate_bars(series_of(GOOD), is_open_at=lambda _ts: False)
    assert [(f.rule_id, f.severity, f.field) for f in closed] == [
        ("bars.outside_session", "error", "timestamp")
    ]
    assert closed[0].message == f"bar at {T0.isoformat()} is outside the trading session"

    def limited(ts: dt.datetime) -> bool:
        raise DateOutOfRange("beyond 2060")

    (unknown,) = validate_bars(series_of(GOOD), is_open_at=limited)
    assert unknown.field == "timestamp"
    assert unknown.message == (
        f"could not tell whether the market was open at {T0.isoformat()}: beyond 2060"
    )


def test_an_empty_series_names_its_symbol() -> None:
    (finding,) = validate_bars(BarSeries.from_bars("NQ", "1d", []))
    assert (finding.severity, finding.message) == ("warning", "no bars for NQ")


def test_the_per_row_rules_accept_prices_on_the_edges_of_the_range() -> None:
    # The rules columnar validators call for the rows they flag: open or close exactly at
    # the high or the low is consistent.
    for prices in (
        (101.0, 101.0, 99.0, 100.0),
        (99.0, 101.0, 99.0, 100.0),
        (100.0, 101.0, 99.0, 101.0),
        (100.0, 101.0, 99.0, 99.0),
        (100.0, 100.0, 100.0, 100.0),
    ):
        assert price_findings(3, prices, allow_negative=False) == []
    assert rules(price_findings(3, (102.0, 101.0, 99.0, 100.0), allow_negative=False)) == [
        ("bars.ohlc_consistency", 3)
    ]


def test_a_zero_or_fractional_volume_is_fine_only_negative_or_missing_is_not() -> None:
    assert volume_findings(2, 0.0) == []
    assert volume_findings(2, 0.5) == []
    assert volume_findings(2, 1e9) == []
    assert rules(volume_findings(2, -0.5)) == [("bars.negative_volume", 2)]
    assert rules(volume_findings(2, math.nan)) == [("bars.non_finite", 2)]
