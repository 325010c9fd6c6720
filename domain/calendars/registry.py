"""Calendar lookup: "nyse", "cme", and calendars built from a Globex session template."""

from trade_analyst.domain.calendars.calendar import TradingCalendar
from trade_analyst.domain.calendars.tables import CME_DAYS, GROUP_DAYS, NYSE_DAYS
from trade_analyst.domain.calendars.templates import NYSE_TEMPLATE, TEMPLATES
from trade_analyst.domain.calendars.uk import clear_uk_cache
from trade_analyst.domain.errors import UnknownCalendar

_VALID_NAMES = '"nyse" (or XNYS), "cme" (or CMES)'
# The ISO 10383 market identifier codes users of exchange_calendars type, by our name.
CALENDAR_ALIASES = {"xnys": "nyse", "cmes": "cme"}
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

    Its windows follow the equity-index Globex template and hours; Good Fridays on which
    only some groups traded are not trade dates here. This is ``get_calendar("cme")``.
    """
    key = ("cme", "trade dates")  # not a template: never collides with template_calendar
    cal = _CALENDARS.get(key)
    if cal is None:
        cal = _CALENDARS[key] = TradingCalendar("cme", CME_DAYS, TEMPLATES["equity_index"])
    return cal


def template_calendar(name: str, template_name: str) -> TradingCalendar:
    """The calendar called ``name`` whose sessions trade in the windows of ``template_name``.

    Its sessions are the CME trade dates of that product group (for the "cfe" template,
    the NYSE closure set CFE follows), with the group's holiday hours. Raises
    UnknownCalendar naming the known templates.
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
        cal = _CALENDARS[key] = TradingCalendar(name, GROUP_DAYS[template.name], template)
    return cal


def calendar_key(name: str) -> str:
    """``name`` as a registry key: lower case, an alias (XNYS, CMES) as the name it stands
    for; any other text lower-cased."""
    key = name.strip().lower()
    return CALENDAR_ALIASES.get(key, key)


def get_calendar(name: str) -> TradingCalendar:
    """The calendar for ``name`` (case-insensitive): "nyse" or "cme", or their market
    identifier codes XNYS and CMES.

    Raises UnknownCalendar naming the valid names. A futures root's calendar is built from
    its contract spec's session template (``template_calendar``), on the futures side.
    """
    key = calendar_key(name) if isinstance(name, str) else ""
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
    for table in (NYSE_DAYS, CME_DAYS, *GROUP_DAYS.values()):
        table.clear()
    clear_uk_cache()
