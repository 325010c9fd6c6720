"""Rules for quotes: prices, bid/ask, sizes, day range, staleness, duplicates."""

import datetime as dt
from collections.abc import Sequence

from domain.errors import DomainError
from domain.models import Quote
from domain.validation.findings import Finding, Severity
from domain.validation.values import SENTINELS, is_usable, number_finding, price_finding

# A zero bid or ask usually means "no market" rather than a bad record, hence a warning;
# a zero trade or day price is simply wrong.
_ZERO_SEVERITY: dict[str, Severity] = {
    "bid": "warning",
    "ask": "warning",
    "last": "error",
    "mark": "error",
    "open": "error",
    "high": "error",
    "low": "error",
}
# close is the previous session's close and net_change may be negative; both only need to
# be real numbers.
_SIGNED_FIELDS = ("close", "net_change")
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
        _check_book(findings, row, quote)
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
    for field, zero in _ZERO_SEVERITY.items():
        value = getattr(quote, field)
        if value is not None and (
            found := price_finding(
                "quotes", row, field, value, allow_negative=allow_negative, zero=zero
            )
        ):
            findings.append(found)
    for field in _SIGNED_FIELDS:
        value = getattr(quote, field)
        if value is not None and (found := number_finding("quotes", row, field, value)):
            findings.append(found)


def _check_book(findings: list[Finding], row: int, quote: Quote) -> None:
    bid, ask = quote.bid, quote.ask
    if bid is None or ask is None or not (is_usable(bid) and is_usable(ask)):
        return
    if bid > ask:
        findings.append(
            Finding("quotes.crossed", "error", row, f"bid {bid:g} is above ask {ask:g}", "bid")
        )
    elif bid == ask and bid != 0:  # 0/0 is "no market", reported as zero prices
        findings.append(
            Finding("quotes.locked", "warning", row, f"bid equals ask ({bid:g})", "bid")
        )


def _check_day_range(findings: list[Finding], row: int, quote: Quote) -> None:
    low, high, open_ = quote.low, quote.high, quote.open
    if low is None or high is None or not (is_usable(low) and is_usable(high)):
        return
    if low > high or (open_ is not None and is_usable(open_) and not low <= open_ <= high):
        findings.append(
            Finding(
                "quotes.ohlc_consistency",
                "error",
                row,
                f"need low <= open <= high; got open={open_} high={high:g} low={low:g}",
            )
        )


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
