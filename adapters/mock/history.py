"""Price history: which sessions a request touches, and their bars at the asked interval."""

import datetime as dt
from collections.abc import Callable

from trade_analyst.adapters.mock.bars import (
    Columns,
    Sessions,
    add_daily,
    add_intraday,
    combine_days,
    month_of,
    week_of,
)
from trade_analyst.adapters.mock.contracts import (
    carry_factor,
    front_on,
    stops_at,
    trades_on,
    volume_share,
)
from trade_analyst.adapters.mock.layout import Layout, layout_of
from trade_analyst.adapters.mock.subjects import Subject
from trade_analyst.adapters.mock.walk import PathSpec, day_paths
from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE
from trade_analyst.domain.futures import last_trade_date
from trade_analyst.domain.symbols import FuturesContract
from trade_analyst.ports import BarColumns, InvalidInput, NoData, from_epoch_ms

MINUTES_PER_BAR: dict[str, int] = {"1m": 1, "5m": 5, "10m": 10, "15m": 15, "30m": 30, "1h": 60}
# Sessions are listed a little beyond the asked range: a Globex session opens the evening
# before its trade date, and weekly/monthly bars need their whole period.
# A trade date's first Globex window can open days before it: after a halt holiday on a
# Friday (July 3, 2015), Monday's trade date opens on Thursday evening.
_DAY_MARGIN = dt.timedelta(days=5)
_PERIOD_MARGIN = dt.timedelta(days=40)
_EXTENDED = frozenset({"pre", "regular", "post"})
_REGULAR = frozenset({"regular"})


def _path_of(subject: Subject) -> PathSpec:
    """The subject's price path; options have none (their prices come from the chain)."""
    if subject.path is None:
        raise InvalidInput(
            f"no price history for the option {subject.symbol!r}",
            "ask for the underlying's history, or its option chain",
        )
    return subject.path


def _layout(path: PathSpec, start: dt.datetime, end: dt.datetime, margin: dt.timedelta) -> Layout:
    first = max((start - margin).date(), FIRST_DATE)
    last = min((end + margin).date(), LAST_DATE)
    if first > last:
        raise InvalidInput(
            f"{start.date()}..{end.date()} is outside the calendars",
            f"ask for dates from {FIRST_DATE} to {LAST_DATE}",
        )
    return layout_of(path.venue, first, last)


def _contract_on(subject: Subject, day: dt.date) -> FuturesContract | None:
    if subject.contract is not None:
        return subject.contract if trades_on(subject.contract, day) else None
    assert subject.root is not None
    return front_on(subject.root, day)


def _sessions(subject: Subject, path: PathSpec, layout: Layout, now: dt.datetime) -> Sessions:
    """What each session trades: every session of a plain instrument; for futures, the
    sessions where the contract (or the root's front contract) trades, with its carry,
    volume share and last trade time."""
    import numpy as np

    now_seconds = now.timestamp()
    if not subject.is_future:
        ones = np.ones(len(layout))
        paths = day_paths(path, layout, ones, ones)
        return Sessions(paths, (None,) * len(layout), np.full(len(layout), now_seconds))
    rows: list[int] = []
    contracts: list[str] = []
    factors: list[float] = []
    shares: list[float] = []
    cutoffs: list[float] = []
    for row, day in enumerate(layout.days):
        contract = _contract_on(subject, day)
        if contract is None:
            continue
        stop = stops_at(contract, day)
        rows.append(row)
        contracts.append(str(contract))
        factors.append(carry_factor(contract, day))
        shares.append(volume_share(contract, day))
        cutoffs.append(now_seconds if stop is None else min(now_seconds, stop.timestamp()))
    traded = layout.take(np.array(rows, dtype=np.int64))
    paths = day_paths(path, traded, np.array(factors), np.array(shares))
    return Sessions(paths, tuple(contracts), np.array(cutoffs))


def gather(
    subject: Subject,
    start: dt.datetime,
    end: dt.datetime,
    interval: str,
    session: str,
    now: dt.datetime,
    check_cancelled: Callable[[], None] = lambda: None,
) -> Columns:
    """The request's bars as columns (possibly none); the arguments are checked already.

    ``check_cancelled`` runs between passes of minute generation and may raise to stop: a
    long history is generated in a worker thread that nothing else can stop.
    """
    path = _path_of(subject)
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    minutes = MINUTES_PER_BAR.get(interval)
    margin = _DAY_MARGIN if interval in MINUTES_PER_BAR or interval == "1d" else _PERIOD_MARGIN
    sessions = _sessions(subject, path, _layout(path, start, end, margin), now)
    kinds = _EXTENDED if session == "extended" else _REGULAR
    out = Columns()
    if minutes is not None:
        add_intraday(out, path, sessions, kinds, minutes, start, end, check_cancelled)
    else:
        add_daily(out, path, sessions, kinds, (start, end) if interval == "1d" else None)
    if interval in ("1w", "1mo"):
        out = combine_days(out, week_of if interval == "1w" else month_of, start, end)
    return out


# Far enough back to find the session before any first bar (the longest run of closed
# days, with a weekend, is well under two weeks).
_PREVIOUS_SESSION_REACH = dt.timedelta(days=15)


def previous_close(
    subject: Subject,
    start: dt.datetime,
    end: dt.datetime,
    session: str,
    now: dt.datetime,
    columns: Columns,
) -> tuple[float | None, dt.date | None]:
    """The daily close and date of the session before the first gathered bar (before
    ``end`` when none was gathered): the mock's own daily bar of that session, so it agrees
    with ``gather(..., "1d", ...)``; (None, None) when there is none."""
    first_day = columns.days[0] if len(columns) else None
    # Up to the first bar's instant included: its own session's daily bar may start there.
    stop = from_epoch_ms(columns.timestamps[0] + 1) if len(columns) else end
    daily = gather(subject, start - _PREVIOUS_SESSION_REACH, stop, "1d", session, now)
    before = [row for row, day in enumerate(daily.days) if first_day is None or day < first_day]
    if not before:
        return None, None
    return daily.close[before[-1]], daily.days[before[-1]]


def expired_error(subject: Subject, start: dt.datetime) -> NoData | None:
    """NoData when ``subject`` is a contract that stopped trading before ``start``."""
    if subject.contract is None:
        return None
    expiry = last_trade_date(subject.contract)
    if start.date() <= expiry:
        return None
    return NoData(
        f"{subject.symbol} stopped trading on {expiry.isoformat()}",
        f"ask for dates up to {expiry.isoformat()}, or for the root /{subject.root}",
    )


def to_bars(subject: Subject, interval: str, columns: Columns) -> BarColumns:
    """The gathered columns as the port's bars; for futures, with each bar's contract."""
    return BarColumns(
        subject.symbol,
        interval,
        columns.timestamps,
        columns.open,
        columns.high,
        columns.low,
        columns.close,
        columns.volume,
        contracts=[c or "" for c in columns.contracts] if subject.is_future else (),
    )
