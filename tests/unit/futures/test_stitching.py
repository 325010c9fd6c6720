"""Continuous-series stitching along a roll schedule."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import Roll, roll_schedule, stitch
from trade_analyst.domain.symbols import FuturesContract

U = FuturesContract("ES", 9, 2014)
Z = FuturesContract("ES", 12, 2014)
ROLL = Roll(date(2014, 9, 11), U, Z)
PRICES = {
    U: {date(2014, 9, 9): 100.0, date(2014, 9, 10): 102.0, date(2014, 9, 11): 104.0},
    Z: {date(2014, 9, 10): 101.0, date(2014, 9, 11): 103.0, date(2014, 9, 12): 105.0},
}


def values(adjustment: str) -> list[tuple[date, float, str]]:
    return [(p.day, p.value, str(p.contract)) for p in stitch(PRICES, [ROLL], adjustment)]


def test_none_splices_raw_prices_at_the_roll_date() -> None:
    assert values("none") == [
        (date(2014, 9, 9), 100.0, "/ESU14"),
        (date(2014, 9, 10), 102.0, "/ESU14"),
        (date(2014, 9, 11), 103.0, "/ESZ14"),
        (date(2014, 9, 12), 105.0, "/ESZ14"),
    ]


def test_difference_shifts_history_by_the_gap_on_the_roll_date() -> None:
    # Both trade on the roll date: gap = 103 - 104 = -1.
    assert [v for _, v, _ in values("difference")] == [99.0, 101.0, 103.0, 105.0]


def test_ratio_scales_history() -> None:
    assert [v for _, v, _ in values("ratio")] == pytest.approx(
        [100 * 103 / 104, 102 * 103 / 104, 103.0, 105.0]
    )


def test_raw_price_is_kept_alongside_the_adjusted_one() -> None:
    assert [p.raw for p in stitch(PRICES, [ROLL], "difference")] == [100.0, 102.0, 103.0, 105.0]


def test_ratio_refuses_negative_prices() -> None:
    # CLK20 settled below zero before its expiry (reference §5.1a).
    k, m = FuturesContract("CL", 5, 2020), FuturesContract("CL", 6, 2020)
    prices = {k: {date(2020, 4, 20): -37.63}, m: {date(2020, 4, 20): 20.43}}
    roll = Roll(date(2020, 4, 20), k, m)
    assert stitch(prices, [roll], "difference")[0].value == pytest.approx(20.43)
    with pytest.raises(DomainError, match="positive"):
        stitch(prices, [roll], "ratio")


def test_a_roll_without_overlapping_prices_cannot_be_adjusted() -> None:
    prices = {U: {date(2014, 9, 9): 100.0}, Z: {date(2014, 9, 12): 105.0}}
    with pytest.raises(DomainError, match="roll gap"):
        stitch(prices, [ROLL], "difference")
    assert len(stitch(prices, [ROLL], "none")) == 2


def test_bad_arguments() -> None:
    with pytest.raises(DomainError, match="none, difference, ratio"):
        stitch(PRICES, [ROLL], "volume")
    with pytest.raises(DomainError):
        stitch(PRICES, [])


Schedule = tuple[dict[FuturesContract, dict[date, float]], list[Roll]]


@st.composite
def priced_schedules(draw: st.DrawFn) -> Schedule:
    """A real roll schedule, with a linear price path per contract (small to generate)."""
    start = draw(st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 1, 1)))
    root = draw(st.sampled_from(["ES", "CL", "GC", "ZN"]))
    rolls = roll_schedule(root, start, start + timedelta(days=200))
    contracts = [rolls[0].from_contract, *(r.to_contract for r in rolls)]
    first = start - timedelta(days=40)
    prices: dict[FuturesContract, dict[date, float]] = {}
    for contract in contracts:
        base = draw(st.floats(min_value=1, max_value=1e4))
        slope = draw(st.floats(min_value=-1, max_value=1))
        step = draw(st.integers(1, 3))
        prices[contract] = {
            first + timedelta(days=i): base + abs(slope) * i for i in range(0, 280, step)
        }
    # Guarantee a common day at every roll.
    for roll in rolls:
        for contract in (roll.from_contract, roll.to_contract):
            prices[contract].setdefault(roll.date, prices[contract][first])
    return prices, rolls


@given(priced_schedules(), st.sampled_from(["none", "difference", "ratio"]))
def test_stitch_laws(schedule: Schedule, how: str) -> None:
    prices, rolls = schedule
    points = stitch(prices, rolls, how)
    days = [p.day for p in points]
    assert days == sorted(set(days))
    for point in points:
        assert point.raw == prices[point.contract][point.day]
        # The newest segment is never rewritten; unadjusted means raw everywhere.
        if how == "none" or point.contract == rolls[-1].to_contract:
            assert point.value == point.raw


@given(priced_schedules())
def test_difference_adjustment_removes_the_roll_gap(
    schedule: Schedule,
) -> None:
    prices, rolls = schedule
    points = {p.day: p for p in stitch(prices, rolls, "difference")}
    raw = {p.day: p for p in stitch(prices, rolls, "none")}
    # Within a segment adjusted minus raw is one constant, so returns are preserved.
    for roll in rolls:
        offsets = {
            round(points[d].value - raw[d].value, 6)
            for d in points
            if points[d].contract == roll.from_contract
        }
        assert len(offsets) <= 1
