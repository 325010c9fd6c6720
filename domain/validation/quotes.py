"""Rules for quotes: prices, bid/ask, sizes, day range, staleness, duplicates."""

import datetime as dt
from collections.abc import Sequence

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import Quote
from trade_analyst.domain.validation.findings import Finding
from trade_analyst.domain.validation.values import (
    SENTINELS,
    book_finding,
    is_usable,
    number_finding,
    price_finding,
)

# Schwab sends 0 for a value it does not have: no bid on an index, mark 0 on futures, open,
# high and low 0 before the first trade of the day. So a zero price is a warning, not an error.
_PRICE_FIELDS = ("bid", "ask", "last", "mark", "open", "high", "low", "close")
# net_change may legitimately be negative; it only needs to be a real number.
_SIGNED_FIELDS = ("net_change",)
_SIZE_FIELDS = ("bid_size", "ask_size", "volume")


def validate_quotes(
    quotes: Sequence[Quote],
    *,
    now: dt.datetime | None = None,
    max_age: dt.timedelta | None = None,
    allow_negative: bool = False,
) -> list[Finding]:
    """All findings for ``quotes`` (rows are list positions); never raises on bad data.

    Staleness is checked only when both ``now`` (aware) and ``max_age`` are given: the domain
    has no clock, so the caller says what "now" is.
    """
    if not quotes:
        return [Finding("quotes.empty", "warning", None, "no quotes")]
    cutoff = _cutoff(now, max_age)
    findings: list[Finding] = []
    first_row_of: dict[Quote, int] = {}
    for row, quote in enumerate(quotes):
        _check_prices(findings, row, quote, allow_negative)
        if found := book_finding("quotes", row, quote.bid, quote.ask):
            findings.append(found)
        _check_day_range(findings, row, quote)
        _check_sizes(findings, row, quote)
        if cutoff is not None:
            _check_age(findings, row, quote, cutoff)
        earlier = first_row_of.setdefault(quote, row)
        if earlier != row:
            findings.append(
                Finding("quotes.duplicate_row", "warning", row, f"repeats row {earlier} exactly")
            )
    return findings


def _cutoff(now: dt.datetime | None, max_age: dt.timedelta | None) -> dt.datetime | None:
    if now is None or max_age is None:
        return None
    if now.utcoffset() is None:
        # A programming error, not bad data: a naive "now" cannot be compared to quote times.
        raise DomainError("now must be an aware datetime")
    return now - max_age


def _check_prices(findings: list[Finding], row: int, quote: Quote, allow_negative: bool) -> None:
    for field in _PRICE_FIELDS:
        value = getattr(quote, field)
        if value is not None and (
            found := price_finding(
                "quotes", row, field, value, allow_negative=allow_negative, zero="warning"
            )
        ):
            findings.append(found)
    for field in _SIGNED_FIELDS:
        value = getattr(quote, field)
        if value is not None and (found := number_finding("quotes", row, field, value)):
            findings.append(found)


def _check_day_range(findings: list[Finding], row: int, quote: Quote) -> None:
    low, high, open_ = (_day_value(v) for v in (quote.low, quote.high, quote.open))
    if low is None or high is None:
        return
    if low > high or (open_ is not None and not low <= open_ <= high):
        findings.append(
            Finding(
                "quotes.ohlc_consistency",
                "error",
                row,
                f"need low <= open <= high; got open={open_} high={high:g} low={low:g}",
            )
        )


def _day_value(value: float | None) -> float | None:
    """A day-range value fit to compare: absent, unusable and 0 ("not yet set") become None."""
    return value if value is not None and value != 0 and is_usable(value) else None


def _check_sizes(findings: list[Finding], row: int, quote: Quote) -> None:
    # Sizes are ints (no NaN); compare without float() so a huge int cannot overflow.
    for field in _SIZE_FIELDS:
        value = getattr(quote, field)
        if value is None:
            continue
        if value in SENTINELS:
            findings.append(
                Finding("quotes.sentinel", "warning", row, f"{field} is {value}, a sentinel", field)
            )
        elif value < 0:
            findings.append(
                Finding("quotes.negative_size", "error", row, f"{field} is {value}", field)
            )


def _check_age(findings: list[Finding], row: int, quote: Quote, cutoff: dt.datetime) -> None:
    if quote.quote_time is None:
        findings.append(
            Finding("quotes.missing_time", "warning", row, "no quote_time to judge staleness by")
        )
    elif quote.quote_time < cutoff:
        findings.append(
            Finding(
                "quotes.stale",
                "warning",
                row,
                f"quote_time {quote.quote_time.isoformat()} is older than {cutoff.isoformat()}",
                "quote_time",
            )
        )
