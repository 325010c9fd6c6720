"""Hypothesis laws that hold for every calendar and every date in 1990..2060.

The laws live in the package (``trade_analyst.testing.laws.calendars``) so that
``python -m trade_analyst.testing`` checks them on an installation; here they run under the
project's Hypothesis profile.
"""

import itertools
from datetime import date

import pytest

from trade_analyst.domain.calendars import TradingCalendar
from trade_analyst.testing.laws import calendars as laws
from trade_analyst.testing.strategies.calendars import all_calendars

# Every template over its day table (not through the futures registry).
CALENDARS: list[TradingCalendar] = all_calendars()
IDS = [cal.name for cal in CALENDARS]

test_next_session_is_a_later_session = laws.next_session_is_a_later_session.test()
test_previous_of_next_is_at_most_d = laws.previous_of_next_is_at_most_d.test()
test_sessions_are_sorted_unique_and_all_sessions = (
    laws.sessions_are_sorted_unique_and_all_sessions.test()
)
test_instants_inside_a_window_belong_to_that_session = (
    laws.instants_inside_a_window_belong_to_that_session.test()
)
test_is_open_at_agrees_with_session_windows = laws.is_open_at_agrees_with_session_windows.test()
test_every_holiday_is_a_weekday_non_session = laws.every_holiday_is_a_weekday_non_session.test()
test_weekdays_are_sessions_or_holidays = laws.weekdays_are_sessions_or_holidays.test()
test_early_closes_are_sessions_that_close_before_regular = (
    laws.early_closes_are_sessions_that_close_before_regular.test()
)


@pytest.mark.parametrize("cal", CALENDARS, ids=IDS)
def test_windows_of_consecutive_sessions_do_not_overlap(cal: TradingCalendar) -> None:
    windows = [
        w
        for d in cal.sessions(date(2024, 1, 1), date(2025, 12, 31))
        for w in cal.session_windows(d)
    ]
    for (_, close1), (open2, _) in itertools.pairwise(windows):
        assert close1 <= open2
