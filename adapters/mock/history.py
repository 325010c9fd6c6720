"""Price history: which sessions a request touches, and their bars at the asked interval."""

import datetime as dt
from collections.abc import Callable

from trade_analyst.adapters.mock.bars import (
    Columns,
    DaySlice,
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
from trade_analyst.adapters.mock.series import ContractBarSeries
from trade_analyst.adapters.mock.subjects import Subject
from trade_analyst.adapters.mock.venues import calendar_of, windows_of
from trade_analyst.adapters.mock.walk import PathSpec, priced_day
from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import last_trade_date
from trade_analyst.domain.models import BarSeries
from trade_analyst.domain.symbols import FuturesContract
from trade_analyst.ports import InvalidInput, NoData

MINUTES_PER_BAR: dict[str, int] = {"1m": 1, "5m": 5, "10m": 10, "15m": 15, "30m": 30, "1h": 60}
# Sessions are listed a little beyond the asked range: a Globex session opens the evening
# before its trade date, and weekly/monthly bars need their whole period.
# A trade date's first Globex window can open days before it: after a halt holiday on a
# Friday (July 3, 2015), Monday's trade date opens on Thursday evening.
_DAY_MARGIN = dt.timedelta(days=5)
_PERIOD_MARGIN = dt.timedelta(days=40)


def _path_of(subject: Subject) -> PathSpec:
    """The subject's price path; options have none (their prices come from the chain)."""
    if subject.path is None:
        raise InvalidInput(
            f"no price history for the option {subject.symbol!r}",
            "ask for the underlying's history, or its option chain",
        )
    return subject.path


def _session_days(
    subject: Subject, start: dt.datetime, end: dt.datetime, margin: dt.timedelta
) -> list[dt.date]:
    assert subject.path is not None
    first = max((start - margin).date(), FIRST_DATE)
    last = min((end + margin).date(), LAST_DATE)
    if first > last:
        raise InvalidInput(
            f"{start.date()}..{end.date()} is outside the calendars",
            f"ask for dates from {FIRST_DATE} to {LAST_DATE}",
        )
    try:
        return calendar_of(subject.path.venue).sessions(first, last)
    except DomainError as exc:
        raise InvalidInput(str(exc), f"ask for dates from {FIRST_DATE} to {LAST_DATE}") from exc


def _contract_on(subject: Subject, day: dt.date) -> FuturesContract | None:
    if subject.contract is not None:
        return subject.contract if trades_on(subject.contract, day) else None
    assert subject.root is not None
    return front_on(subject.root, day)


def _slice(
    subject: Subject, path: PathSpec, day: dt.date, session: str, now: dt.datetime
) -> DaySlice | None:
    kinds = frozenset({"pre", "regular", "post"} if session == "extended" else {"regular"})
    if not subject.is_future:
        return DaySlice(day, priced_day(path, day), kinds, now)
    contract = _contract_on(subject, day)
    if contract is None:
        return None
    stop = stops_at(contract, day)
    cutoff = now if stop is None else min(now, stop)
    priced = priced_day(path, day, carry_factor(contract, day), volume_share(contract, day))
    return DaySlice(day, priced, kinds, cutoff, str(contract))


def _overlaps(path: PathSpec, day: dt.date, start: dt.datetime, end: dt.datetime) -> bool:
    windows = windows_of(path.venue, day)
    return windows[0].open < end and windows[-1].close > start


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

    ``check_cancelled`` runs before each session day and may raise to stop: a long history
    is generated in a worker thread that nothing else can stop.
    """
    path = _path_of(subject)
    start, end = start.astimezone(dt.UTC), end.astimezone(dt.UTC)
    minutes = MINUTES_PER_BAR.get(interval)
    margin = _DAY_MARGIN if interval in MINUTES_PER_BAR or interval == "1d" else _PERIOD_MARGIN
    out = Columns()
    for day in _session_days(subject, start, end, margin):
        check_cancelled()
        if minutes is not None and not _overlaps(path, day, start, end):
            continue
        piece = _slice(subject, path, day, session, now)
        if piece is None:
            continue
        if minutes is not None:
            add_intraday(out, piece, minutes, start, end)
        else:
            add_daily(out, piece, (start, end) if interval == "1d" else None)
    if interval in ("1w", "1mo"):
        out = combine_days(out, week_of if interval == "1w" else month_of, start, end)
    return out


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


def to_series(subject: Subject, interval: str, columns: Columns) -> BarSeries:
    """A ``ContractBarSeries`` for futures (contract per bar), else a plain ``BarSeries``."""
    parts = (
        subject.symbol,
        interval,
        columns.timestamps,
        columns.open,
        columns.high,
        columns.low,
        columns.close,
        columns.volume,
    )
    if not subject.is_future:
        return BarSeries(*parts)
    return ContractBarSeries(*parts, contracts=[c or "" for c in columns.contracts])
