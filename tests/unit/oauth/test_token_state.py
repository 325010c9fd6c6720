"""What ``ta auth status`` and ``ta health`` say about a token set at a given moment."""

import datetime as dt
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.entrypoints.cli.auth_commands import token_state
from trade_analyst.ports import TokenSet

LOGIN = dt.datetime(2025, 6, 2, 13, 0, tzinfo=dt.UTC)
TOKENS = TokenSet(
    access_token="a",
    refresh_token="r",
    access_expires_at=LOGIN + dt.timedelta(minutes=30),
    refresh_issued_at=LOGIN,
)


def state_at(elapsed: dt.timedelta) -> dict[str, object]:
    return token_state(TOKENS, now=LOGIN + elapsed, vault=Path("v"))


def test_nothing_stored_is_logged_out() -> None:
    state = token_state(None, now=LOGIN, vault=Path("v"))
    assert state["logged_in"] is False
    assert state["refresh_days_left"] is None


def test_fresh_login() -> None:
    state = state_at(dt.timedelta(minutes=1))
    assert state["logged_in"] is True
    assert state["access_token_valid"] is True
    assert state["refresh_days_left"] == 7.0
    assert state["warning"] is None


def test_the_warning_starts_24_hours_before_the_seven_days() -> None:
    assert state_at(dt.timedelta(days=6) - dt.timedelta(seconds=1))["warning"] is None
    warned = state_at(dt.timedelta(days=6))
    assert warned["logged_in"] is True
    assert "expires in 24.0 h" in str(warned["warning"])


def test_after_seven_days_a_login_is_needed() -> None:
    state = state_at(dt.timedelta(days=7))
    assert state["logged_in"] is False
    assert state["refresh_days_left"] == 0
    assert "ta auth login" in str(state["warning"])


@given(st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=30)))
def test_age_and_days_left_add_up_to_seven_while_valid(elapsed: dt.timedelta) -> None:
    state = state_at(elapsed)
    age, left = state["refresh_age_days"], state["refresh_days_left"]
    assert isinstance(age, float)
    assert isinstance(left, (int, float))
    if state["logged_in"]:
        assert abs(age + left - 7) <= 0.011  # each is rounded to 0.01
    else:
        assert left == 0
    assert state["access_token_valid"] is (elapsed < dt.timedelta(minutes=30))
