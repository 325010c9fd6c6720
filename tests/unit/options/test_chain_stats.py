"""Chain statistics on small hand-built chains."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.domain.options import (
    ExpirationStats,
    PutCallRatio,
    black76_price,
    bs_price,
    chain_stats,
    constant_maturity_iv,
    max_pain,
    put_call_ratio,
    years_to_expiry,
)

AS_OF = dt.datetime(2025, 6, 2, 14, 0, tzinfo=dt.UTC)  # 10:00 New York
EXPIRY = dt.date(2025, 7, 2)  # 30 days + 6 hours away


def contract(right, strike, *, expiration=EXPIRY, **values):
    return OptionContract(
        symbol=f"X {right}{strike}",
        underlying="X",
        expiration=expiration,
        right=right,
        strike=strike,
        **values,
    )


def test_years_to_expiry_counts_to_four_pm_new_york():
    # 2025-07-02 16:00 EDT = 20:00 UTC: 30 days and 6 hours after 14:00 UTC on June 2.
    assert years_to_expiry(EXPIRY, AS_OF) == pytest.approx((30 + 6 / 24) / 365)
    assert years_to_expiry(dt.date(2025, 6, 1), AS_OF) == 0.0


def test_put_call_ratios_by_volume_and_open_interest():
    chain = OptionChain(
        "X",
        100.0,
        [
            contract("C", 100, volume=200, open_interest=1000),
            contract("P", 100, volume=300, open_interest=500),
            contract("P", 95, volume=100, open_interest=500),
        ],
    )
    stats = chain_stats(chain, AS_OF, 0.0)
    (expiration,) = stats.expirations
    assert expiration.volume_ratio.value == pytest.approx(2.0)  # 400 / 200
    assert expiration.oi_ratio.value == pytest.approx(1.0)
    assert stats.volume_ratio.value == pytest.approx(2.0)


def test_zero_calls_is_stated_not_hidden():
    ratio = put_call_ratio(puts=50, calls=0, what="volume")
    assert ratio.value is None
    assert "no call volume" in ratio.note
    assert "50" in ratio.note
    assert "no put or call" in put_call_ratio(0, 0, "volume").note


def test_max_pain_by_hand():
    # Strikes 90/100/110. Payout at 90: calls 0; puts 100: 10*10 + 110: 20*5 = 200.
    # At 100: calls 90: 10*5 = 50; puts 110: 10*5 = 50 -> 100. At 110: calls 90: 20*5 +
    # 100: 10*1 = 110; puts 0. Minimum at 100.
    positions = [("C", 90.0, 5), ("C", 100.0, 1), ("P", 100.0, 10), ("P", 110.0, 5)]
    assert max_pain(positions) == 100.0
    assert max_pain([("C", 90.0, 0), ("P", 100.0, 0)]) is None


@given(st.lists(st.tuples(st.sampled_from("CP"), st.integers(1, 40).map(lambda k: k * 2.5),
                          st.integers(0, 1000)), min_size=1, max_size=40))  # fmt: skip
def test_max_pain_minimises_the_payout_over_listed_strikes(positions):
    def payout(at):
        return sum(
            oi * max(at - k, 0) if r == "C" else oi * max(k - at, 0) for r, k, oi in positions
        )

    best = max_pain(positions)
    if all(oi == 0 for _, _, oi in positions):
        assert best is None
        return
    strikes = {k for _, k, _ in positions}
    assert best in strikes
    assert payout(best) <= min(payout(k) for k in strikes) + 1e-6


def _priced_chain(vol_of_strike, spot=100.0, rate=0.0):
    years = years_to_expiry(EXPIRY, AS_OF)
    contracts = []
    for strike in range(80, 121, 5):
        vol = vol_of_strike(strike)
        for right in ("C", "P"):
            price = bs_price(right, spot, strike, years, vol, rate)
            contracts.append(
                contract(right, strike, bid=price, ask=price, volume=1, open_interest=1)
            )
    return OptionChain("X", spot, contracts)


def test_without_provider_ivs_they_are_solved_from_mids_and_atm_iv_interpolates():
    # Flat 25% smile, no provider IV or delta: everything is solved back from prices.
    stats = chain_stats(_priced_chain(lambda k: 0.25, spot=102.0), AS_OF, 0.0)
    (expiration,) = stats.expirations
    assert expiration.atm_iv == pytest.approx(0.25, abs=1e-6)
    assert expiration.atm_strike == 100
    assert expiration.skew_25d == pytest.approx(0.0, abs=1e-6)


def test_atm_iv_is_linear_in_strike_between_the_strikes_around_spot():
    # IV 20% at 100, 30% at 105, spot 102 -> 20% + 0.4 * 10% = 24%.
    stats = chain_stats(
        _priced_chain(lambda k: {100: 0.20, 105: 0.30}.get(k, 0.25), spot=102.0), AS_OF, 0.0
    )
    assert stats.expirations[0].atm_iv == pytest.approx(0.24, abs=1e-6)


def test_skewed_smile_gives_positive_25_delta_skew():
    stats = chain_stats(_priced_chain(lambda k: 0.25 + (100 - k) * 0.004), AS_OF, 0.0)
    (expiration,) = stats.expirations
    assert expiration.skew_25d > 0
    assert expiration.put_25d_iv > expiration.call_25d_iv


def test_expected_move_is_the_atm_straddle():
    chain = OptionChain(
        "X",
        101.0,
        [contract("C", 100, bid=3.0, ask=3.2), contract("P", 100, bid=1.9, ask=2.1),
         contract("C", 105, bid=1.0, ask=1.2), contract("P", 105, bid=4.9, ask=5.1)],
    )  # fmt: skip
    (expiration,) = chain_stats(chain, AS_OF, 0.0).expirations
    assert expiration.atm_strike == 100
    assert expiration.straddle == pytest.approx(5.1)
    assert expiration.expected_move_pct == pytest.approx(100 * 5.1 / 101)
    # Parity with r = 0: F = K + C - P = 100 + 3.1 - 2.0.
    assert expiration.implied_forward == pytest.approx(101.1)


def test_missing_pieces_are_noted():
    chain = OptionChain("X", None, [contract("C", 100, volume=0, open_interest=0)])
    (expiration,) = chain_stats(chain, AS_OF, 0.0).expirations
    assert expiration.atm_iv is None
    assert expiration.straddle is None
    assert any("no underlying price" in note for note in expiration.notes)
    assert any("max pain" in note for note in expiration.notes)
    assert expiration.volume_ratio.note


def test_provider_sentinels_are_not_used_as_volatilities():
    years = years_to_expiry(EXPIRY, AS_OF)
    price = bs_price("C", 100, 100, years, 0.3, 0.0)
    chain = OptionChain(
        "X", 100.0, [contract("C", 100, bid=price, ask=price, implied_volatility=-999.0)]
    )
    assert chain_stats(chain, AS_OF, 0.0).expirations[0].atm_iv == pytest.approx(0.3, abs=1e-6)


def _term(days_and_ivs):
    empty = PutCallRatio(0, 0, None)
    return [
        ExpirationStats(
            expiration=EXPIRY,
            days=days,
            contracts=0,
            volume_ratio=empty,
            oi_ratio=empty,
            atm_strike=None,
            atm_iv=iv,
            put_25d_iv=None,
            call_25d_iv=None,
            skew_25d=None,
            straddle=None,
            expected_move_pct=None,
            implied_forward=None,
            max_pain=None,
        )
        for days, iv in days_and_ivs
    ]


def test_thirty_day_iv_interpolates_total_variance():
    # 20 days at 20% and 40 days at 30%: w = 0.04*20 = 0.8 and 0.09*40 = 3.6; halfway
    # w30 = 2.2, so iv = sqrt(2.2 / 30) = 0.27080...
    result = constant_maturity_iv(_term([(1.0, 0.9), (20.0, 0.20), (40.0, 0.30)]))
    assert result.method == "interpolated"
    assert result.value == pytest.approx((2.2 / 30) ** 0.5)


def test_thirty_day_iv_falls_back_to_the_nearest_expiration_and_says_so():
    result = constant_maturity_iv(_term([(7.0, 0.2), (14.0, 0.25)]))
    assert result.method == "nearest"
    assert result.value == 0.25
    assert "14.0 days" in result.note
    assert constant_maturity_iv(_term([(1.0, 0.2)])).value is None


def test_options_on_futures_solve_with_black76():
    # A futures price of 100 at r = 5%: Black-76 prices; read as Black-Scholes on a spot
    # they would imply a different volatility.
    years = years_to_expiry(EXPIRY, AS_OF)
    contracts = []
    for strike in (95, 100, 105):
        for right in ("C", "P"):
            price = black76_price(right, 100.0, strike, years, 0.3, 0.05)
            contracts.append(contract(right, strike, bid=price, ask=price))
    chain = OptionChain("/ESU25", 100.0, contracts)
    futures = chain_stats(chain, AS_OF, 0.05, "black76").expirations[0]
    spot = chain_stats(chain, AS_OF, 0.05).expirations[0]
    assert futures.atm_iv == pytest.approx(0.3, abs=1e-6)
    assert spot.atm_iv != pytest.approx(0.3, abs=1e-4)  # the wrong model is measurably off


def test_contracts_without_a_volatility_are_counted_by_reason():
    chain = OptionChain(
        "X",
        100.0,
        [
            contract("C", 80, bid=5.0, ask=5.0),  # below the intrinsic 20: no volatility
            contract("C", 90),  # no price at all
            contract("P", 90, bid=1.0, ask=1.2),
        ],
    )
    (expiration,) = chain_stats(chain, AS_OF, 0.0).expirations
    assert "no volatility for 2 contract(s): below_lower_bound 1, no_price 1" in expiration.notes
