"""The domain's trade classification computed on whole numpy columns, for files of millions.

``trade_analyst.domain.trades.classify_trades`` is the specification: a Python loop per
trade. This computes the same labels with array operations (a property test holds the two
equal on random inputs):

- the prevailing quote of each trade is a binary search of the trade's time among the
  quote times (the last quote stamped at or before it), then the ``window`` and usability
  checks as masks;
- location and the quote rule are the domain's comparisons, in the same float operations,
  element-wise; the domain's if/elif chains become small tables, worked out once from the
  same conditions and looked up per trade;
- the tick rule's carried direction is the last non-zero tick at or before each trade.

All of it runs a block of trades at a time (``BLOCK``), so that millions of trades need
only small temporaries, on two threads (``BlockRun``), in row order, so that a caller can
use the first blocks' labels while the rest are worked out. Blocks are independent: each
finds the tick direction carried into it by looking back from its first trade.

Summaries tally each label's codes and sizes with ``bincount``, which adds the sizes of each
code in trade order like the domain's loop, and leaves the shares to the domain.
"""

import bisect
import functools
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import attrs

from trade_analyst.adapters.export.numpy_arrow import microseconds
from trade_analyst.domain import trades
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.trades import AT_ASK, AT_BID, AT_MID, AT_NONE, BUY, SELL, UNKNOWN

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

    Codes = NDArray[np.int8]
    Indices = NDArray[np.int64]
    Times = NDArray[np.int64]
    Floats = NDArray[np.float64]

__all__ = [
    "BlockRun",
    "LabelColumns",
    "Labelling",
    "MatchedQuotes",
    "classify_columns",
    "labelling",
    "summarize_columns",
]


@attrs.frozen
class LabelColumns:
    """Per trade, as in the domain's ``trades.Classified``: ``side``, deciding ``rule`` and
    ``location`` (small-int codes) and the matched ``quote`` index (-1 when no usable quote
    prevailed)."""

    side: "Codes"
    rule: "Codes"
    location: "Codes"
    quote: "Indices"

    def __len__(self) -> int:
        return len(self.side)

    @classmethod
    def empty(cls, count: int) -> "LabelColumns":
        """Columns for ``count`` trades, to be filled."""
        import numpy as np

        return cls(np.empty(count, np.int8), np.empty(count, np.int8), np.empty(count, np.int8),
                   np.empty(count, np.int64))  # fmt: skip

    def rows(self, start: int, stop: int) -> "LabelColumns":
        """The labels of trades ``[start, stop)`` (views, no copy)."""
        return LabelColumns(
            self.side[start:stop],
            self.rule[start:stop],
            self.location[start:stop],
            self.quote[start:stop],
        )

    def as_classified(self) -> trades.Classified:
        """The same labels as the domain's lists."""
        return trades.Classified(
            self.side.tolist(), self.rule.tolist(), self.location.tolist(), self.quote.tolist()
        )


@attrs.frozen
class MatchedQuotes:
    """Per trade, its matched quote's ``bid``, ``ask`` and ``time`` (epoch microseconds,
    as the labels file holds it); any value where no usable quote was matched."""

    bid: "Floats"
    ask: "Floats"
    time: "Times"

    @classmethod
    def empty(cls, count: int) -> "MatchedQuotes":
        """Columns for ``count`` trades, to be filled."""
        import numpy as np

        return cls(np.empty(count), np.empty(count), np.empty(count, np.int64))

    def rows(self, start: int, stop: int) -> "MatchedQuotes":
        """Trades ``[start, stop)`` (views, no copy)."""
        return MatchedQuotes(self.bid[start:stop], self.ask[start:stop], self.time[start:stop])


# Trades labelled per block of this many: a block's dozen temporaries stay small enough
# for the CPU caches and for memory the allocator already holds. Whole-column temporaries
# for 2 million trades are ~100 MB of fresh pages, whose faults cost more than the
# arithmetic (0.05 to 0.2 s of system time per run, against 0.01 s in blocks).
BLOCK = 65_536


