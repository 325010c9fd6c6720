"""Pivot levels: textbook values worked by hand, and the orderings every kind keeps."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.analytics import PIVOT_KINDS, PivotLevels, PriorBar, pivot_levels
from trade_analyst.domain.errors import DomainError
from trade_analyst.testing.strategies.analytics import prior_bars


def test_classic_from_the_earlier_tools_golden_bar():
    # H=170, L=168, C=169.5: P = 507.5/3 = 169.1667, R1 = 2P-L, S1 = 2P-H (the earlier
    # tool's published golden values), R2/S2 = P±2, R3 = H+2(P-L), S3 = L-2(H-P).
    levels = pivot_levels(PriorBar(open=169.0, high=170.0, low=168.0, close=169.5), "classic")
    assert levels.pivot == pytest.approx(169.166667, abs=1e-6)
    assert levels.r1 == pytest.approx(170.333333, abs=1e-6)
    assert levels.s1 == pytest.approx(168.333333, abs=1e-6)
    assert levels.r2 == pytest.approx(171.166667, abs=1e-6)
    assert levels.s2 == pytest.approx(167.166667, abs=1e-6)
    assert levels.r3 == pytest.approx(172.333333, abs=1e-6)
    assert levels.s3 == pytest.approx(166.333333, abs=1e-6)


def test_fibonacci_adds_fractions_of_the_range_to_the_pivot():
    # H=110, L=100, C=105: P = 105, range 10 -> ±3.82, ±6.18, ±10.
    levels = pivot_levels(PriorBar(104.0, 110.0, 100.0, 105.0), "fibonacci")
    assert levels.pivot == pytest.approx(105.0)
    assert (levels.r1, levels.r2, levels.r3) == pytest.approx((108.82, 111.18, 115.0))
    assert (levels.s1, levels.s2, levels.s3) == pytest.approx((101.18, 98.82, 95.0))


def test_camarilla_steps_from_the_close():
    # C=105, range 10: 10·1.1/12 = 0.91667, 10·1.1/6 = 1.83333, 10·1.1/4 = 2.75.
    levels = pivot_levels(PriorBar(104.0, 110.0, 100.0, 105.0), "camarilla")
    assert (levels.r1, levels.r2, levels.r3) == pytest.approx((105.916667, 106.833333, 107.75))
    assert (levels.s1, levels.s2, levels.s3) == pytest.approx((104.083333, 103.166667, 102.25))
    assert levels.pivot == pytest.approx(105.0)  # (110+100+105)/3


def test_woodie_counts_the_close_twice():
    # H=110, L=100, C=106: P = 422/4 = 105.5; R1 = 111, S1 = 101, R2 = 115.5, S2 = 95.5,
    # R3 = 110 + 2·5.5 = 121, S3 = 100 − 2·4.5 = 91.
    levels = pivot_levels(PriorBar(104.0, 110.0, 100.0, 106.0), "woodie")
    assert levels.pivot == pytest.approx(105.5)
    assert (levels.r1, levels.r2, levels.r3) == pytest.approx((111.0, 115.5, 121.0))
    assert (levels.s1, levels.s2, levels.s3) == pytest.approx((101.0, 95.5, 91.0))


@pytest.mark.parametrize(
    ("open_", "pivot", "r1", "s1"),
    [
        (104.0, 106.5, 113.0, 103.0),  # C > O: X = 2H+L+C = 426
        (107.0, 104.0, 108.0, 98.0),  # C < O: X = H+2L+C = 416
        (106.0, 105.5, 111.0, 101.0),  # C = O: X = H+L+2C = 422
    ],
)
def test_demark_depends_on_the_close_against_the_open(open_, pivot, r1, s1):
    levels = pivot_levels(PriorBar(open_, 110.0, 100.0, 106.0), "demark")
    assert (levels.pivot, levels.r1, levels.s1) == pytest.approx((pivot, r1, s1))
    assert (levels.r2, levels.r3, levels.s2, levels.s3) == (None, None, None, None)


def test_an_inconsistent_bar_is_refused():
    with pytest.raises(DomainError, match="inconsistent bar"):
        PriorBar(open=100.0, high=99.0, low=98.0, close=100.0)


def test_an_unknown_kind_is_refused_naming_the_valid_ones():
    valid = "classic, fibonacci, camarilla, woodie, demark"
    with pytest.raises(DomainError, match=f"unknown pivot kind 'floor'; valid: {valid}$"):
        pivot_levels(PriorBar(1.0, 2.0, 1.0, 1.5), "floor")  # type: ignore[arg-type]


def test_classic_is_the_default_kind():
    bar = PriorBar(104.0, 110.0, 100.0, 106.0)
    assert pivot_levels(bar) == pivot_levels(bar, "classic")
    assert pivot_levels(bar).kind == "classic"


@pytest.mark.parametrize("kind", PIVOT_KINDS)
def test_levels_say_which_kind_they_are(kind):
    assert pivot_levels(PriorBar(104.0, 110.0, 100.0, 106.0), kind).kind == kind


def test_as_dict_names_every_level_by_its_own_value():
    # Seven distinct values, so a level filed under another name shows.
    levels = PivotLevels("classic", 100.0, r1=101.0, s1=99.0, r2=102.0, s2=98.0, r3=103.0, s3=97.0)
    assert levels.as_dict() == {
        "pivot": 100.0, "r1": 101.0, "r2": 102.0, "r3": 103.0, "s1": 99.0, "s2": 98.0, "s3": 97.0,
    }  # fmt: skip
    assert list(levels.as_dict()) == ["pivot", "r1", "r2", "r3", "s1", "s2", "s3"]
    demark = pivot_levels(PriorBar(104.0, 110.0, 100.0, 106.0), "demark").as_dict()
    assert (demark["r2"], demark["r3"], demark["s2"], demark["s3"]) == (None, None, None, None)


@given(prior_bars(), st.sampled_from(["classic", "fibonacci", "woodie"]))
def test_pivot_ladders_are_ordered(bar, kind):
    levels = pivot_levels(bar, kind)
    assert levels.s3 < levels.s2 < levels.s1 < levels.pivot < levels.r1 < levels.r2 < levels.r3


@given(prior_bars())
def test_camarilla_ladder_is_ordered_around_the_close(bar):
    levels = pivot_levels(bar, "camarilla")
    assert levels.s3 < levels.s2 < levels.s1 < bar.close < levels.r1 < levels.r2 < levels.r3


@given(prior_bars())
def test_demark_pivot_lies_between_its_support_and_resistance(bar):
    levels = pivot_levels(bar, "demark")
    assert levels.s1 < levels.pivot < levels.r1


@given(prior_bars(), st.sampled_from(PIVOT_KINDS))
def test_every_level_is_finite_and_supports_sit_below_resistances(bar, kind):
    levels = pivot_levels(bar, kind).as_dict()
    assert levels["s1"] < levels["r1"]
    assert all(value is None or abs(value) < float("inf") for value in levels.values())
