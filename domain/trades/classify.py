"""Trade classification: was each trade buyer- or seller-initiated?

- **Quote rule**: against the prevailing quote, a trade above the midpoint is a buy, below
  a sell; exactly at the midpoint the quote cannot tell (unknown).
- **Tick rule**: a trade above the previous trade's price is a buy, below a sell; on a zero
  tick the previous direction carries over; before the first non-zero tick it is unknown.
  The previous price is always the previous trade of the whole sequence.
- **Lee-Ready**: the quote rule, and the tick rule for midpoint trades and trades without a
  usable quote.

The prevailing quote of a trade is the last quote stamped at or before it (never one from
after it); with ``window`` only if it is at most ``window`` older than the trade. A quote
with a missing, non-positive or crossed (bid > ask) side is not usable. Independently of
the side, each quoted trade gets a location: at/below the bid, at/above the ask, or inside.

Inputs are parallel sequences sorted by time (integers in one unit, e.g. microseconds);
the work is one pass with a pointer into the quotes (a merge join by time), so millions of
trades cost no per-trade objects. Outputs are small-int codes (see the constants).
"""

import math
from collections.abc import Sequence
from typing import Literal

import attrs

from trade_analyst.domain.errors import DomainError

Method = Literal["quote", "tick", "lee-ready"]
METHODS: tuple[Method, ...] = ("quote", "tick", "lee-ready")

# Sides.
SELL, UNKNOWN, BUY = -1, 0, 1
# Which rule decided the side.
BY_NONE, BY_QUOTE, BY_TICK = 0, 1, 2
# Where the price sat against the prevailing quote.
AT_NONE, AT_BID, AT_MID, AT_ASK = 0, 1, 2, 3
DEFAULT_EPSILON = 1e-9


@attrs.frozen
class Classified:
    """Per trade: ``side``, deciding ``rule``, ``location`` and the matched ``quote`` index
    (-1 when no usable quote prevailed). Lists parallel to the trades given."""

    side: list[int]
    rule: list[int]
    location: list[int]
    quote: list[int]

    def __len__(self) -> int:
        return len(self.side)


def _check_sorted(times: Sequence[int], what: str) -> None:
    previous = None
    for index, stamp in enumerate(times):
        if previous is not None and stamp < previous:
            raise DomainError(
                f"{what} must be sorted by time: row {index} is earlier than row {index - 1}"
            )
        previous = stamp


def check_request(
    method: str,
    window: float | None,
    trade_lengths: tuple[int, ...],
    quote_lengths: tuple[int, ...],
) -> None:
    """What every classifier refuses first: an unknown method, trade or quote columns of
    unequal lengths, a negative window. (Each checks the time order its own way.)"""
    if method not in METHODS:
        raise DomainError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if len(set(trade_lengths)) > 1 or len(set(quote_lengths)) > 1:
        raise DomainError("trade columns and quote columns must each have equal lengths")
    if window is not None and window < 0:
        raise DomainError(f"window must be >= 0, got {window}")


def classify_trades(
    times: Sequence[int],
    prices: Sequence[float],
    quote_times: Sequence[int],
    bids: Sequence[float],
    asks: Sequence[float],
    *,
    method: Method = "lee-ready",
    window: int | None = None,
    epsilon: float = DEFAULT_EPSILON,
) -> Classified:
    """Classify trades (``times``/``prices``) against quotes (``quote_times``/``bids``/``asks``).

    ``window`` and the times share one unit; ``epsilon`` is the price tolerance for "at the
    midpoint", "at the bid" and "at the ask" (relative to the price level, at least
    absolute ``epsilon``), so 10.015 computed from 10.01 and 10.02 still counts as the mid.
    """
    check_request(
        method, window, (len(times), len(prices)), (len(quote_times), len(bids), len(asks))
    )
    _check_sorted(times, "trades")
    _check_sorted(quote_times, "quotes")
    count = len(times)
    sides = [0] * count
    rules = [0] * count
    locations = [0] * count
    matched = [-1] * count
    use_quotes = method != "tick"
    fall_back = method == "lee-ready"
    isfinite = math.isfinite
    quote_count = len(quote_times)
    pointer = -1  # the last quote stamped at or before the current trade
    direction = UNKNOWN  # the tick rule's carried direction
    previous_price = math.nan
    for index in range(count):
        stamp = times[index]
        price = prices[index]
        while pointer + 1 < quote_count and quote_times[pointer + 1] <= stamp:
            pointer += 1
        # Tick state moves with every trade, whichever rule ends up deciding this one.
        if price > previous_price:
            direction = BUY
        elif price < previous_price:
            direction = SELL
        previous_price = price
        side = UNKNOWN
        rule = BY_NONE
        if pointer >= 0 and (window is None or stamp - quote_times[pointer] <= window):
            bid = bids[pointer]
            ask = asks[pointer]
            if 0.0 < bid <= ask and isfinite(ask):
                matched[index] = pointer
                tolerance = epsilon * max(1.0, abs(price))
                if price <= bid + tolerance:
                    locations[index] = AT_BID
                elif price >= ask - tolerance:
                    locations[index] = AT_ASK
                else:
                    locations[index] = AT_MID
                if use_quotes:
                    mid = 0.5 * (bid + ask)
                    if price > mid + tolerance:
                        side, rule = BUY, BY_QUOTE
                    elif price < mid - tolerance:
                        side, rule = SELL, BY_QUOTE
        if side == UNKNOWN and (method == "tick" or fall_back) and direction != UNKNOWN:
            side, rule = direction, BY_TICK
        sides[index] = side
        rules[index] = rule
    return Classified(sides, rules, locations, matched)