def classify_columns(
    times: "Times",
    prices: "Floats",
    quote_times: "Times",
    bids: "Floats",
    asks: "Floats",
    *,
    method: trades.Method = "lee-ready",
    window: int | None = None,
    epsilon: float = trades.DEFAULT_EPSILON,
    block: int = BLOCK,
) -> LabelColumns:
    """``classify_trades`` of the same arguments, as numpy columns (see the module doc),
    worked out ``block`` trades at a time."""
    work = labelling(
        times, prices, quote_times, bids, asks, method=method, window=window, epsilon=epsilon
    )
    BlockRun(work.blocks(block)).wait(len(times))
    return work.out


def labelling(
    times: "Times",
    prices: "Floats",
    quote_times: "Times",
    bids: "Floats",
    asks: "Floats",
    *,
    method: trades.Method = "lee-ready",
    window: int | None = None,
    epsilon: float = trades.DEFAULT_EPSILON,
    out: LabelColumns | None = None,
    quote_offset: int = 0,
    matched: MatchedQuotes | None = None,
) -> "Labelling":
    """These trades, checked as the domain checks them, ready to be labelled into ``out``
    (new columns when none) with ``quote_offset`` added to each matched quote's index;
    with ``matched``, each trade's matched quote into it as well (taken once, in the
    blocks, rather than again for a labels table)."""
    _check(times, prices, quote_times, bids, asks, method, window)
    count = len(times)
    out = LabelColumns.empty(count) if out is None else out
    return Labelling(
        times, prices, quote_times, bids, asks, window, epsilon, method != "quote",
        _decisions(method), out, quote_offset, matched,
    )  # fmt: skip


@attrs.frozen
class Labelling:
    """Trades ready to be labelled, any block of them at any time (see ``labelling``)."""

    times: "Times"
    prices: "Floats"
    quote_times: "Times"
    bids: "Floats"
    asks: "Floats"
    window: int | None
    epsilon: float
    ticks_decide: bool
    decisions: tuple["Codes", "Codes"]
    out: LabelColumns
    quote_offset: int
    matched: MatchedQuotes | None

    def label(self, start: int, stop: int) -> None:
        """Fill the labels of trades ``[start, stop)``."""
        import numpy as np

        rows = slice(start, stop)
        with np.errstate(all="ignore"):  # per thread: numpy's error state is thread-local
            quote, location, quoted, bid, ask = _against_quotes(
                self.times[rows], self.prices[rows], self.quote_times, self.bids, self.asks,
                self.window, self.epsilon,
            )  # fmt: skip
            if self.matched is not None:
                self.matched.bid[rows] = bid
                self.matched.ask[rows] = ask
                if len(self.quote_times):  # clip: the unmatched (-1) read row 0, any value
                    stamps = np.take(self.quote_times, quote, mode="clip")
                    self.matched.time[rows] = microseconds(stamps)
            if self.quote_offset:
                quote[quote >= 0] += self.quote_offset
            self.out.quote[rows] = quote
            self.out.location[rows] = location
            side, rule = self.out.side[rows], self.out.rule[rows]
            if self.ticks_decide:
                directions = _tick_directions(self.prices, start, stop)
            else:
                directions = np.zeros(stop - start, np.int8)
            _decide(quoted, directions, self.decisions, side, rule)

    def blocks(self, block: int, first_row: int = 0) -> list[tuple["Callable[[], None]", int]]:
        """Each block's job, with its first row counted from ``first_row``."""
        count = len(self.times)
        return [
            (functools.partial(self.label, start, min(start + block, count)), first_row + start)
            for start in range(0, count, block)
        ]


class BlockRun:
    """Labelling jobs, each a block of trades given with its first row, run in row order on
    two threads (numpy works outside the GIL: the machine's two cores). ``wait(rows)``
    returns once the first ``rows`` trades are labelled, so a caller can use the first
    blocks while the later ones are being worked out."""

    def __init__(self, jobs: "Sequence[tuple[Callable[[], None], int]]") -> None:
        from concurrent.futures import ThreadPoolExecutor

        self._first_rows = [row for _, row in jobs]
        pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="labelling")
        self._futures = [pool.submit(job) for job, _ in jobs]  # run first in, first out
        pool.shutdown(wait=False)  # its threads end when the last job is done

    def wait(self, rows: int) -> None:
        """Return once trades ``[0, rows)`` are labelled; raise what a job that labels them
        raised (then no job that has not started yet will)."""
        needed = bisect.bisect_left(self._first_rows, rows)  # the jobs starting before it
        try:
            for future in self._futures[:needed]:
                future.result()
        except BaseException:
            for future in self._futures:
                future.cancel()
            raise


