"""``ta levels`` in-process on the mock provider, as a user runs it."""

import csv
import datetime as dt
import io
import json
import re

import pytest

from tests.integration.in_process import run
from tests.pinned_now import TODAY
from trade_analyst.domain.calendars import get_calendar

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]

# A session a week before the pinned today, so the 1-minute lookback serves it.
NYSE = get_calendar("nyse")
DAY = NYSE.previous_session(TODAY - dt.timedelta(days=7))
PRIOR = NYSE.previous_session(DAY)


def test_format_levels_v1_after_the_command_prints_a_valid_document(capsys, levels_v1):
    code, out, _ = run(capsys, "levels", "AAPL", "--date", str(DAY), "--format", "levels.v1")
    assert code == 0
    document = json.loads(out)  # nothing but the document on stdout
    levels_v1.validate(document)
    assert document["date"] == str(DAY)
    assert document["prior_session"]["date"] == str(PRIOR)
    assert document["quality"] == {
        "vwap_method": "bars_1m_ohlc4",
        "intraday_bar_count": 390,
        "bars_expected": 390,
        "coverage_pct": 100.0,
    }


@pytest.mark.parametrize(
    "args",
    [
        ("--format=levels.v1",),
        ("--as", "levels.v1"),
        ("-o", "levels.v1"),
        ("--format", "levels-v1"),  # the earlier tool's alias
    ],
)
def test_every_spelling_of_the_levels_v1_format(capsys, levels_v1, args):
    code, out, _ = run(capsys, "--provider", "mock", "levels", "/ES", "--date", str(DAY), *args)
    assert code == 0
    levels_v1.validate(json.loads(out))


def test_a_futures_root_names_its_contract(capsys, levels_v1):
    code, out, _ = run(
        capsys, "levels", "/ES", "--date", str(DAY), "--session", "extended", "--as", "levels.v1"
    )
    assert code == 0
    document = json.loads(out)
    levels_v1.validate(document)
    assert document["input"]["symbol_raw"] == "/ES"
    assert document["contract"]["root"] == "/ES"
    assert document["contract"]["from_root"] is True
    assert document["symbol"] == document["contract"]["contract"]
    assert document["session"] == "eth"


def test_ai_block_keeps_the_earlier_format_and_provenance_goes_to_stderr(capsys):
    code, out, err = run(capsys, "levels", "AAPL", "--date", str(DAY), "--format", "ai-block")
    assert code == 0
    assert re.fullmatch(
        r"\[AI_DATA_BLOCK_START\]\nR1: \d+\.\d{4}\nS1: \d+\.\d{4}\nVWAP: \d+\.\d{4}\n"
        r"\[AI_DATA_BLOCK_END\]\n",
        out,
    )
    line = next(x for x in err.splitlines() if x.startswith("[PROVENANCE]"))
    assert "data_source=mock" in line
    assert "is_synthetic=true" in line
    assert "vwap_method=bars_1m_ohlc4" in line
    assert re.search(r"provider_request_id=[0-9a-f]{32}", line)


def test_json_csv_and_levels_v1_agree(capsys):
    _, out_json, _ = run(capsys, "--format", "json", "levels", "AAPL", "--date", str(DAY))
    _, out_csv, _ = run(capsys, "levels", "AAPL", "--date", str(DAY), "--format", "csv")
    _, out_doc, _ = run(capsys, "levels", "AAPL", "--date", str(DAY), "--as", "levels.v1")
    record = json.loads(out_json)
    row = next(csv.DictReader(io.StringIO(out_csv)))
    document = json.loads(out_doc)
    assert record["r1"] == document["levels"]["R1"] == pytest.approx(float(row["r1"]))
    assert record["vwap"] == document["vwap"]["value"] == pytest.approx(float(row["vwap"]))
    assert record["vwap_upper_1"] == pytest.approx(record["vwap"] + record["vwap_stdev"])
    assert record["synthetic"] is True
    high, low, close = record["prior_high"], record["prior_low"], record["prior_close"]
    assert record["pivot"] == pytest.approx((high + low + close) / 3)


def test_the_table_lists_every_level(capsys):
    code, out, _ = run(
        capsys, "levels", "AAPL", "--date", str(DAY), "--kind", "demark", "--as", "table"
    )
    assert code == 0
    for field in ("pivot", "r1", "s1", "vwap_upper_2", "coverage_pct"):
        assert re.search(rf"^\s*{field}\s", out, re.MULTILINE)


