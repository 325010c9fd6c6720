"""The domain's trade classification computed on whole numpy columns, for files of millions.

``trade_analyst.domain.trades.classify_trades`` is the specification: a Python loop per
trade. This computes the same labels with array operations (a property test holds the two
equal on random inputs):

- the prevailing quote of each trade is a binary search of the trade's time among the
  quote times (the last quote stamped at or before it), then the ``window`` and usability
  checks as masks;
- location and the quote rule are the domain's comparisons, in the same float operations,
  element-wise;
- the tick rule's carried direction is the last non-zero tick at or before each trade: the
  running maximum of the indices of non-zero ticks.

Summaries tally each label's codes and sizes with ``bincount``, which adds the sizes of each
code in trade order like the domain's loop, and leaves the shares to the domain.
"""

from typing import TYPE_CHECKING

import attrs

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
    DEFAULT_EPSILON,
    METHODS,
    SELL,
    UNKNOWN,
    ClassificationSummary,
    Classified,
    Method,
    Tally,
    summary_of_tallies,
)

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Codes = NDArray[np.int8]
    Indices = NDArray[np.int64]
    Times = NDArray[np.int64]
    Floats = NDArray[np.float64]

__all__ = ["LabelColumns", "classify_columns", "concatenated", "summarize_columns"]


@attrs.frozen
class LabelColumns:
    """Per trade, as in the domain's ``Classified``: ``side``, deciding ``rule`` and
    ``location`` (small-int codes) and the matched ``quote`` index (-1 when no usable quote
    prevailed)."""

    side: "Codes"
    rule: "Codes"
    location: "Codes"
    quote: "Indices"

    def __len__(self) -> int:
        return len(self.side)

    def rows(self, start: int, stop: int) -> "LabelColumns":
        """The labels of trades ``[start, stop)`` (views, no copy)."""
        return LabelColumns(
            self.side[start:stop],
            self.rule[start:stop],
            self.location[start:stop],
            self.quote[start:stop],
        )

    def as_classified(self) -> Classified:
        """The same labels as the domain's lists."""
        return Classified(
            self.side.tolist(), self.rule.tolist(), self.location.tolist(), self.quote.tolist()
        )


def classify_columns(
    times: "Times",
    prices: "Floats",
    quote_times: "Times",
    bids: "Floats",
    asks: "Floats",
    *,
    method: Method = "lee-ready",
    window: int | None = None,
    epsilon: float = DEFAULT_EPSILON,
) -> LabelColumns:
    """``classify_trades`` of the same arguments, as numpy columns (see the module doc)."""
    import numpy as np

    _check(times, prices, quote_times, bids, asks, method, window)
    with np.errstate(all="ignore"):  # NaN quotes and overflow are data here, as in Python
        quote, location, quoted = _against_quotes(
            times, prices, quote_times, bids, asks, window, epsilon
        )
        side = quoted if method != "tick" else np.zeros(len(times), np.int8)
        rule = np.where(side != UNKNOWN, np.int8(BY_QUOTE), np.int8(BY_NONE))
        if method != "quote":
            direction = _tick_directions(prices)
            by_tick = (side == UNKNOWN) & (direction != UNKNOWN)
            side[by_tick] = direction[by_tick]
            rule[by_tick] = BY_TICK
    return LabelColumns(side, rule, location, quote)


def _against_quotes(
    times: "Times",
    prices: "Floats",
    quote_times: "Times",
    bids: "Floats",
    asks: "Floats",
    window: int | None,
    epsilon: float,
) -> tuple["Indices", "Codes", "Codes"]:
    """Per trade: its usable prevailing quote (-1 for none), where the price sat against
    it, and the quote rule's side. Each temporary of millions of rows is dropped, or its
    memory reused, as soon as it has served."""
    import numpy as np

    matched = _prevailing(times, quote_times, window)
    at = np.maximum(matched, 0)  # any index for the unmatched: masked below
    bid = bids[at] if len(bids) else np.full(len(times), np.nan)
    ask = asks[at] if len(asks) else np.full(len(times), np.nan)
    del at
    usable = (matched >= 0) & (bid > 0.0) & (bid <= ask) & np.isfinite(ask)
    matched[~usable] = -1
    # epsilon * max(1.0, abs(price)); fmax, like Python's max here, passes over a NaN price.
    tolerance = np.abs(prices)
    np.fmax(tolerance, 1.0, out=tolerance)
    tolerance *= epsilon
    location = np.full(len(times), AT_MID, np.int8)
    at_bid = prices <= bid + tolerance
    location[~at_bid & (prices >= ask - tolerance)] = AT_ASK
    location[at_bid] = AT_BID
    location[~usable] = AT_NONE
    del at_bid
    mid = np.add(bid, ask, out=bid)  # 0.5 * (bid + ask), in bid's memory
    mid *= 0.5
    del ask
    side = np.zeros(len(times), np.int8)
    buy = usable & (prices > mid + tolerance)
    side[buy] = BUY
    side[usable & ~buy & (prices < mid - tolerance)] = SELL
    return matched, location, side


