"""``ta chart`` in process on the mock provider, its page opened in a real headless Chromium.

The counts the page reads back from the chart it drew (candles, pivot lines, lines) are
checked against what the data gives: the session's length in 5-minute bars, the rows
``ta history`` prints for the same request, the levels the pivot formula defines.
"""

import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

from tests.integration.charts.chromium import chromium, colours, page_state, png_pixels
from tests.integration.in_process import run, run_json
from tests.pinned_now import TODAY
from trade_analyst.domain.calendars import get_calendar

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

NYSE = get_calendar("nyse")
# A regular session a week before the pinned today: 6.5 hours, 78 five-minute bars.
DAY = NYSE.previous_session(TODAY - dt.timedelta(days=7))
NEXT = NYSE.next_session(DAY)
REGULAR_5M_BARS = 390 // 5


def _history_rows(capsys, symbol: str, start: dt.date, end: dt.date) -> list[dict]:
    code, out, _ = run_json(
        capsys, "history", symbol, "--start", str(start), "--end", str(end), "--interval", "5m"
    )
    assert code == 0
    return json.loads(out)


def test_the_drawn_chart_holds_the_sessions_candles_and_the_seven_classic_pivots(
    capsys, isolated: Path
):
    code, out, _ = run_json(capsys, "chart", "AAPL", "--date", str(DAY), "--out", "aapl.html")
    assert code == 0
    summary = json.loads(out)
    assert summary["chart"] == "aapl.html"
    state = page_state(isolated / "aapl.html")
    assert state["ready"] == "true"
    assert int(state["candles"]) == REGULAR_5M_BARS
    assert len(_history_rows(capsys, "AAPL", DAY, DAY)) == REGULAR_5M_BARS
    assert int(state["price-lines"]) == 7  # P, R1-R3, S1-S3
    assert int(state["lines"]) == 5  # the session VWAP and its ±1σ, ±2σ bands
    assert summary["candles"] == REGULAR_5M_BARS
    assert summary["price_lines"] == 7


def test_a_futures_range_with_demark_an_anchor_and_two_averages(capsys, isolated: Path):
    code, _, err = run(
        capsys,
        "--format", "json", "chart", "/ES", "--start", str(DAY), "--end", str(NEXT),
        "--kind", "demark", "--anchor", str(DAY), "--sma", "20", "--ema", "50",
        "--out", "es.html",
    )  # fmt: skip
    assert code == 0, err
    state = page_state(isolated / "es.html")
    # The continuous series' Globex bars of both trade dates, as ta history gives them.
    assert int(state["candles"]) == len(_history_rows(capsys, "/ES", DAY, NEXT))
    assert int(state["price-lines"]) == 3  # DeMark defines P, R1 and S1 only
    # Per session a VWAP and four bands (it restarts each session), one anchored VWAP
    # across both, and the two averages.
    assert int(state["lines"]) == 2 * 5 + 1 + 2


def test_png_is_a_picture_of_the_chart_and_leaves_no_html_behind(capsys, isolated: Path):
    chromium()  # skip (or fail under CI) before running anything without a browser
    code, out, err = run_json(capsys, "chart", "SPY", "--date", str(DAY), "--png", "spy.png")
    assert code == 0, err
    assert json.loads(out)["chart"] is None
    width, height, _ = png_pixels(isolated / "spy.png")
    assert (width, height) == (1280, 720)
    # Candles in two colours, lines, labels and text: a blank or failed page has a
    # handful of colours at most.
    assert len(colours(isolated / "spy.png")) > 200
    assert list(isolated.glob("*.html")) == []


def test_png_without_a_browser_fails_with_a_hint_before_fetching(
    capsys, isolated: Path, monkeypatch
):
    empty = isolated / "no-browsers"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.delenv("TA_CHROMIUM", raising=False)
    code, _, err = run(capsys, "chart", "AAPL", "--date", str(DAY), "--png", "a.png")
    assert code == 2
    lines = err.strip().splitlines()
    assert lines[0].startswith("error: --png needs a Chromium")
    assert lines[1].startswith("hint: install Chromium (Debian/Ubuntu: apt-get install chromium)")
    assert "TA_CHROMIUM" in lines[1]
    assert not (isolated / "a.png").exists()


