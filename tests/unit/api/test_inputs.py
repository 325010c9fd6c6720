"""Dates and symbols as Python callers give them, checked as ``ta`` checks its arguments."""

import datetime as dt

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.adapters.memory import FakeClock
from trade_analyst.adapters.memory.market_data import InMemoryMarketData
from trade_analyst.domain.calendars import FIRST_DATE, LAST_DATE
from trade_analyst.domain.errors import DomainError
from trade_analyst.entrypoints.api.client import AsyncClient, reported
from trade_analyst.entrypoints.api.inputs import as_date, as_optional_date, symbol_texts
from trade_analyst.entrypoints.config import Settings
from trade_analyst.ports import InvalidInput


@given(st.dates(min_value=FIRST_DATE, max_value=LAST_DATE))
def test_a_date_and_its_iso_text_are_the_same_date(day: dt.date) -> None:
    assert as_date(day, "start") == day
    assert as_date(day.isoformat(), "start") == day
    assert as_date(f" {day.isoformat()} ", "start") == day


@given(st.dates().filter(lambda day: not FIRST_DATE <= day <= LAST_DATE))
def test_dates_outside_the_calendars_are_refused_naming_the_range(day: dt.date) -> None:
    with pytest.raises(InvalidInput, match="outside the supported range") as raised:
        as_date(day.isoformat(), "end")
    assert FIRST_DATE.isoformat() in raised.value.hint


def test_none_is_no_date_only_where_a_date_is_optional() -> None:
    assert as_optional_date(None, "anchor") is None
    with pytest.raises(InvalidInput, match="anchor must be a date, got NoneType"):
        as_date(None, "anchor")  # type: ignore[arg-type]


def test_one_symbol_or_many() -> None:
    assert symbol_texts("AAPL") == ["AAPL"]
    assert symbol_texts(("AAPL", "/ES")) == ["AAPL", "/ES"]
    with pytest.raises(InvalidInput, match="symbols must be text, got b'AAPL'"):
        symbol_texts([b"AAPL"])  # type: ignore[list-item]


def test_a_domain_error_leaves_a_call_as_invalid_input_with_its_hint_shown() -> None:
    @reported
    async def call(client: AsyncClient) -> None:
        raise DomainError("unknown calendar 'lse'")

    client = AsyncClient(InMemoryMarketData(), Settings(), FakeClock(dt.datetime.now(dt.UTC)), "x")
    with pytest.raises(InvalidInput, match="unknown calendar 'lse'") as raised:
        anyio.run(call, client)
    assert raised.value.exit_code == 2
    assert raised.value.__notes__ == [f"hint: {raised.value.hint}"]
    assert raised.value.__cause__ is None
