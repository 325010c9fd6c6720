"""The columnar classifier labels every trade exactly as the domain's ``classify_trades``.

The domain is the specification; the streams below aim at its edges: trades and quotes
stamped at the same instant, several quotes at one instant, quotes older than the window,
crossed, missing (NaN), zero, negative and infinite sides, prices exactly at the bid, the
ask and the midpoint, and runs of equal prices for the tick rule.
"""

import math
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.export.trade_labels import (
    BlockRun,
    classify_columns,
    summarize_columns,
)
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.trades import classify_trades, summarize

# Few distinct instants, so ties between and among trades and quotes are common.
stamps = st.lists(st.integers(0, 40), max_size=40).map(sorted)
cents = st.integers(995, 1005).map(lambda c: c / 100)
# A side of a quote: usually a price on the same cent grid as the trades, sometimes not
# usable at all.
quote_sides = st.one_of(
    cents, cents, cents, st.sampled_from([math.nan, math.inf, 0.0, -1.0, 1e308])
)
methods = st.sampled_from(["quote", "tick", "lee-ready"])


@st.composite
def streams(draw):
    trade_times = draw(stamps)
    quote_times = draw(stamps)
    bids = [draw(quote_sides) for _ in quote_times]
    # Asks from one cent below the bid (crossed) to a few above, or anything at all.
    asks = [
        draw(st.integers(-1, 4).map(lambda c, b=bid: b + c / 100) | quote_sides) for bid in bids
    ]
    # Prices at a quote's bid, ask or midpoint (in floats, as the domain computes it), or
    # on the grid; never NaN or <= 0: the trades reader refuses those.
    levels = [*bids, *asks, *(0.5 * (b + a) for b, a in zip(bids, asks, strict=True))]
    usable_levels = [x for x in levels if math.isfinite(x) and x > 0]
    price = cents | (st.sampled_from(usable_levels) if usable_levels else cents)
    prices = [draw(price) for _ in trade_times]
    sizes = [draw(st.floats(0, 1_000, allow_nan=False)) for _ in trade_times]
    # No window, any window, or exactly the age of some trade's prevailing quote (the
    # boundary: that quote still counts).
    ages = [t - max(q for q in quote_times if q <= t) for t in trade_times if quote_times[:1]
            and quote_times[0] <= t]  # fmt: skip
    window = draw(st.none() | st.integers(0, 15) | (st.sampled_from(ages) if ages else st.none()))
    return trade_times, prices, sizes, quote_times, bids, asks, window


def columns(trade_times, prices, quote_times, bids, asks):
    return (
        np.array(trade_times, np.int64),
        np.array(prices, np.float64),
        np.array(quote_times, np.int64),
        np.array(bids, np.float64),
        np.array(asks, np.float64),
    )


# Blocks of a few trades, so that the streams above cross block boundaries (the tick
# rule's direction is carried from one block into the next).
blocks = st.none() | st.integers(1, 8)


@given(streams(), methods, blocks)
def test_labels_equal_the_domains(stream, method, block):
    trade_times, prices, _, quote_times, bids, asks, window = stream
    expected = classify_trades(
        trade_times, prices, quote_times, bids, asks, method=method, window=window
    )
    arrays = columns(trade_times, prices, quote_times, bids, asks)
    sized = {} if block is None else {"block": block}
    got = classify_columns(*arrays, method=method, window=window, **sized)
    assert got.as_classified() == expected


def test_a_block_carries_the_direction_from_far_back():
    # Hundreds of equal prices after one up-tick (and a NaN): blocks that start inside the
    # run look back past it for the direction they carry in.
    prices = [10.0, 10.01, *([10.01] * 150), math.nan, *([10.01] * 250), 10.0, 10.0]
    times = list(range(len(prices)))
    expected = classify_trades(times, prices, [], [], [], method="tick")
    arrays = columns(times, prices, [], [], [])
    for block in (1, 7, 100, 1000):
        assert classify_columns(*arrays, method="tick", block=block).as_classified() == expected


@given(streams(), methods)
def test_summaries_equal_the_domains_to_the_last_bit(stream, method):
    trade_times, prices, sizes, quote_times, bids, asks, window = stream
    arrays = columns(trade_times, prices, quote_times, bids, asks)
    labels = classify_columns(*arrays, method=method, window=window)
    # Sizes with fractions: the totals match only if they are added in the same order.
    assert summarize_columns(np.array(sizes), labels) == summarize(sizes, labels.as_classified())


def test_refuses_what_the_domain_refuses():
    one = np.array([1], np.int64), np.array([10.0])
    quotes = np.array([0], np.int64), np.array([9.0]), np.array([11.0])
    with pytest.raises(DomainError, match="trades must be sorted by time: row 1"):
        classify_columns(np.array([2, 1], np.int64), np.array([10.0, 10.0]), *quotes)
    with pytest.raises(DomainError, match="quotes must be sorted"):
        classify_columns(*one, np.array([2, 1], np.int64), np.ones(2), np.ones(2))
    with pytest.raises(DomainError, match="method"):
        classify_columns(*one, *quotes, method="magic")  # type: ignore[arg-type]
    with pytest.raises(DomainError, match="window"):
        classify_columns(*one, *quotes, window=-1)
    with pytest.raises(DomainError, match="equal lengths"):
        classify_columns(one[0], np.array([10.0, 11.0]), *quotes)


def test_a_block_run_waits_for_the_leading_rows_and_hands_on_a_failure():
    done = []

    def job(start):
        def run():
            if start == 20:
                raise ValueError("block 20 failed")
            done.append(start)

        return run

    run = BlockRun([(job(start), start) for start in (0, 10, 20, 30)])
    run.wait(20)  # rows 0-19: the first two blocks
    assert sorted(done)[:2] == [0, 10]
    with pytest.raises(ValueError, match="block 20 failed"):
        run.wait(21)


def test_importing_the_trades_adapter_loads_neither_numpy_nor_pyarrow():
    # Heavy libraries load in the functions that use them, never on import.
    code = (
        "import sys, trade_analyst.adapters.export.trades_io; "
        "print(sorted(m for m in ('numpy', 'pyarrow') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
