"""What a classification adds up to, weighted by size: the shares sum to 100% each way."""

from collections.abc import Mapping, Sequence

import attrs

from trade_analyst.domain.trades import classify as rules

# A run is "quote"-confident when quotes decided at least this share of the size.
CONFIDENT_SHARE = 80.0

__all__ = [
    "CONFIDENT_SHARE",
    "ClassificationSummary",
    "Share",
    "Tally",
    "summarize",
    "summary_of_tallies",
]


@attrs.frozen
class Share:
    """How many trades fell in one bucket, their size, and that size as % of the total."""

    trades: int
    size: float
    pct: float | None  # None when there is no size at all (nothing to share out)


@attrs.frozen(kw_only=True)
class ClassificationSummary:
    """Three partitions of the same trades, each summing to 100% of size:
    side (buy/sell/unknown), location (ask/bid/mid/unquoted) and rule (quote/tick/none)."""

    trades: int
    size: float
    buy: Share
    sell: Share
    unknown: Share
    at_ask: Share
    at_bid: Share
    at_mid: Share
    unquoted: Share
    by_quote: Share
    by_tick: Share
    by_none: Share
    confidence: str | None  # "quote", "tick", "mixed"; None without trades


@attrs.frozen
class Tally:
    """How many trades carry each code of one label (side, location or rule), and their
    size summed in trade order."""

    counts: Mapping[int, int]
    sizes: Mapping[int, float]


def summarize(sizes: Sequence[float], classified: rules.Classified) -> ClassificationSummary:
    """Totals per bucket; ``sizes`` parallel to the classified trades."""
    if len(sizes) != len(classified):
        raise ValueError("sizes and classifications must have equal lengths")
    side_size = {rules.BUY: 0.0, rules.SELL: 0.0, rules.UNKNOWN: 0.0}
    side_count = {rules.BUY: 0, rules.SELL: 0, rules.UNKNOWN: 0}
    where_size = {rules.AT_ASK: 0.0, rules.AT_BID: 0.0, rules.AT_MID: 0.0, rules.AT_NONE: 0.0}
    where_count = {rules.AT_ASK: 0, rules.AT_BID: 0, rules.AT_MID: 0, rules.AT_NONE: 0}
    rule_size = {rules.BY_QUOTE: 0.0, rules.BY_TICK: 0.0, rules.BY_NONE: 0.0}
    rule_count = {rules.BY_QUOTE: 0, rules.BY_TICK: 0, rules.BY_NONE: 0}
    for size, side, where, rule in zip(
        sizes, classified.side, classified.location, classified.rule, strict=True
    ):
        side_size[side] += size
        side_count[side] += 1
        where_size[where] += size
        where_count[where] += 1
        rule_size[rule] += size
        rule_count[rule] += 1
    return summary_of_tallies(
        side=Tally(side_count, side_size),
        location=Tally(where_count, where_size),
        rule=Tally(rule_count, rule_size),
    )


def summary_of_tallies(*, side: Tally, location: Tally, rule: Tally) -> ClassificationSummary:
    """The summary of trades already tallied per side, location and rule (each tally covers
    every trade once; a code no trade carries may be missing)."""
    trades = sum(side.counts.values())
    # Summed buy, sell, unknown: the order ``summarize`` always used, so a caller that
    # tallies the same sizes in trade order gets the same float to the last bit.
    total = sum(side.sizes.get(code, 0.0) for code in (rules.BUY, rules.SELL, rules.UNKNOWN))

    def share(tally: Tally, code: int) -> Share:
        size = tally.sizes.get(code, 0.0)
        return Share(tally.counts.get(code, 0), size, 100.0 * size / total if total > 0 else None)

    by_quote = share(rule, rules.BY_QUOTE)
    by_tick = share(rule, rules.BY_TICK)
    confidence = None
    if by_quote.pct is not None and by_tick.pct is not None:
        confidence = "mixed"
        if by_quote.pct >= CONFIDENT_SHARE:
            confidence = "quote"
        elif by_tick.pct >= CONFIDENT_SHARE:
            confidence = "tick"
    return ClassificationSummary(
        trades=trades,
        size=total,
        buy=share(side, rules.BUY),
        sell=share(side, rules.SELL),
        unknown=share(side, rules.UNKNOWN),
        at_ask=share(location, rules.AT_ASK),
        at_bid=share(location, rules.AT_BID),
        at_mid=share(location, rules.AT_MID),
        unquoted=share(location, rules.AT_NONE),
        by_quote=by_quote,
        by_tick=by_tick,
        by_none=share(rule, rules.BY_NONE),
        confidence=confidence,
    )
