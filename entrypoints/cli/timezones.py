"""The time zone printed times are shown in (``--tz``): the one place instants are converted.

Every instant a command holds is aware and in UTC. ``--tz`` names the zone to show it in:
``utc``, ``exchange`` (where the row's instrument trades: New York for the NYSE and its
options, Chicago for CME Globex), ``local`` (this machine's zone) or an IANA name such as
``Europe/London``. Tables default to ``exchange``; JSON and CSV stay in UTC unless asked.
"""

import datetime as dt
from collections.abc import Mapping
from functools import cache

from trade_analyst.entrypoints.cli.errors import usage_error

UTC, EXCHANGE, LOCAL = "utc", "exchange", "local"
ZONE_HINT = (
    "give --tz utc, exchange, local or an IANA zone name such as America/New_York, "
    "America/Chicago or Europe/London"
)

# Record fields that name an instrument, most specific first (a quote of /ES names its
# contract /ESZ26; a chain's rows name the underlying).
SYMBOL_FIELDS = ("contract", "symbol", "calendar", "root", "underlying")


def check_zone_choice(text: str) -> str:
    """``utc``, ``exchange``, ``local`` (any case) or a known IANA name; exit 2 otherwise."""
    choice = text.strip()
    if choice.lower() in (UTC, EXCHANGE, LOCAL):
        return choice.lower()
    if choice.upper() == "UTC" or choice == "Z":
        return UTC
    try:
        _iana(choice)
    # ZoneInfoNotFoundError is a KeyError; a folder ("America") or an overlong name is an
    # OSError from the zone database's files.
    except (ValueError, KeyError, OSError):
        raise usage_error(f"unknown time zone {text!r}", ZONE_HINT) from None
    return choice


def shown_zone(choice: str, exchange: dt.tzinfo) -> dt.tzinfo | None:
    """The zone to show an instant in: ``choice`` (checked), with ``exchange`` the zone of
    the row's instrument; ``None`` is this machine's zone (each instant at its own offset)."""
    if choice == UTC:
        return dt.UTC
    if choice == EXCHANGE:
        return exchange
    if choice == LOCAL:
        return None
    return _iana(choice)


def in_zone(value: dt.datetime, zone: dt.tzinfo | None) -> dt.datetime:
    """``value`` (aware) as the wall-clock time of ``zone`` (``None``: local): the same
    instant."""
    if value.tzinfo is None:
        raise ValueError(f"naive datetime in output: {value!r}")
    return value.astimezone(zone)


def instrument_of(record: Mapping[str, object]) -> str:
    """The instrument ``record`` names (``""``: none)."""
    for field in SYMBOL_FIELDS:
        text = record.get(field)
        if isinstance(text, str) and text.strip():
            return text.strip()
    return ""


def exchange_zone(record: Mapping[str, object]) -> dt.tzinfo:
    """Where the instrument ``record`` names trades: its futures root's Globex zone
    (Chicago), else the NYSE's (New York, also for indices, options, forex and rows that
    name no instrument)."""
    return symbol_zone(instrument_of(record))


@cache
def symbol_zone(text: str) -> dt.tzinfo:
    """The zone of the calendar ``text`` (a symbol, "nyse" or "cme") trades on."""
    from trade_analyst.domain.calendars import get_calendar
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.futures import calendar_named
    from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, parse_symbol

    if text.lower() in ("nyse", "cme"):
        return calendar_named(text).zone
    try:
        symbol = parse_symbol(text)
    except DomainError:
        symbol = None
    if isinstance(symbol, FuturesRoot | FuturesContract):
        try:
            return calendar_named(symbol.root).zone
        except DomainError:
            return get_calendar("cme").zone
    return get_calendar("nyse").zone


@cache
def _iana(name: str) -> dt.tzinfo:
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)
