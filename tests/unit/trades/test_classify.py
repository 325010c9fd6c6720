"""Trade classification: the rules by hand, backward-only matching, and laws."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.trades import (
    AT_ASK,
    AT_BID,
    AT_MID,
    AT_NONE,
    BUY,
    BY_NONE,
    BY_QUOTE,
    BY_TICK,
    SELL,
    UNKNOWN,
    classify_trades,
    summarize,
)
from trade_analyst.testing.strategies.trades import tapes

# One quote at t=0: 10.00 / 10.04 (mid 10.02).
QUOTE = ([0], [10.00], [10.04])


def classify(times, prices, quotes=QUOTE, **options):
    return classify_trades(times, prices, *quotes, **options)


def test_quote_rule_above_below_and_at_the_midpoint():
    result = classify([1, 2, 3], [10.03, 10.01, 10.02], method="quote")
    assert result.side == [BUY, SELL, UNKNOWN]
    assert result.rule == [BY_QUOTE, BY_QUOTE, BY_NONE]
    assert result.location == [AT_MID, AT_MID, AT_MID]
    assert result.quote == [0, 0, 0]


def test_location_at_bid_and_ask_including_outside_the_spread():
    result = classify([1, 2, 3, 4], [10.00, 9.99, 10.04, 10.05], method="quote")
    assert result.location == [AT_BID, AT_BID, AT_ASK, AT_ASK]
    assert result.side == [SELL, SELL, BUY, BUY]


def test_midpoint_computed_in_floats_still_counts_as_the_midpoint():
    result = classify([1], [10.015], quotes=([0], [10.01], [10.02]), method="quote")
    assert result.side == [UNKNOWN]


def test_tick_rule_carries_the_previous_direction_on_zero_ticks():
    prices = [10.0, 10.0, 10.1, 10.1, 10.1, 10.0, 10.0, 10.2]
    result = classify(list(range(1, 9)), prices, quotes=([], [], []), method="tick")
    assert result.side == [UNKNOWN, UNKNOWN, BUY, BUY, BUY, SELL, SELL, BUY]
    assert result.rule == [BY_NONE, BY_NONE] + [BY_TICK] * 6
    assert result.location == [AT_NONE] * 8


def test_lee_ready_uses_ticks_only_for_midpoint_and_unquoted_trades():
    # Quote at t=0 (10.00/10.04) and t=10 crossed (unusable).
    quotes = ([0, 10], [10.00, 10.10], [10.04, 10.05])
    result = classify([1, 2, 3, 11, 12], [10.01, 10.02, 10.03, 10.04, 10.03], quotes=quotes)
    # 10.01 below mid: sell by quote; 10.02 at mid: uptick from 10.01 -> buy by tick;
    # 10.03 buy by quote; after t=10 the prevailing quote is crossed: ticks decide.
    assert result.side == [SELL, BUY, BUY, BUY, SELL]
    assert result.rule == [BY_QUOTE, BY_TICK, BY_QUOTE, BY_TICK, BY_TICK]
    assert result.quote == [0, 0, 0, -1, -1]


def test_a_quote_from_after_the_trade_is_never_used():
    # The earlier tool matched the nearest quote and used one 900 ms in the future.
    quotes = ([1_900], [10.00], [10.04])
    result = classify([1_000], [10.03], quotes=quotes, method="quote", window=1_000)
    assert result.quote == [-1]
    assert result.side == [UNKNOWN]
    assert result.location == [AT_NONE]


def test_a_quote_stamped_at_the_trade_time_prevails():
    result = classify([5], [10.03], quotes=([5], [10.00], [10.04]), method="quote")
    assert result.quote == [0]


def test_window_keeps_only_quotes_at_most_that_old():
    quotes = ([0], [10.00], [10.04])
    result = classify([500, 501], [10.03, 10.03], quotes=quotes, method="quote", window=500)
    assert result.quote == [0, -1]
    assert result.side == [BUY, UNKNOWN]


def test_the_latest_quote_prevails_over_older_ones():
    quotes = ([0, 5], [10.00, 10.20], [10.04, 10.24])
    result = classify([6], [10.10], quotes=quotes, method="quote")
    assert result.side == [SELL]  # below 10.22, though above the older mid 10.02
    assert result.quote == [1]


def test_unsorted_inputs_and_bad_options_are_refused():
    with pytest.raises(DomainError, match="row 1"):
        classify([2, 1], [10.0, 10.0])
    with pytest.raises(DomainError, match="quotes"):
        classify([1], [10.0], quotes=([2, 1], [1.0, 1.0], [2.0, 2.0]))
    with pytest.raises(DomainError):
        classify([1], [10.0], method="magic")
    with pytest.raises(DomainError):
        classify([1], [10.0], window=-1)


def test_refusals_say_what_is_wrong():
    with pytest.raises(
        DomainError, match=r"^trades must be sorted by time: row 2 is earlier than row 1$"
    ):
        classify([1, 3, 2], [10.0, 10.0, 10.0])
    with pytest.raises(DomainError, match=r"^quotes must be sorted by time"):
        classify([1], [10.0], quotes=([2, 1], [1.0, 1.0], [2.0, 2.0]))
    with pytest.raises(
        DomainError, match=r"^method must be one of quote, tick, lee-ready, got 'magic'$"
    ):
        classify([1], [10.0], method="magic")
    with pytest.raises(DomainError, match=r"^window must be >= 0, got -1$"):
        classify([1], [10.0], window=-1)


@pytest.mark.parametrize(
    ("trades", "quotes"),
    [
        (([1, 2], [10.0]), QUOTE),  # one price short
        (([1], [10.0, 10.1]), QUOTE),  # one time short
        (([1], [10.0]), ([0, 1], [10.0], [10.04])),  # quote times longer than bids and asks
        (([1], [10.0]), ([0], [10.0, 10.1], [10.04])),  # only the bids longer
        (([1], [10.0]), ([0], [10.0], [10.04, 10.05])),  # only the asks longer
    ],
)
def test_a_length_mismatch_in_any_one_column_is_refused(trades, quotes):
    with pytest.raises(
        DomainError, match=r"^trade columns and quote columns must each have equal lengths$"
    ):
        classify(*trades, quotes=quotes)


def test_a_window_of_zero_keeps_only_quotes_stamped_at_the_trade_time():
    quotes = ([5], [10.00], [10.04])
    result = classify([5, 6], [10.03, 10.03], quotes=quotes, method="quote", window=0)
    assert result.quote == [0, -1]
    assert result.side == [BUY, UNKNOWN]


def test_cheap_options_are_classified_against_their_own_quote():
    # A 0.05 / 0.10 option (mid 0.075): 0.09 is a buy, 0.06 a sell, 0.075 unknown.
    quotes = ([0], [0.05], [0.10])
    result = classify(
        [1, 2, 3, 4, 5], [0.09, 0.06, 0.075, 0.05, 0.10], quotes=quotes, method="quote"
    )
    assert result.side == [BUY, SELL, UNKNOWN, SELL, BUY]
    assert result.location == [AT_MID, AT_MID, AT_MID, AT_BID, AT_ASK]


def test_below_a_dollar_the_tolerance_is_absolute_above_it_relative():
    # Under $1 the tolerance is epsilon itself: 0.08 is 0.005 above the 0.075 mid, beyond
    # epsilon = 0.004.
    cheap = classify([1], [0.08], quotes=([0], [0.05], [0.10]), method="quote", epsilon=0.004)
    assert cheap.side == [BUY]
    assert cheap.location == [AT_MID]
    # At 100 it is epsilon × 100 = 0.01: 100.005 is at the mid, 100.02 above it.
    dear = classify(
        [1, 2], [100.005, 100.02], quotes=([0], [99.90], [100.10]), method="quote", epsilon=1e-4
    )
    assert dear.side == [UNKNOWN, BUY]
    # and "at the bid/ask" uses the same tolerance: 99.905 is within 0.01 of the bid.
    near = classify([1], [99.905], quotes=([0], [99.90], [100.10]), method="quote", epsilon=1e-4)
    assert near.location == [AT_BID]


def test_a_trade_exactly_one_tolerance_from_a_reference_price_counts_as_at_it():
    # Quote 0.25 / 0.75 (mid 0.5), epsilon 0.125 (absolute under $1; all exact in binary):
    # 0.375 is one tolerance above the bid and below the mid: at the bid, side unknown;
    # 0.625 is one tolerance below the ask and above the mid: at the ask, side unknown.
    result = classify(
        [1, 2], [0.375, 0.625], quotes=([0], [0.25], [0.75]), method="quote", epsilon=0.125
    )
    assert result.location == [AT_BID, AT_ASK]
    assert result.side == [UNKNOWN, UNKNOWN]
    assert result.rule == [BY_NONE, BY_NONE]


@pytest.mark.parametrize(
    ("bid", "ask"),
    [(0.0, 0.05), (-0.01, 0.05), (0.10, 0.05), (0.05, float("inf")), (float("nan"), 0.05)],
)
def test_a_zero_negative_crossed_or_missing_side_makes_the_quote_unusable(bid, ask):
    # Lee-Ready falls back to the tick rule: 0.04 after 0.03 is an uptick.
    result = classify([1, 2], [0.03, 0.04], quotes=([0], [bid], [ask]))
    assert result.quote == [-1, -1]
    assert result.location == [AT_NONE, AT_NONE]
    assert result.side == [UNKNOWN, BUY]
    assert result.rule == [BY_NONE, BY_TICK]


def test_a_locked_quote_is_usable_and_a_trade_on_it_is_at_the_bid():
    result = classify([1], [1.00], quotes=([0], [1.00], [1.00]), method="quote")
    assert result.quote == [0]
    assert result.location == [AT_BID]
    assert result.side == [UNKNOWN]


def test_the_quote_rule_alone_never_falls_back_to_ticks():
    result = classify(
        [1, 2], [10.02, 10.03], quotes=([0, 2], [10.00, 10.10], [10.04, 10.05]), method="quote"
    )
    assert result.side == [UNKNOWN, UNKNOWN]  # at the mid; then a crossed quote
    assert result.rule == [BY_NONE, BY_NONE]


def test_the_tick_rule_ignores_quotes_for_the_side_but_still_locates_the_trade():
    result = classify([1, 2], [10.03, 10.01], method="tick")
    assert result.side == [UNKNOWN, SELL]
    assert result.location == [AT_MID, AT_MID]
    assert result.quote == [0, 0]
    assert len(result) == 2


def test_summary_weights_by_size():
    result = classify([1, 2, 3], [10.03, 10.01, 10.02], method="quote")
    summary = summarize([100.0, 300.0, 100.0], result)
    assert summary.buy.pct == pytest.approx(20.0)
    assert summary.sell.pct == pytest.approx(60.0)
    assert summary.unknown.pct == pytest.approx(20.0)
    assert summary.at_mid.pct == pytest.approx(100.0)
    assert summary.by_quote.pct == pytest.approx(80.0)
    assert summary.confidence == "quote"


def test_an_empty_summary_has_no_percentages():
    summary = summarize([], classify([], []))
    assert summary.trades == 0
    assert summary.buy.pct is None
    assert summary.confidence is None


# ---- laws on random streams

methods = st.sampled_from(["quote", "tick", "lee-ready"])


def reference(trade_times, trade_prices, quote_times, bids, asks, method, window):
    """The rules written the slow, obvious way: scan every quote for every trade."""
    sides, previous, direction = [], None, UNKNOWN
    for stamp, price in zip(trade_times, trade_prices, strict=True):
        if previous is not None and price != previous:
            direction = BUY if price > previous else SELL
        previous = price
        before = [i for i, q in enumerate(quote_times) if q <= stamp]
        side = UNKNOWN
        if before and method != "tick":
            i = before[-1]
            fresh = window is None or stamp - quote_times[i] <= window
            if fresh and 0 < bids[i] <= asks[i]:
                mid = (bids[i] + asks[i]) / 2
                if abs(price - mid) > 1e-9 * max(1.0, price):
                    side = BUY if price > mid else SELL
        if side == UNKNOWN and method != "quote":
            side = direction
        sides.append(side)
    return sides


@given(tapes(), methods, st.none() | st.integers(0, 300))
def test_agrees_with_the_obvious_implementation(stream, method, window):
    trade_times, trade_prices, _, quote_times, bids, asks = stream
    result = classify_trades(
        trade_times, trade_prices, quote_times, bids, asks, method=method, window=window
    )
    assert result.side == reference(
        trade_times, trade_prices, quote_times, bids, asks, method, window
    )


@given(tapes(), methods)
def test_no_trade_sees_a_quote_from_after_it(stream, method):
    trade_times, trade_prices, _, quote_times, bids, asks = stream
    full = classify_trades(trade_times, trade_prices, quote_times, bids, asks, method=method)
    for index, stamp in enumerate(trade_times):
        cut = sum(1 for q in quote_times if q <= stamp)
        past_only = classify_trades(
            trade_times[: index + 1], trade_prices[: index + 1],
            quote_times[:cut], bids[:cut], asks[:cut], method=method,
        )  # fmt: skip
        assert past_only.side[-1] == full.side[index]
        assert full.quote[index] < cut


@given(tapes(), methods)
def test_classification_shares_sum_to_100_percent(stream, method):
    trade_times, trade_prices, sizes, quote_times, bids, asks = stream
    summary = summarize(
        sizes, classify_trades(trade_times, trade_prices, quote_times, bids, asks, method=method)
    )
    partitions = [
        (summary.buy, summary.sell, summary.unknown),
        (summary.at_ask, summary.at_bid, summary.at_mid, summary.unquoted),
        (summary.by_quote, summary.by_tick, summary.by_none),
    ]
    for shares in partitions:
        assert sum(share.trades for share in shares) == len(sizes)
        if summary.size > 0:
            assert sum(share.pct for share in shares) == pytest.approx(100.0)
        else:
            assert all(share.pct is None for share in shares)
