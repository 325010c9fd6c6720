"""``ta chart`` from the built zipapp: the charting library ships inside the archive, and
the page it writes draws in a real headless Chromium."""

import datetime as dt

from tests.integration.charts.chromium import page_state
from tests.pinned_now import TODAY
from trade_analyst.domain.calendars import get_calendar

# A regular session a week before the pinned today: 78 five-minute candles.
DAY = get_calendar("nyse").previous_session(TODAY - dt.timedelta(days=7))


def test_a_chart_made_by_the_zipapp_draws_in_a_real_browser(run_pyz, zipapp):
    out = "zipapp-chart.html"
    done = run_pyz("--format", "json", "chart", "AAPL", "--date", str(DAY), "--out", out)
    assert done.returncode == 0, done.stderr
    state = page_state(zipapp.workdir / out)
    assert state["ready"] == "true"
    assert int(state["candles"]) == 390 // 5
    assert int(state["price-lines"]) == 7  # classic pivots: P, R1-R3, S1-S3