def _decide(
    quoted: "Codes",
    directions: "Codes",
    decisions: tuple["Codes", "Codes"],
    side: "Codes",
    rule: "Codes",
) -> None:
    """Fill ``side`` and ``rule`` from both rules' verdicts, as one index into the tables
    of what the method decides."""
    import numpy as np

    verdicts = np.subtract(quoted, SELL, dtype=np.intp)
    verdicts *= 3
    verdicts += directions
    verdicts -= SELL
    sides, rules = decisions
    np.take(sides, verdicts, out=side)
    np.take(rules, verdicts, out=rule)


def _decisions(method: trades.Method) -> tuple["Codes", "Codes"]:
    """The side and deciding rule for each pair of the quote rule's side and the tick rule's
    direction (at ``3 * (side - SELL) + direction - SELL``): the last lines of
    ``classify_trades``."""
    import numpy as np

    sides, rules = np.zeros(9, np.int8), np.zeros(9, np.int8)
    for quoted in (SELL, UNKNOWN, BUY):
        for direction in (SELL, UNKNOWN, BUY):
            side, rule = UNKNOWN, trades.BY_NONE
            if method != "tick" and quoted != UNKNOWN:
                side, rule = quoted, trades.BY_QUOTE
            if side == UNKNOWN and method != "quote" and direction != UNKNOWN:
                side, rule = direction, trades.BY_TICK
            at = 3 * (quoted - SELL) + direction - SELL
            sides[at], rules[at] = side, rule
    return sides, rules


def _against_quotes(
    times: "Times",
    prices: "Floats",
    quote_times: "Times",
    bids: "Floats",
    asks: "Floats",
    window: int | None,
    epsilon: float,
) -> tuple["Indices", "Codes", "Codes", "Floats", "Floats"]:
    """Per trade: its usable prevailing quote (-1 for none), where the price sat against
    it, the quote rule's side, and the prevailing quote's bid and ask (any value where
    there is none). The comparisons are the domain's, float for float."""
    import numpy as np

    matched = _prevailing(times, quote_times, window)
    if len(quote_times):
        bid = np.take(bids, matched, mode="clip")  # clip: the unmatched (-1) read row 0,
        ask = np.take(asks, matched, mode="clip")  # masked out just below
    else:
        bid, ask = np.full(len(times), np.nan), np.full(len(times), np.nan)
    usable = matched >= 0
    usable &= bid > 0.0
    usable &= bid <= ask
    usable &= np.isfinite(ask)
    matched[~usable] = -1
    # epsilon * max(1.0, abs(price)); fmax, like Python's max here, passes over a NaN price.
    tolerance = np.abs(prices)
    np.fmax(tolerance, 1.0, out=tolerance)
    tolerance *= epsilon
    scratch = np.add(bid, tolerance)
    at_bid = prices <= scratch
    at_ask = prices >= np.subtract(ask, tolerance, out=scratch)
    location = _table_lookup(
        lambda usable, at_bid, at_ask: (
            AT_NONE if not usable else AT_BID if at_bid else AT_ASK if at_ask else AT_MID
        ),
        usable, at_bid, at_ask,
    )  # fmt: skip
    mid = np.add(bid, ask)  # 0.5 * (bid + ask)
    mid *= 0.5
    above = prices > np.add(mid, tolerance, out=scratch)
    below = prices < np.subtract(mid, tolerance, out=scratch)
    side = _table_lookup(
        lambda usable, above, below: (
            UNKNOWN if not usable else BUY if above else SELL if below else UNKNOWN
        ),
        usable, above, below,
    )  # fmt: skip
    return matched, location, side, bid, ask


