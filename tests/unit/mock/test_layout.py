"""The mock's session layout: the calendars' sessions and windows, as arrays."""

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from trade_analyst.adapters.mock.layout import KINDS, layout_of
from trade_analyst.adapters.mock.venues import calendar_of, core_hours, windows_of

VENUES = ("equity", "index", "forex", "globex:/ES", "globex:/ZC", "globex:/VX", "globex:/CL")
MINUTE = dt.timedelta(minutes=1)


@settings(max_examples=20)
@given(
    st.sampled_from(VENUES),
    # The calendars end on 2060-12-31: the last first day plus 800 days stays before it.
    st.dates(dt.date(1991, 1, 1), dt.date(2058, 10, 1)),
    st.integers(0, 800),
)
def test_each_row_holds_its_sessions_windows(venue: str, first: dt.date, span: int) -> None:
    last = first + dt.timedelta(days=span)
    layout = layout_of(venue, first, last)
    assert list(layout.days) == calendar_of(venue).sessions(first, last)
    for row, day in enumerate(layout.days):
        windows = windows_of(venue, day)
        count = len(windows)
        assert layout.windows[row] == windows
        assert layout.ordinals[row] == day.toordinal()
        assert layout.minutes[row, :count].tolist() == [w.minutes for w in windows]
        assert [KINDS[k] for k in layout.kinds[row, :count]] == [w.kind for w in windows]
        assert layout.opens[row, :count].tolist() == [w.open.timestamp() for w in windows]
        assert [layout.open_times[c][row] for c in range(count)] == [w.open for w in windows]
        # Padding windows have no minutes and never open.
        assert not layout.minutes[row, count:].any()
        assert (layout.kinds[row, count:] == -1).all()


@settings(max_examples=15)
@given(st.sampled_from(VENUES), st.dates(dt.date(1991, 1, 1), dt.date(2059, 1, 1)))
def test_core_minutes_are_those_starting_in_core_hours(venue: str, first: dt.date) -> None:
    layout = layout_of(venue, first, first + dt.timedelta(days=10))
    for row, day in enumerate(layout.days):
        core_open, core_close = core_hours(venue, day)
        for column, window in enumerate(layout.windows[row]):
            starts = [window.open + i * MINUTE for i in range(window.minutes)]
            core = [i for i, t in enumerate(starts) if core_open <= t < core_close]
            span = (layout.core_first[row, column], layout.core_last[row, column])
            assert span == ((core[0], core[-1] + 1) if core else (span[0], span[0]))
