"""Quotes as of the clock's now, read off the same minute paths the history uses.

``last`` is the close of the latest minute that has started, the day's open/high/low come
from the regular session so far, ``close`` is the previous session's regular close (for a
futures contract: its prior settlement) and ``volume`` counts every minute traded today.
"""

import datetime as dt
import random

import attrs

from trade_analyst.adapters.mock.bars import DaySlice, kept_spans
from trade_analyst.adapters.mock.contracts import (
    carry_factor,
    front_on,
    stops_at,
    trades_on,
    volume_share,
)
from trade_analyst.adapters.mock.pricing import quote_option
from trade_analyst.adapters.mock.seeds import rng_for
from trade_analyst.adapters.mock.subjects import Subject
from trade_analyst.adapters.mock.venues import calendar_of, windows_of
from trade_analyst.adapters.mock.walk import PathSpec, PricedDay, decimals_of, priced_day
from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE, nyse
from trade_analyst.domain.futures import last_trade_date
from trade_analyst.domain.models import Quote
from trade_analyst.domain.options import expires_at
from trade_analyst.domain.symbols import FuturesContract

PROVIDER = "mock"
_ALL_KINDS = frozenset({"pre", "regular", "post"})
_REGULAR = frozenset({"regular"})
_LOOKBACK = dt.timedelta(days=12)  # longer than any run of closed days
_MINUTE = dt.timedelta(minutes=1)
_SESSION_STEPS_BACK = 3


class NotTrading(Exception):
    """The symbol names a contract that does not trade at the clock's now (expired, or
    never listed), so a quote request reports it as invalid."""


def latest_session(path: PathSpec, now: dt.datetime) -> dt.date:
    """The latest session that had opened before ``now``."""
    first = max((now - _LOOKBACK).date(), FIRST_DATE)
    last = min((now + dt.timedelta(days=1)).date(), LAST_DATE)
    for day in reversed(calendar_of(path.venue).sessions(first, last)):
        if windows_of(path.venue, day)[0].open < now:
            return day
    raise NotTrading(f"no session before {now.isoformat()}")  # pragma: no cover - 12-day gap


def _priced(subject: Subject, day: dt.date, contract: FuturesContract | None) -> PricedDay:
    assert subject.path is not None
    if contract is None:
        return priced_day(subject.path, day)
    return priced_day(subject.path, day, carry_factor(contract, day), volume_share(contract, day))


def _previous_close(
    subject: Subject, day: dt.date, contract: FuturesContract | None
) -> float | None:
    assert subject.path is not None
    if day <= FIRST_DATE:
        return None
    before = calendar_of(subject.path.venue).previous_session(day)
    piece = DaySlice(before, _priced(subject, before, contract), _REGULAR, None)
    spans = kept_spans(piece)
    return piece.priced.points[spans[-1][1] + spans[-1][2]] if spans else None


def _day_range(piece: DaySlice) -> tuple[float | None, float | None, float | None]:
    """Open, high and low of the regular session so far (None before it opens)."""
    spans = kept_spans(piece)
    if not spans:
        return None, None, None
    ranges = [(first, first + kept) for _, first, kept in spans]
    path = piece.priced
    return (
        path.points[ranges[0][0]],
        max(max(path.highs[lo:hi]) for lo, hi in ranges),
        min(min(path.lows[lo:hi]) for lo, hi in ranges),
    )


def _contract_now(subject: Subject, day: dt.date) -> FuturesContract | None:
    if subject.root is None:
        return None
    if subject.contract is None:
        return front_on(subject.root, day)
    if day > last_trade_date(subject.contract):
        raise NotTrading(f"{subject.symbol} expired on {last_trade_date(subject.contract)}")
    if not trades_on(subject.contract, day):
        raise NotTrading(f"{subject.symbol} is not listed yet on {day.isoformat()}")
    return subject.contract


@attrs.frozen
class _Today:
    """The session a quote reads: its day, contract, prices and the minutes traded so far."""

    day: dt.date
    contract: FuturesContract | None
    priced: PricedDay
    cutoff: dt.datetime
    spans: list[tuple[dt.datetime, int, int]]