def test_a_weekend_date_exits_4_naming_the_dates(capsys):
    saturday = DAY + dt.timedelta(days=(5 - DAY.weekday()) % 7)
    code, out, err = run(capsys, "levels", "AAPL", "--date", str(saturday), "--format", "json")
    assert code == 4
    assert out == ""
    assert str(saturday) in err
    assert str(NYSE.previous_session(saturday)) in err


@pytest.mark.parametrize(
    "args",
    [
        ("--as", "parquet"),
        ("--kind", "floor"),
        ("--session", "overnight"),
        ("--date", "yesterday"),
    ],
)
def test_bad_options_exit_2(capsys, args):
    base = ["levels", "AAPL", "--date", str(DAY)]
    code, out, _ = run(capsys, *base, *args)
    assert code == 2
    assert out == ""


def test_global_formats_only_levels_understands_stay_errors_elsewhere(capsys):
    code, _, err = run(capsys, "quotes", "AAPL", "--format", "ai-block")
    assert code == 2
    assert "ai-block" in err


def test_jsonl_prints_the_record_on_one_line(capsys):
    code, out, _ = run(capsys, "--format", "jsonl", "levels", "AAPL", "--date", str(DAY))
    assert code == 0
    assert out.count("\n") == 1
    assert json.loads(out)["prior_date"] == str(PRIOR)


# -- --anchor ---------------------------------------------------------------------------

ANCHOR = NYSE.previous_session(PRIOR)  # two sessions before DAY: a three-session window


def test_anchor_prints_a_valid_anchored_document(capsys, levels_v1):
    code, out, _ = run(
        capsys, "levels", "AAPL", "--date", str(DAY), "--anchor", str(ANCHOR), "--as", "levels.v1"
    )
    assert code == 0
    document = json.loads(out)
    levels_v1.validate(document)
    assert document["vwap_kind"] == "anchored"
    assert document["input"]["anchor"] == str(ANCHOR)
    assert document["quality"] == {
        "vwap_method": "bars_1m_ohlc4",
        "intraday_bar_count": 3 * 390,
        "bars_expected": 3 * 390,
        "coverage_pct": 100.0,
    }
    assert document["provenance"]["session_window"].startswith(str(ANCHOR))
    vwap = document["vwap"]
    assert vwap["lower_2sd"] <= vwap["lower_1sd"] <= vwap["value"] <= vwap["upper_2sd"]


def test_without_anchor_the_document_is_a_session_one(capsys, levels_v1):
    _, out, _ = run(capsys, "levels", "AAPL", "--date", str(DAY), "--as", "levels.v1")
    document = json.loads(out)
    levels_v1.validate(document)
    assert (document["vwap_kind"], document["input"]["anchor"]) == ("session", None)
    assert "notes" not in document


def test_an_anchored_futures_root_says_which_contract_serves_the_window(capsys, levels_v1):
    code, out, err = run(
        capsys, "levels", "/ES", "--date", str(DAY), "--anchor", str(ANCHOR), "--as", "levels.v1"
    )
    assert code == 0
    document = json.loads(out)
    levels_v1.validate(document)
    contract = document["contract"]["contract"]
    assert f"uses {contract} for every session from {ANCHOR}" in document["notes"][0]
    assert f"uses {contract} for every session" in err  # and a note for people on stderr


def test_anchor_in_the_flat_record(capsys):
    code, out, _ = run(
        capsys, "--format", "json", "levels", "AAPL", "--date", str(DAY), "--anchor", str(ANCHOR)
    )
    assert code == 0
    record = json.loads(out)
    assert (record["vwap_kind"], record["anchor"], record["vwap_sessions"]) == (
        "anchored",
        str(ANCHOR),
        3,
    )
    assert record["bars_expected"] == 3 * 390


@pytest.mark.parametrize(
    ("anchor", "message"),
    [
        (str(NYSE.next_session(DAY)), "is after --date"),
        (str(DAY + dt.timedelta(days=(5 - DAY.weekday()) % 7 - 7)), "is not a nyse session"),
        ("last-week", None),
    ],
)
def test_a_bad_anchor_exits_2_with_a_hint(capsys, anchor, message):
    code, out, err = run(capsys, "levels", "AAPL", "--date", str(DAY), "--anchor", anchor)
    assert code == 2
    assert out == ""
    if message is not None:
        assert message in err
        assert "hint: anchor on a session" in err
