"""The embedding API: name lookup, errors with helpful messages, arithmetic helpers."""

import re
from datetime import UTC, date, datetime

import pytest

from trade_analyst.domain.calendars import (
    FIRST_DATE,
    LAST_DATE,
    TEMPLATE_NAMES,
    Calendar,
    add_sessions,
    get_calendar,
    template_calendar,
)
from trade_analyst.domain.errors import DateOutOfRange, DomainError, UnknownCalendar


@pytest.mark.parametrize(
    ("name", "canonical"), [("nyse", "nyse"), ("NYSE", "nyse"), (" Cme ", "cme")]
)
def test_names_are_case_insensitive(name: str, canonical: str) -> None:
    cal: Calendar = get_calendar(name)
    assert cal.name == canonical
    assert get_calendar(name) is cal


@pytest.mark.parametrize("name", ["", "LSE", "xnyse", "/", "nyse2", "/ES", "es"])
def test_unknown_names_list_the_valid_forms(name: str) -> None:
    with pytest.raises(UnknownCalendar, match=r'"nyse" \(or XNYS\), "cme" \(or CMES\)'):
        get_calendar(name)


@pytest.mark.parametrize(("alias", "name"), [("XNYS", "nyse"), ("xnys", "nyse"), ("CMES", "cme")])
def test_market_identifier_codes_name_the_same_calendars(alias: str, name: str) -> None:
    assert get_calendar(alias) is get_calendar(name)


def test_template_names() -> None:
    assert set(TEMPLATE_NAMES) == {
        "equity_index", "energy", "metals", "rates", "fx", "grains", "livestock", "crypto",
        "cfe",
    }  # fmt: skip


def test_template_calendars_count_cme_trade_dates_or_cfe_days() -> None:
    assert template_calendar("a", "equity_index").is_session(date(2025, 1, 9))  # Carter day
    assert not template_calendar("b", "cfe").is_session(date(2025, 1, 9))  # CFE was closed
    grains = template_calendar("c", "grains")
    assert grains.name == "c"
    assert grains.template.name == "grains"
    assert len(grains.session_windows(date(2024, 3, 5))) == 2  # 07:45-08:30 CT break
    assert template_calendar("c", "grains") is grains


def test_unknown_template_names_the_known_ones() -> None:
    with pytest.raises(UnknownCalendar, match="known templates: cfe, crypto"):
        template_calendar("/XX", "dairy")


@pytest.mark.parametrize("d", [date(1989, 12, 29), date(2061, 1, 3)])
def test_dates_outside_the_range_raise(d: date) -> None:
    for name in ("nyse", "cme"):
        with pytest.raises(DateOutOfRange, match=re.escape("1990-01-01..2060-12-31")):
            get_calendar(name).is_session(d)


def test_range_edges() -> None:
    nyse = get_calendar("nyse")
    assert date(1990, 1, 1) == FIRST_DATE
    assert date(2060, 12, 31) == LAST_DATE
    assert not nyse.is_session(FIRST_DATE)
    with pytest.raises(DateOutOfRange):
        nyse.next_session(LAST_DATE)
    with pytest.raises(DateOutOfRange):
        nyse.previous_session(date(1990, 1, 2))


def test_bad_arguments_raise_domain_errors() -> None:
    nyse = get_calendar("nyse")
    with pytest.raises(DomainError, match="after end"):
        nyse.sessions(date(2024, 2, 1), date(2024, 1, 1))
    with pytest.raises(DomainError, match="not a session"):
        nyse.session_bounds(date(2024, 1, 1))
    with pytest.raises(DomainError, match="timezone-aware"):
        nyse.trade_date_at(datetime(2024, 1, 2, 15))
    with pytest.raises(DomainError, match="timezone-aware"):
        nyse.is_open_at(datetime(2024, 1, 2, 15))
    with pytest.raises(DomainError, match="not datetime"):
        nyse.is_session(datetime(2024, 1, 2, tzinfo=UTC))


def test_add_sessions_counts_business_days() -> None:
    cme = get_calendar("cme")
    # Three CME business days before Mon 2024-05-27 (Memorial Day, not a trade date).
    assert add_sessions(cme, date(2024, 5, 28), -1) == date(2024, 5, 24)
    assert add_sessions(cme, date(2024, 5, 24), 1) == date(2024, 5, 28)
    assert add_sessions(cme, date(2024, 5, 24), 0) == date(2024, 5, 24)
    with pytest.raises(DomainError):
        add_sessions(cme, date(2024, 5, 27), 0)


def test_sessions_of_a_known_week() -> None:
    nyse = get_calendar("nyse")
    assert nyse.sessions(date(2001, 9, 10), date(2001, 9, 17)) == [
        date(2001, 9, 10),
        date(2001, 9, 17),
    ]
    assert nyse.next_session(date(2001, 9, 10)) == date(2001, 9, 17)
    assert nyse.previous_session(date(2001, 9, 17)) == date(2001, 9, 10)


def test_nyse_status_helpers() -> None:
    nyse = get_calendar("nyse")
    friday_evening = datetime(2024, 3, 8, 22, tzinfo=UTC)
    assert not nyse.is_open_at(friday_evening)
    assert nyse.next_open(friday_evening) == datetime(2024, 3, 11, 13, 30, tzinfo=UTC)  # EDT
    assert nyse.next_close(friday_evening) == datetime(2024, 3, 11, 20, tzinfo=UTC)
