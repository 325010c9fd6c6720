"""What a classification adds up to, weighted by size: the shares sum to 100% each way."""

from collections.abc import Sequence

import attrs

from trade_analyst.domain.trades.classify import (
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
    Classified,
)

# A run is "quote"-confident when quotes decided at least this share of the size.
CONFIDENT_SHARE = 80.0

__all__ = ["CONFIDENT_SHARE", "ClassificationSummary", "Share", "summarize"]


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


def summarize(sizes: Sequence[float], classified: Classified) -> ClassificationSummary:
    """Totals per bucket; ``sizes`` parallel to the classified trades."""
    if len(sizes) != len(classified):
        raise ValueError("sizes and classifications must have equal lengths")
    side_size = {BUY: 0.0, SELL: 0.0, UNKNOWN: 0.0}
    side_count = {BUY: 0, SELL: 0, UNKNOWN: 0}
    where_size = {AT_ASK: 0.0, AT_BID: 0.0, AT_MID: 0.0, AT_NONE: 0.0}
    where_count = {AT_ASK: 0, AT_BID: 0, AT_MID: 0, AT_NONE: 0}
    rule_size = {BY_QUOTE: 0.0, BY_TICK: 0.0, BY_NONE: 0.0}
    rule_count = {BY_QUOTE: 0, BY_TICK: 0, BY_NONE: 0}
    for size, side, where, rule in zip(
        sizes, classified.side, classified.location, classified.rule, strict=True
    ):
        side_size[side] += size
        side_count[side] += 1
        where_size[where] += size
        where_count[where] += 1
        rule_size[rule] += size
        rule_count[rule] += 1
    total = sum(side_size.values())

    def share(count: int, size: float) -> Share:
        return Share(count, size, 100.0 * size / total if total > 0 else None)

    by_quote = share(rule_count[BY_QUOTE], rule_size[BY_QUOTE])
    by_tick = share(rule_count[BY_TICK], rule_size[BY_TICK])
    confidence = None
    if by_quote.pct is not None and by_tick.pct is not None:
        confidence = "mixed"
        if by_quote.pct >= CONFIDENT_SHARE:
            confidence = "quote"
        elif by_tick.pct >= CONFIDENT_SHARE:
            confidence = "tick"
    return ClassificationSummary(
        trades=len(sizes),
        size=total,
        buy=share(side_count[BUY], side_size[BUY]),
        sell=share(side_count[SELL], side_size[SELL]),
        unknown=share(side_count[UNKNOWN], side_size[UNKNOWN]),
        at_ask=share(where_count[AT_ASK], where_size[AT_ASK]),
        at_bid=share(where_count[AT_BID], where_size[AT_BID]),
        at_mid=share(where_count[AT_MID], where_size[AT_MID]),
        unquoted=share(where_count[AT_NONE], where_size[AT_NONE]),
        by_quote=by_quote,
        by_tick=by_tick,
        by_none=share(rule_count[BY_NONE], rule_size[BY_NONE]),
        confidence=confidence,
    )
