"""Calendar lookup by name: "nyse", "cme", or a futures root ("/ES", "ES", "vx")."""

import importlib

from trade_analyst.domain.calendars.calendar import TradingCalendar
from trade_analyst.domain.calendars.tables import CFE_DAYS, CME_DAYS, NYSE_DAYS
from trade_analyst.domain.calendars.templates import NYSE_TEMPLATE, TEMPLATES
from trade_analyst.domain.calendars.uk import clear_uk_cache
from trade_analyst.domain.errors import DomainError, UnknownCalendar

_VALID_FORMS = '"nyse", "cme", or a futures root such as "/ES" or "ES"'
_CALENDARS: dict[str, TradingCalendar] = {}


def nyse() -> TradingCalendar:
    """The NYSE calendar: sessions 09:30-16:00 America/New_York, 13:00 ET half days."""
    cal = _CALENDARS.get("nyse")
    if cal is None:
        cal = _CALENDARS["nyse"] = TradingCalendar("nyse", NYSE_DAYS, NYSE_TEMPLATE)
    return cal


def cme_trade_dates() -> TradingCalendar:
    """The CME trade-date calendar (the business days CME expiry rules count).

    Its windows follow the equity-index Globex template; this is ``get_calendar("cme")``.
    """
    cal = _CALENDARS.get("cme")
    if cal is None:
        cal = _CALENDARS["cme"] = TradingCalendar("cme", CME_DAYS, TEMPLATES["equity_index"])
    return cal


def _root_calendar(root: str, asked: str) -> TradingCalendar:
    try:
        # Imported when first needed, by name: domain.futures imports this package for its
        # business-day arithmetic, so a module-level import would make the two circular.
        futures = importlib.import_module("trade_analyst.domain.futures")
    except ImportError as exc:
        raise UnknownCalendar(
            f"unknown calendar {asked!r} (futures roots unavailable); valid: {_VALID_FORMS}"
        ) from exc
    contract_spec = getattr(futures, "contract_spec", None)
    if contract_spec is None:
        raise UnknownCalendar(
            f"unknown calendar {asked!r} (futures registry unavailable); valid: {_VALID_FORMS}"
        )
    try:
        spec = contract_spec(root)
    except DomainError as exc:
        raise UnknownCalendar(
            f"unknown calendar {asked!r}; valid: {_VALID_FORMS} (futures root: {exc})"
        ) from exc
    template_name: str = spec.session_template
    template = TEMPLATES.get(template_name)
    if template is None:
        raise UnknownCalendar(
            f"root {asked!r} has session template {template_name!r}; "
            f"known templates: {', '.join(sorted(TEMPLATES))}"
        )
    days = CFE_DAYS if template.name == "cfe" else CME_DAYS
    return TradingCalendar(f"/{root}", days, template)


def get_calendar(name: str) -> TradingCalendar:
    """The calendar for ``name`` (case-insensitive): "nyse", "cme", "/ES", "ES", ...

    A futures root resolves through the futures registry to its Globex session template;
    its sessions are CME trade dates (for the "cfe" template, VX: the NYSE closure set CFE
    follows). Raises UnknownCalendar naming the valid forms.
    """
    if not isinstance(name, str) or not name.strip():
        raise UnknownCalendar(f"calendar name must be a non-empty string; valid: {_VALID_FORMS}")
    key = name.strip().lower()
    if key == "nyse":
        return nyse()
    if key == "cme":
        return cme_trade_dates()
    root = key.removeprefix("/").upper()
    cal = _CALENDARS.get("/" + root)
    if cal is None:
        cal = _CALENDARS["/" + root] = _root_calendar(root, name)
    return cal


def _clear_caches() -> None:
    """Forget every built year and calendar (benchmarks use it to time a cold build)."""
    _CALENDARS.clear()
    for table in (NYSE_DAYS, CME_DAYS, CFE_DAYS):
        table.clear()
    clear_uk_cache()