def _check(
    times: "Times",
    prices: "Floats",
    quote_times: "Times",
    bids: "Floats",
    asks: "Floats",
    method: str,
    window: int | None,
) -> None:
    """Refuse what the domain refuses (the binary search would silently misread unsorted
    times)."""
    import numpy as np

    if method not in METHODS:
        raise DomainError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    if len(times) != len(prices) or not len(quote_times) == len(bids) == len(asks):
        raise DomainError("trade columns and quote columns must each have equal lengths")
    if window is not None and window < 0:
        raise DomainError(f"window must be >= 0, got {window}")
    for what, stamps in (("trades", times), ("quotes", quote_times)):
        earlier = np.flatnonzero(stamps[1:] < stamps[:-1])
        if len(earlier):
            row = int(earlier[0]) + 1
            raise DomainError(
                f"{what} must be sorted by time: row {row} is earlier than row {row - 1}"
            )


def _prevailing(times: "Times", quote_times: "Times", window: int | None) -> "Indices":
    """Per trade, the last quote stamped at or before it (and at most ``window`` older),
    else -1."""
    import numpy as np

    matched = np.searchsorted(quote_times, times, side="right").astype(np.int64) - 1
    if window is not None and len(quote_times):
        stale = times - quote_times[np.maximum(matched, 0)] > window
        matched[stale] = -1
    return matched


def _location(
    prices: "Floats", bid: "Floats", ask: "Floats", tolerance: "Floats", usable: "NDArray[np.bool_]"
) -> "Codes":
    """At/below the bid, else at/above the ask, else inside; none without a usable quote."""
    import numpy as np

    location = np.full(len(prices), AT_MID, np.int8)
    at_bid = prices <= bid + tolerance
    location[~at_bid & (prices >= ask - tolerance)] = AT_ASK
    location[at_bid] = AT_BID
    location[~usable] = AT_NONE
    return location


def _tick_directions(prices: "Floats") -> "Codes":
    """Per trade, the tick rule's direction: the sign of the last non-zero price change at
    or before it (unknown before the first)."""
    import numpy as np

    ticks = np.zeros(len(prices), np.int8)
    ticks[1:][prices[1:] > prices[:-1]] = BUY
    ticks[1:][prices[1:] < prices[:-1]] = SELL
    last = np.where(ticks != 0, np.arange(len(ticks)), -1)
    np.maximum.accumulate(last, out=last)
    directions: Codes = np.where(last >= 0, ticks[last], np.int8(UNKNOWN))
    return directions


def concatenated(parts: "list[LabelColumns]") -> LabelColumns:
    """The labels of consecutive runs of trades as one (no copy for a single run)."""
    import numpy as np

    if len(parts) == 1:
        return parts[0]
    return LabelColumns(
        np.concatenate([part.side for part in parts]),
        np.concatenate([part.rule for part in parts]),
        np.concatenate([part.location for part in parts]),
        np.concatenate([part.quote for part in parts]),
    )


def summarize_columns(sizes: "Floats", labels: LabelColumns) -> ClassificationSummary:
    """The domain's ``summarize`` of these sizes and labels."""
    if len(sizes) != len(labels):
        raise ValueError("sizes and classifications must have equal lengths")
    return summary_of_tallies(
        side=_tally(labels.side, sizes, (SELL, UNKNOWN, BUY)),
        location=_tally(labels.location, sizes, (AT_NONE, AT_BID, AT_MID, AT_ASK)),
        rule=_tally(labels.rule, sizes, (BY_NONE, BY_QUOTE, BY_TICK)),
    )


def _tally(codes: "Codes", sizes: "Floats", known: tuple[int, ...]) -> Tally:
    """Counts and sizes per code; ``bincount`` adds each bin's weights in input order."""
    import numpy as np

    low = min(known)
    bins = np.asarray(codes, np.int64) - low
    counts = np.bincount(bins, minlength=len(known)).tolist()
    totals = np.bincount(bins, weights=sizes, minlength=len(known)).tolist()
    return Tally(
        {code: counts[code - low] for code in known}, {code: totals[code - low] for code in known}
    )
