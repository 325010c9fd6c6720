"""TA_NOW pins the clock a run reads, so a run (or a test) is reproducible."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.entrypoints.bootstrap import build_clock
from trade_analyst.ports import InvalidInput

NEW_YORK = dt.timezone(dt.timedelta(hours=-5))


def test_without_ta_now_the_clock_is_the_hosts() -> None:
    before = dt.datetime.now(dt.UTC)
    read = build_clock({}).now()
    assert before <= read <= dt.datetime.now(dt.UTC)


def test_an_instant_with_z_pins_now_and_today() -> None:
    clock = build_clock({"TA_NOW": "2026-11-20T03:30:00Z"})
    assert clock.now() == dt.datetime(2026, 11, 20, 3, 30, tzinfo=dt.UTC)
    # 03:30 UTC is still the evening before in New York.
    assert clock.today(NEW_YORK) == dt.date(2026, 11, 19)


def test_an_offset_is_converted_and_no_offset_means_utc() -> None:
    assert build_clock({"TA_NOW": "2026-11-20T09:30:00-05:00"}).now() == dt.datetime(
        2026, 11, 20, 14, 30, tzinfo=dt.UTC
    )
    assert build_clock({"TA_NOW": "2026-11-20T09:30:00"}).now().tzinfo == dt.UTC


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31)))
def test_a_bare_date_is_that_day_in_new_york_and_in_utc(day: dt.date) -> None:
    clock = build_clock({"TA_NOW": day.isoformat()})
    assert clock.today(NEW_YORK) == day
    assert clock.now().date() == day
    assert clock.now().tzinfo == dt.UTC


@pytest.mark.parametrize("text", ["yesterday", "2026-13-01", "2026-11-20T25:00Z", "11/20/2026"])
def test_a_bad_value_is_a_usage_error_naming_the_forms(text: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        build_clock({"TA_NOW": text})
    assert text in caught.value.message
    assert "2026-11-20T15:00:00Z" in caught.value.hint
    assert caught.value.exit_code == 2


def test_the_cli_answers_as_of_ta_now(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from trade_analyst.entrypoints.cli import main

    monkeypatch.setenv("TA_NOW", "2025-06-12")  # the June 2025 /ES roll date
    assert main(["--format", "json", "futures", "front", "/ES"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert (answer["on"], answer["contract"]) == ("2025-06-12", "/ESU25")