def _today(subject: Subject, path: PathSpec, now: dt.datetime) -> _Today:
    """The latest session with a minute traded before ``now``; a contract whose trading
    stops before its last session opens (VX settles at 08:00 CT) is read on the one before."""
    day = latest_session(path, now)
    for _ in range(_SESSION_STEPS_BACK):
        contract = _contract_now(subject, day)
        stop = None if contract is None else stops_at(contract, day)
        cutoff = now if stop is None else min(now, stop)
        priced = _priced(subject, day, contract)
        spans = kept_spans(DaySlice(day, priced, _ALL_KINDS, cutoff))
        if spans:
            return _Today(day, contract, priced, cutoff, spans)
        day = calendar_of(path.venue).previous_session(day)
    raise NotTrading(f"{subject.symbol} has not traded in the sessions before {now}")


def market_quote(subject: Subject, now: dt.datetime) -> Quote:
    """The quote of a stock, ETF, index, forex pair or futures root/contract at ``now``."""
    path = subject.path
    assert path is not None
    today = _today(subject, path, now)
    day, contract, priced, cutoff, spans = (
        today.day,
        today.contract,
        today.priced,
        today.cutoff,
        today.spans,
    )
    opens, first, kept = spans[-1]
    last = priced.points[first + kept]
    minute_start = opens + (kept - 1) * _MINUTE
    quote_time = min(cutoff, minute_start + _MINUTE)
    rng = rng_for(subject.symbol, "quote", minute_start.isoformat())
    trade_time = min(quote_time, minute_start + dt.timedelta(seconds=rng.randrange(60)))
    day_open, day_high, day_low = _day_range(DaySlice(day, priced, _REGULAR, cutoff))
    previous = _previous_close(subject, day, contract)
    places = decimals_of(path.tick)
    volume = None
    if subject.asset_type not in ("INDEX", "FOREX"):
        volume = int(sum(sum(priced.volumes[f : f + n]) for _, f, n in spans))
    book = _Book()
    if subject.asset_type != "INDEX":
        book = _book(subject, path, last, rng)
    return Quote(
        symbol=subject.symbol,
        asset_type=subject.asset_type,
        provider=PROVIDER,
        synthetic=True,
        contract=None if contract is None else str(contract),
        bid=book.bid,
        ask=book.ask,
        bid_size=book.bid_size,
        ask_size=book.ask_size,
        last=last,
        mark=last if book.mark is None else book.mark,
        open=day_open,
        high=day_high,
        low=day_low,
        close=previous,
        net_change=None if previous is None else round(last - previous, places),
        volume=volume,
        quote_time=quote_time,
        trade_time=trade_time,
    )


@attrs.frozen
class _Book:
    bid: float | None = None
    ask: float | None = None
    bid_size: int | None = None
    ask_size: int | None = None
    mark: float | None = None


def _book(subject: Subject, path: PathSpec, last: float, rng: random.Random) -> _Book:
    """A bid/ask that brackets ``last``: the bid 0-1 ticks under it, 1-3 ticks wide."""
    places = decimals_of(path.tick)
    bid = round(max(last - rng.randrange(2) * path.tick, path.tick), places)
    ask = round(bid + (1 + rng.randrange(3)) * path.tick, places)
    lot = 100 if subject.asset_type in ("EQUITY", "ETF") else 1
    # Forex has no last sale: its mark is the mid.
    mark = round((bid + ask) / 2.0, places + 1) if subject.asset_type == "FOREX" else None
    return _Book(bid, ask, lot * (1 + rng.randrange(40)), lot * (1 + rng.randrange(40)), mark)


def option_quote(subject: Subject, now: dt.datetime) -> Quote:
    """An option's quote priced off its underlying's quote at ``now``."""
    option, underlying = subject.option, subject.underlying
    assert option is not None
    assert underlying is not None
    assert underlying.path is not None
    if expires_at(option.expiration) <= now:
        raise NotTrading(f"{subject.symbol} expired on {option.expiration.isoformat()}")
    if not nyse().is_session(option.expiration):
        raise NotTrading(f"{subject.symbol}: {option.expiration} is not an NYSE session")
    spot = market_quote(underlying, now).last
    assert spot is not None
    day = now.astimezone(nyse().zone).date()
    priced = quote_option(option, spot, underlying.path.volatility, now, day)
    return Quote(
        symbol=subject.symbol,
        asset_type="OPTION",
        provider=PROVIDER,
        synthetic=True,
        bid=priced.bid,
        ask=priced.ask,
        last=priced.mark,
        mark=priced.mark,
        bid_size=priced.bid_size,
        ask_size=priced.ask_size,
        volume=priced.volume,
        quote_time=now,
        trade_time=now,
    )
