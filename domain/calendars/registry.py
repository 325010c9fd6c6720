"""Calendar lookup: "nyse", "cme", and calendars built from a Globex session template."""

from trade_analyst.domain.calendars.calendar import TradingCalendar
from trade_analyst.domain.calendars.tables import CFE_DAYS, CME_DAYS, NYSE_DAYS
from trade_analyst.domain.calendars.templates import NYSE_TEMPLATE, TEMPLATES
from trade_analyst.domain.calendars.uk import clear_uk_cache
from trade_analyst.domain.errors import UnknownCalendar

_VALID_NAMES = '"nyse", "cme"'
# Keyed by (calendar name, template name): a calendar caches its trading windows, so each
# one is built once.
_CALENDARS: dict[tuple[str, str], TradingCalendar] = {}


def nyse() -> TradingCalendar:
    """The NYSE calendar: sessions 09:30-16:00 America/New_York, 13:00 ET half days."""
    key = ("nyse", NYSE_TEMPLATE.name)
    cal = _CALENDARS.get(key)
    if cal is None:
        cal = _CALENDARS[key] = TradingCalendar("nyse", NYSE_DAYS, NYSE_TEMPLATE)
    return cal


def cme_trade_dates() -> TradingCalendar:
    """The CME trade-date calendar (the business days CME expiry rules count).

    Its windows follow the equity-index Globex template; this is ``get_calendar("cme")``.
    """
    return template_calendar("cme", "equity_index")


def template_calendar(name: str, template_name: str) -> TradingCalendar:
    """The calendar called ``name`` whose sessions trade in the windows of ``template_name``.

    Its sessions are CME trade dates; for the "cfe" template, the NYSE closure set CFE
    follows. Raises UnknownCalendar naming the known templates.
    """
    template = TEMPLATES.get(template_name)
    if template is None:
        raise UnknownCalendar(
            f"calendar {name!r} has session template {template_name!r}; "
            f"known templates: {', '.join(sorted(TEMPLATES))}"
        )
    key = (name, template_name)
    cal = _CALENDARS.get(key)
    if cal is None:
        days = CFE_DAYS if template.name == "cfe" else CME_DAYS
        cal = _CALENDARS[key] = TradingCalendar(name, days, template)
    return cal


def get_calendar(name: str) -> TradingCalendar:
    """The calendar for ``name`` (case-insensitive): "nyse" or "cme".

    Raises UnknownCalendar naming the valid names. A futures root's calendar is built from
    its contract spec's session template (``template_calendar``), on the futures side.
    """
    key = name.strip().lower() if isinstance(name, str) else ""
    if key == "nyse":
        return nyse()
    if key == "cme":
        return cme_trade_dates()
    raise UnknownCalendar(f"unknown calendar {name!r}; valid: {_VALID_NAMES}")


def _clear_caches() -> None:
    """Forget every built year and calendar, and the windows of calendars already handed out
    (benchmarks use it to time a cold build; ``futures.clear_caches`` for tests)."""
    for cal in _CALENDARS.values():
        cal.forget_windows()
    _CALENDARS.clear()
    for table in (NYSE_DAYS, CME_DAYS, CFE_DAYS):
        table.clear()
    clear_uk_cache()