def _table_lookup(decide: "Callable[..., int]", *flags: "NDArray[np.bool_]") -> "Codes":
    """Per row, ``decide`` of the row's flags: the code for each combination of flags worked
    out once (a table of 2 ** len(flags) codes), then looked up for every row."""
    import numpy as np

    table = np.array(
        [decide(*(bool(i >> bit & 1) for bit in reversed(range(len(flags))))) for i in
         range(2 ** len(flags))],
        np.int8,
    )  # fmt: skip
    index = np.zeros(len(flags[0]), np.intp)
    for flag in flags:
        index <<= 1
        index |= flag
    codes: Codes = table[index]
    return codes


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

    trades.check_request(
        method, window, (len(times), len(prices)), (len(quote_times), len(bids), len(asks))
    )
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

    # The trades are sorted: search only the quotes up to the last trade's time, from the
    # first trade's prevailing quote on (for a block of trades, a short run of quotes that
    # stays in the CPU cache).
    low = int(np.searchsorted(quote_times, times[0], side="right")) if len(times) else 0
    high = int(np.searchsorted(quote_times, times[-1], side="right")) if len(times) else 0
    matched: Indices = np.searchsorted(quote_times[low:high], times, side="right").astype(
        np.int64, copy=False
    )
    matched += low - 1
    if window is not None and len(quote_times):
        age = np.subtract(times, np.take(quote_times, matched, mode="clip"))
        matched[age > window] = -1
    return matched


def _tick_directions(prices: "Floats", start: int, stop: int) -> "Codes":
    """For trades ``[start, stop)``, the tick rule's direction: the sign of the last
    non-zero price change at or before each (unknown before the first; a NaN price changes
    nothing)."""
    import numpy as np

    ticks = np.zeros(stop - start, np.int8)
    first = max(start, 1)  # the first trade has no previous price: no tick
    now, before = prices[first:stop], prices[first - 1 : stop - 1]
    np.add(
        np.multiply(now > before, BUY, dtype=np.int8),
        np.multiply(now < before, SELL, dtype=np.int8),
        out=ticks[first - start :],
    )
    moved = ticks != UNKNOWN
    # The n-th non-zero tick of these trades decides from there on; before their first,
    # the direction carried in from the trades before them.
    carried = np.int8(_direction_before(prices, start))
    directions: Codes = np.concatenate(([carried], ticks[moved]))[np.cumsum(moved, dtype=np.intp)]
    return directions


def _direction_before(prices: "Floats", start: int) -> int:
    """The tick rule's direction at trade ``start - 1``: the sign of the last non-zero
    price change before ``start``, looked for backwards in ever wider windows (it is
    nearly always among the last few trades)."""
    stop, width = start, 64
    while stop > 1:
        low = max(stop - width, 1)
        now, before = prices[low:stop], prices[low - 1 : stop - 1]
        up, down = now > before, now < before
        moves = (up | down).nonzero()[0]
        if len(moves):
            return BUY if up[moves[-1]] else SELL
        stop, width = low, width * 4
    return UNKNOWN


def summarize_columns(sizes: "Floats", labels: LabelColumns) -> trades.ClassificationSummary:
    """The domain's ``summarize`` of these sizes and labels."""
    if len(sizes) != len(labels):
        raise ValueError("sizes and classifications must have equal lengths")
    return trades.summary_of_tallies(
        side=_tally(labels.side, sizes, (SELL, UNKNOWN, BUY)),
        location=_tally(labels.location, sizes, (AT_NONE, AT_BID, AT_MID, AT_ASK)),
        rule=_tally(labels.rule, sizes, (trades.BY_NONE, trades.BY_QUOTE, trades.BY_TICK)),
    )


def _tally(codes: "Codes", sizes: "Floats", known: tuple[int, ...]) -> trades.Tally:
    """Counts and sizes per code; ``bincount`` adds each bin's weights in input order."""
    import numpy as np

    low = min(known)
    bins = np.subtract(codes, low, dtype=np.intp)  # bincount's own index type: no more copies
    counts = np.bincount(bins, minlength=len(known)).tolist()
    totals = np.bincount(bins, weights=sizes, minlength=len(known)).tolist()
    return trades.Tally(
        {code: counts[code - low] for code in known}, {code: totals[code - low] for code in known}
    )
