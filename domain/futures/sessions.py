"""The calendar a futures root trades on: its spec's Globex session template.

``domain.calendars`` knows exchange day sets and session templates, not futures; the spec
registry here says which template each root follows, so a root's calendar is built here.
"""

from trade_analyst.domain.calendars import (
    TradingCalendar,
    calendar_key,
    get_calendar,
    template_calendar,
)
from trade_analyst.domain.errors import UnknownCalendar, UnknownRoot
from trade_analyst.domain.futures.contracts import RootLike
from trade_analyst.domain.futures.specs import contract_spec
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, Symbol

_VALID_FORMS = '"nyse" (or XNYS), "cme" (or CMES), or a futures root such as "/ES" or "ES"'


def root_calendar(root: RootLike) -> TradingCalendar:
    """The Globex calendar of ``root`` (``/ES``, ``ES``, any case, or a ``FuturesRoot``).

    It is named like ``/ES``; its windows follow the root's session template and its
    sessions are CME trade dates (for VX, the closures CFE follows). Raises UnknownRoot
    naming the known roots.
    """
    spec = contract_spec(root)
    return template_calendar(spec.schwab_root, spec.session_template)


def symbol_calendar(symbol: Symbol) -> TradingCalendar | None:
    """The calendar whose sessions ``symbol`` trades in: a futures root's or contract's
    Globex calendar, the NYSE for equities, indices and equity options; None for forex
    (around the clock on weekdays, on no exchange calendar) and futures options (whose
    option root names no calendar here)."""
    if isinstance(symbol, FuturesRoot | FuturesContract):
        return root_calendar(symbol.root)
    if symbol.kind in ("forex", "future_option"):
        return None
    return get_calendar("nyse")


def calendar_named(name: str) -> TradingCalendar:
    """The calendar for ``name`` (case-insensitive): "nyse", "cme", their market identifier
    codes "XNYS" and "CMES", "/ES", "ES", ...

    The one lookup for a name a user typed. Raises UnknownCalendar naming the valid forms
    (not every futures root: ``futures roots`` lists those).
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownCalendar(f"calendar name must be a non-empty string; valid: {_VALID_FORMS}")
    key = calendar_key(name)
    if key in ("nyse", "cme"):
        return get_calendar(key)
    try:
        return root_calendar(key.removeprefix("/").upper())
    except UnknownRoot:
        raise UnknownCalendar(f"unknown calendar {name!r}; valid: {_VALID_FORMS}") from None
