"""A futures root's calendar: its spec's session template over CME trade dates or CFE days."""

import re
from datetime import date

import pytest

from trade_analyst.domain.calendars import get_calendar
from trade_analyst.domain.errors import UnknownCalendar, UnknownRoot
from trade_analyst.domain.futures import all_roots, calendar_named, contract_spec, root_calendar
from trade_analyst.domain.symbols import FuturesRoot


@pytest.mark.parametrize(("name", "template"), [("/ES", "equity_index"), ("es", "equity_index"),
                                                ("/ZC", "grains"), ("/CL", "energy"),
                                                ("/GC", "metals"), ("/ZN", "rates"),
                                                ("/6E", "fx"), ("/BTC", "crypto"),
                                                ("/VX", "cfe")])  # fmt: skip
def test_futures_roots_resolve_to_their_template(name: str, template: str) -> None:
    for lookup in (root_calendar, calendar_named):
        cal = lookup(name)
        assert cal.name == "/" + name.lstrip("/").upper()
        assert cal.template.name == template


def test_every_registered_root_has_a_calendar_of_its_spec_template() -> None:
    for root in all_roots():
        cal = root_calendar(root)
        assert cal.name == f"/{root}"
        assert cal.template.name == contract_spec(root).session_template
        assert root_calendar(FuturesRoot(root)) is cal


def test_root_calendars_count_cme_trade_dates_or_cfe_days() -> None:
    assert root_calendar("/ES").is_session(date(2025, 1, 9))  # CME traded on Carter day
    assert not root_calendar("/VX").is_session(date(2025, 1, 9))  # CFE was closed
    grains = root_calendar("/ZC")
    ct = grains.session_windows(date(2024, 3, 5))
    assert len(ct) == 2  # overnight plus day session, 07:45-08:30 CT break


def test_unknown_root_names_the_known_roots() -> None:
    with pytest.raises(UnknownRoot, match="known roots: ES"):
        root_calendar("/QQQQ")


@pytest.mark.parametrize(
    ("name", "canonical"),
    [("nyse", "nyse"), (" Cme ", "cme"), ("XNYS", "nyse"), ("xNyS", "nyse"), ("CMES", "cme"),
     ("cmes", "cme"), ("NYSE", "nyse"), ("CME", "cme")],
)  # fmt: skip
def test_calendar_named_takes_the_exchange_names_too(name: str, canonical: str) -> None:
    assert calendar_named(name) is get_calendar(canonical)


@pytest.mark.parametrize("name", ["", "  ", "LSE", "/", "/QQQQ", "nyse2", "nasdaq"])
def test_unknown_names_list_the_valid_forms(name: str) -> None:
    valid = '"nyse" (or XNYS), "cme" (or CMES), or a futures root such as "/ES"'
    with pytest.raises(UnknownCalendar, match=re.escape(valid)) as refused:
        calendar_named(name)
    assert "known roots" not in str(refused.value)  # ta futures roots lists them, not this
