"""``ta trades sample``: sample files that ``ta trades classify`` takes as they are."""

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from tests.integration.in_process import run, run_json
from tests.pinned_now import TODAY
from trade_analyst.domain.calendars import get_calendar

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

NYSE = get_calendar("nyse")
DAY = NYSE.previous_session(TODAY - dt.timedelta(days=7))


def test_the_samples_classify_as_the_readme_shows(capsys, isolated: Path):
    code, out, err = run_json(capsys, "trades", "sample", "--out", "samples")
    assert code == 0, err
    written = json.loads(out)
    trades, quotes = isolated / "samples" / "trades.csv", isolated / "samples" / "quotes.csv"
    assert written["trades_file"] == str(Path("samples") / "trades.csv")
    assert written["date"] == str(NYSE.previous_session(TODAY))  # the last full session
    with trades.open() as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == written["trades"] > 0
    code, out, err = run_json(
        capsys, "trades", "classify", str(trades), "--quotes", str(quotes), "--summary"
    )
    assert code == 0, err
    (summary,) = json.loads(out)
    assert summary["trades"] == len(rows)
    # Every trade has a quote before it, at its bid, its ask or its midpoint.
    assert summary["pct_size_unknown"] == 0
    assert summary["pct_size_unquoted"] == 0
    assert summary["pct_size_at_bid"] + summary["pct_size_at_ask"] > 60
    assert 0 < summary["pct_size_at_mid"] < 40


def test_a_date_gives_the_same_files_on_every_run(capsys, isolated: Path):
    for folder in ("one", "two"):
        code, _, err = run(capsys, "trades", "sample", "--out", folder, "--date", str(DAY),
                           "--symbol", "msft")  # fmt: skip
        assert code == 0, err
    for name in ("trades.csv", "quotes.csv"):
        assert (isolated / "one" / name).read_bytes() == (isolated / "two" / name).read_bytes()
    with (isolated / "one" / "quotes.csv").open() as handle:
        quotes = list(csv.DictReader(handle))
    # Four quotes a minute through the 390 minutes of a regular session.
    assert len(quotes) == 4 * 390
    assert {q["symbol"] for q in quotes} == {"MSFT"}
    assert quotes[0]["timestamp"] == f"{DAY}T14:30:00Z"
    assert all(float(q["bid"]) < float(q["ask"]) for q in quotes)


def test_a_day_without_a_session_is_refused_with_one(capsys):
    saturday = DAY + dt.timedelta(days=(5 - DAY.weekday()) % 7)
    code, _, err = run(capsys, "trades", "sample", "--out", "s", "--date", str(saturday))
    assert code == 4
    assert f"--date {NYSE.previous_session(saturday)}" in err
