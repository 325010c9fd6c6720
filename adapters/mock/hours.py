"""Market hours from the domain calendars, in the shape of the ``MarketData`` port.

- equity (EQ): the NYSE session with the calendar's pre- and post-market hours;
- option: equity options (EQO) trade the NYSE session, index options (IND) 15 minutes more;
- future: one product per futures root of the domain registry, its Globex windows;
- forex: the CME FX windows (the closest domain calendar to the 24x5 spot market);
- bond: 08:00-17:00 ET on NYSE sessions, an approximation (the domain has no SIFMA calendar).
"""

import datetime as dt
from collections.abc import Callable, Sequence

from trade_analyst.adapters.mock.venues import Venue, calendar_of, windows_of
from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE, nyse
from trade_analyst.domain.futures import all_roots, contract_spec
from trade_analyst.ports import InvalidInput, Market, MarketHours, SessionWindow

_INDEX_OPTION_EXTRA = dt.timedelta(minutes=15)
_BOND_OPEN, _BOND_CLOSE = dt.time(8), dt.time(17)


def _new_york(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=nyse().zone).astimezone(dt.UTC)


def _hours(
    market: Market, product: str, name: str, on: dt.date, sessions: tuple[SessionWindow, ...]
) -> MarketHours:
    # A closed day is one without sessions; the port wants it listed all the same.
    return MarketHours(
        market=market,
        product=product,
        date=on,
        is_open=bool(sessions),
        sessions=sessions,
        product_name=name,
    )


def _venue_sessions(venue: Venue, on: dt.date) -> tuple[SessionWindow, ...]:
    if not calendar_of(venue).is_session(on):
        return ()
    return tuple(SessionWindow(w.kind, w.open, w.close) for w in windows_of(venue, on))


def _option(on: dt.date) -> list[MarketHours]:
    products = (
        ("EQO", "Equity Options", dt.timedelta(0)),
        ("IND", "Index Options", _INDEX_OPTION_EXTRA),
    )
    open_day = nyse().is_session(on)
    out: list[MarketHours] = []
    for code, name, extra in products:
        sessions: tuple[SessionWindow, ...] = ()
        if open_day:
            opens, closes = nyse().session_bounds(on)
            sessions = (SessionWindow("regular", opens, closes + extra),)
        out.append(_hours("option", code, name, on, sessions))
    return out


def _bond(on: dt.date) -> list[MarketHours]:
    sessions: tuple[SessionWindow, ...] = ()
    if nyse().is_session(on):
        opens, closes = _new_york(on, _BOND_OPEN), _new_york(on, _BOND_CLOSE)
        sessions = (SessionWindow("regular", opens, closes),)
    return [_hours("bond", "BON", "Bonds", on, sessions)]


def _futures(on: dt.date) -> list[MarketHours]:
    return [
        _hours("future", root, contract_spec(root).name, on, _venue_sessions(f"globex:/{root}", on))
        for root in all_roots()
    ]


def _equity(on: dt.date) -> list[MarketHours]:
    return [_hours("equity", "EQ", "Equity", on, _venue_sessions("equity", on))]


def _forex(on: dt.date) -> list[MarketHours]:
    return [_hours("forex", "FOREX", "Forex", on, _venue_sessions("forex", on))]


_PRODUCTS: dict[str, Callable[[dt.date], list[MarketHours]]] = {
    "equity": _equity,
    "option": _option,
    "future": _futures,
    "forex": _forex,
    "bond": _bond,
}


def hours_on(markets: Sequence[str], on: dt.date) -> list[MarketHours]:
    """Hours of every product of each market on ``on``, markets in the order asked (the
    markets are checked already)."""
    if type(on) is not dt.date or not FIRST_DATE <= on <= LAST_DATE:
        raise InvalidInput(f"market hours need a date from {FIRST_DATE} to {LAST_DATE}, got {on!r}")
    return [hours for market in markets for hours in _PRODUCTS[market](on)]
