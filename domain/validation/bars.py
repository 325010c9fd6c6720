"""Rules for a BarSeries: prices, OHLC consistency, volume, time order, sessions."""

import datetime as dt
import math
from collections.abc import Callable

from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.validation.findings import Finding
from trade_analyst.domain.validation.values import (
    SENTINELS,
    is_usable,
    number_finding,
    price_finding,
)

_PRICE_FIELDS = ("open", "high", "low", "close")


def validate_bars(
    series: BarSeries,
    *,
    is_open_at: Callable[[dt.datetime], bool] | None = None,
    allow_negative: bool = False,
) -> list[Finding]:
    """All findings for ``series``, in row order; never raises on bad data.

    ``is_open_at`` (e.g. a calendar's ``is_open_at``) enables the session rule: every bar
    must start while the instrument trades. ``allow_negative`` permits prices below zero.
    Runs in one pass over the columns with a fast path for clean rows, so 100k-row series
    cost little more than the loop itself.
    """
    if len(series) == 0:
        return [Finding("bars.empty", "warning", None, f"no bars for {series.symbol}")]
    findings: list[Finding] = []
    columns = zip(
        series.timestamps,
        series.open,
        series.high,
        series.low,
        series.close,
        series.volume,
        strict=True,
    )
    isfinite = math.isfinite
    previous: dt.datetime | None = None
    first_row_of: dict[dt.datetime, int] | None = None  # built only once order breaks
    for row, (timestamp, open_, high, low, close, volume) in enumerate(columns):
        # Fast path: finite, positive (or sentinel-free when negatives are allowed), consistent.
        clean = isfinite(open_ + high + low + close) and (
            min(open_, high, low, close) > 0
            if not allow_negative
            else not (
                open_ in SENTINELS or high in SENTINELS or low in SENTINELS or close in SENTINELS
            )
        )
        if not (clean and low <= open_ <= high and low <= close <= high):
            findings.extend(price_findings(row, (open_, high, low, close), allow_negative))
        if not (isfinite(volume) and volume >= 0):
            findings.extend(volume_findings(row, volume))

        # While timestamps strictly increase they are unique too, so the index of first
        # occurrences (for duplicates) is only built once the order first breaks.
        if first_row_of is None and previous is not None and timestamp <= previous:
            first_row_of = _first_rows(series.timestamps, row)
        if first_row_of is not None and previous is not None:
            earlier = first_row_of.setdefault(timestamp, row)
            same = earlier != row and _same_values(series, earlier, row)
            found = order_finding(row, timestamp, previous, earlier, same)
            if found is not None:
                findings.append(found)
        previous = timestamp

        if is_open_at is not None:
            found = session_finding(row, timestamp, is_open_at)
            if found is not None:
                findings.append(found)
    return findings


# The per-row rules below are public so a columnar validator can find the few rows that
# break a rule in bulk and describe each exactly as ``validate_bars`` does.


def price_findings(
    row: int, prices: tuple[float, float, float, float], allow_negative: bool
) -> list[Finding]:
    """The price and OHLC-order findings of one bar (``prices``: open, high, low, close)."""
    findings: list[Finding] = []
    comparable = True
    for field, value in zip(_PRICE_FIELDS, prices, strict=True):
        found = price_finding(
            "bars", row, field, value, allow_negative=allow_negative, zero="error"
        )
        if found is not None:
            findings.append(found)
        comparable = comparable and is_usable(value)
    open_, high, low, close = prices
    if comparable and not (low <= open_ <= high and low <= close <= high):
        findings.append(
            Finding(
                "bars.ohlc_consistency",
                "error",
                row,
                f"need low <= open, close <= high; got open={open_:g} high={high:g} "
                f"low={low:g} close={close:g}",
            )
        )
    return findings


def volume_findings(row: int, volume: float) -> list[Finding]:
    """The volume finding of one bar, if any."""
    found = number_finding("bars", row, "volume", volume)
    if found is None and volume < 0:
        found = Finding("bars.negative_volume", "error", row, f"volume is {volume:g}", "volume")
    return [] if found is None else [found]


def _first_rows(timestamps: tuple[dt.datetime, ...], stop: int) -> dict[dt.datetime, int]:
    first: dict[dt.datetime, int] = {}
    for row in range(stop):
        first.setdefault(timestamps[row], row)
    return first


def order_finding(
    row: int, timestamp: dt.datetime, previous: dt.datetime, earlier: int, same_values: bool
) -> Finding | None:
    """The time-order finding of bar ``row`` once the order has broken somewhere before it.

    ``earlier`` is the first row stamped ``timestamp`` (``row`` itself when none before);
    ``same_values``: that row holds exactly this row's prices and volume.
    """
    if earlier == row:
        if timestamp > previous:
            return None
        return Finding(
            "bars.not_monotonic",
            "error",
            row,
            f"timestamp {timestamp.isoformat()} is before the previous bar's "
            f"{previous.isoformat()}",
            "timestamp",
        )
    if same_values:
        return Finding(
            "bars.duplicate_row",
            "warning",
            row,
            f"repeats row {earlier} exactly ({timestamp.isoformat()})",
        )
    return Finding(
        "bars.duplicate_timestamp",
        "error",
        row,
        f"timestamp {timestamp.isoformat()} already used by row {earlier} with different values",
        "timestamp",
    )


def _same_values(series: BarSeries, a: int, b: int) -> bool:
    return all(
        column[a] == column[b]
        for column in (series.open, series.high, series.low, series.close, series.volume)
    )


def session_finding(
    row: int, timestamp: dt.datetime, is_open_at: Callable[[dt.datetime], bool]
) -> Finding | None:
    """The session finding of bar ``row``: outside the session, or not known to be inside."""
    try:
        is_open = is_open_at(timestamp)
    except ValueError as error:  # e.g. a date outside the calendar's range
        return Finding(
            "bars.session_unknown",
            "warning",
            row,
            f"could not tell whether the market was open at {timestamp.isoformat()}: {error}",
            "timestamp",
        )
    if is_open:
        return None
    return Finding(
        "bars.outside_session",
        "error",
        row,
        f"bar at {timestamp.isoformat()} is outside the trading session",
        "timestamp",
    )