def test_the_page_works_offline_and_credits_the_charting_library(capsys, isolated: Path):
    code, _, _ = run(capsys, "chart", "AAPL", "--date", str(DAY))
    assert code == 0
    (page,) = isolated.glob("*.html")
    assert page.name == f"chart_AAPL_{DAY}_5m.html"  # the default name, in the current folder
    html = page.read_text()
    # Nothing is loaded from elsewhere: no script, style sheet, frame or image by URL.
    assert re.search(r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=", html) is None
    assert "TradingView Lightweight Charts™ v" in html  # the library itself, inlined
    assert "Apache License" in html
    assert "TradingView, Inc." in html
    assert '<a href="https://www.tradingview.com/">' in html  # the link the licence asks for


def test_times_are_the_exchanges_wall_clock(capsys, isolated: Path):
    run(capsys, "chart", "AAPL", "--date", str(DAY), "--out", "a.html")
    html = (isolated / "a.html").read_text()
    data = json.loads(html.split('id="chart-data">')[1].split("</script>")[0])
    first = dt.datetime.fromtimestamp(data["candles"][0]["time"], dt.UTC)
    assert (first.date(), first.time()) == (DAY, dt.time(9, 30))  # the NYSE's open, ET


def test_open_hands_the_written_file_to_the_system_browser(capsys, isolated: Path, monkeypatch):
    opened = isolated / "opened.txt"
    script = isolated / "browser.sh"
    script.write_text(f'#!/bin/sh\necho "$1" > {opened}\n')
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    code, _, err = run(capsys, "chart", "AAPL", "--date", str(DAY), "--out", "a.html", "--open")
    assert code == 0, err
    assert opened.read_text().strip() == (isolated / "a.html").resolve().as_uri()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--date", str(DAY), "--start", str(DAY)), "--date and --start/--end both given"),
        ((), "no dates to chart"),
        (("--date", str(DAY), "--anchor", str(NEXT)), "is after the chart's last date"),
        (("--date", str(DAY), "--sma", "0"), "bad moving average"),
    ],
)
def test_bad_requests_are_usage_errors(capsys, isolated: Path, args, message):
    code, _, err = run(capsys, "chart", "AAPL", *args)
    assert code == 2
    assert message in err
    assert list(isolated.glob("*.html")) == []


def test_a_day_without_a_session_names_the_one_before(capsys):
    saturday = DAY + dt.timedelta(days=(5 - DAY.weekday()) % 7)
    code, _, err = run(capsys, "chart", "AAPL", "--date", str(saturday))
    assert code == 4
    assert f"--date {NYSE.previous_session(saturday)}" in err


def test_browser_is_found_through_ta_chromium(monkeypatch, isolated: Path):
    from trade_analyst.entrypoints.charts.browser import find_chromium

    fake = isolated / "my-chrome"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    env = {"PATH": os.defpath, "TA_CHROMIUM": str(fake)}
    assert find_chromium(env) == str(fake)
    assert find_chromium({"PATH": str(isolated)}) is None


def test_a_browser_that_fails_is_an_output_failure_naming_it(capsys, isolated: Path, monkeypatch):
    broken = isolated / "broken-chrome"
    broken.write_text("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n")
    broken.chmod(0o755)
    monkeypatch.setenv("TA_CHROMIUM", str(broken))
    code, _, err = run(capsys, "--format", "table", "chart", "AAPL", "--date", str(DAY),
                       "--png", "a.png")  # fmt: skip
    assert code == 7
    error, hint = err.strip().splitlines()[-2:]
    assert error == f"error: cannot render a.png: {broken} exited with 3: cannot open display"
    assert hint.startswith("hint: the HTML chart needs no browser")
    assert not (isolated / "a.png").exists()


def test_extended_hours_vwap_restarts_each_session_though_no_candle_is_missing_between(
    capsys, isolated: Path
):
    # Extended hours end at 20:00 and start at 04:00: the candles of two sessions follow
    # each other with nothing between, and the VWAP must still break into two pieces.
    code, _, err = run(capsys, "chart", "MSFT", "--start", str(DAY), "--end", str(NEXT),
                       "--session", "extended", "--out", "msft.html")  # fmt: skip
    assert code == 0, err
    state = page_state(isolated / "msft.html")
    assert int(state["lines"]) == 2 * 5
    assert int(state["candles"]) == 2 * 16 * 60 // 5  # 04:00-20:00, twice
