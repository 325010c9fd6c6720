"""``ta options stats`` on the mock provider, and the iv_history dataset it keeps."""

import datetime as dt
import json

import pytest

from tests.integration.in_process import run, run_json
from tests.pinned_now import TODAY
from trade_analyst.adapters.export import FileSink
from trade_analyst.adapters.memory.clock import FakeClock
from trade_analyst.adapters.mock import MockMarketData
from trade_analyst.domain.options import ConstantMaturityIv
from trade_analyst.entrypoints.jobs.options_stats import (
    OptionsStatsRequest,
    compute_stats,
    fetch_chain,
    rank_and_record,
)
from trade_analyst.ports import Provenance, Table
from trade_analyst.ports.datasets import IV_HISTORY

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]


@pytest.fixture(autouse=True)
def data_folder_configured(isolated, monkeypatch):
    """A configured data folder (./data), where runs keep iv_history unless told otherwise."""
    monkeypatch.setenv("TA_OUTPUT_DATA_DIR", "data")


def stored_history(tmp_path):
    return list(FileSink(tmp_path / "data").read("iv_history").rows())


def test_stats_per_expiration_and_in_total(capsys, tmp_path):
    code, out, err = run_json(capsys, "options", "stats", "AAPL")
    assert code == 0
    assert "synthetic" in err
    records = json.loads(out)
    expirations, total = records[:-1], records[-1]
    assert {r["scope"] for r in expirations} == {"expiration"}
    assert total["scope"] == "total"
    days = [r["expiration"] for r in expirations]
    assert days == sorted(days)
    for record in expirations:
        assert record["put_call_volume_ratio"] == pytest.approx(
            record["put_volume"] / record["call_volume"], abs=1e-6
        )
        assert record["expected_move"] > 0
        assert record["expected_move_pct"] == pytest.approx(
            100 * record["expected_move"] / record["underlying_price"], abs=1e-3
        )
        assert 0 < record["atm_iv"] < 2
        # The mock's smile makes low strikes dearer: puts carry the skew. Its 20 strikes
        # do not reach 25 delta on long-dated expirations, and the notes say so.
        if record["skew_25d"] is None:
            assert "25-delta skew" in record["notes"]
        elif record["days_to_expiration"] >= 7:
            assert record["skew_25d"] > 0
    assert sum(r["skew_25d"] is not None for r in expirations) >= 3
    assert total["call_volume"] == sum(r["call_volume"] for r in expirations)
    assert total["put_open_interest"] == sum(r["put_open_interest"] for r in expirations)
    assert total["iv_30d_method"] == "interpolated"
    assert total["iv_history_observations"] == 1
    assert total["iv_rank"] is None
    assert "1 observation(s)" in total["notes"]
    assert "at least 20" in total["notes"]


def test_each_run_records_one_observation_per_day(capsys, tmp_path):
    for _ in range(2):
        code, out, _ = run_json(capsys, "options", "stats", "AAPL")
        assert code == 0
    (row,) = stored_history(tmp_path)
    total = json.loads(out)[-1]
    assert row["symbol"] == "AAPL"
    assert row["provider"] == "mock"
    assert row["synthetic"] is True
    assert row["atm_iv"] == pytest.approx(total["iv_30d"], abs=1e-6)
    assert total["iv_recorded"] is True


def test_no_record_leaves_no_dataset(capsys, tmp_path):
    code, out, _ = run_json(capsys, "options", "stats", "AAPL", "--no-record")
    assert code == 0
    assert json.loads(out)[-1]["iv_recorded"] is False
    assert not (tmp_path / "data" / "iv_history").exists()


def test_one_expiration_only(capsys):
    _, listing, _ = run_json(capsys, "options", "stats", "MSFT", "--no-record")
    wanted = json.loads(listing)[2]["expiration"]
    code, out, _ = run_json(
        capsys, "options", "stats", "MSFT", "--expiration", wanted, "--no-record"
    )
    assert code == 0
    records = json.loads(out)
    assert [r["expiration"] for r in records] == [wanted, None]
    assert records[1]["call_volume"] == records[0]["call_volume"]
    assert records[1]["iv_30d"] is not None  # still from the expirations around 30 days


def test_an_unlisted_expiration_exits_4_naming_listed_ones(capsys):
    code, out, err = run_json(capsys, "options", "stats", "AAPL", "--expiration", "2001-01-01")
    assert code == 4
    assert out == ""
    assert "no option expiration on 2001-01-01" in err
    assert "nearest listed:" in err


def test_bad_options_exit_2(capsys):
    assert run_json(capsys, "options", "stats", "AAPL", "--window", "1")[0] == 2
    assert run_json(capsys, "options", "stats", "AAPL", "--rate", "5")[0] == 2


def _seed(tmp_path, values, provider="mock", end=None):
    end = end or TODAY - dt.timedelta(days=1)  # the day before the command's today
    rows = [
        {
            "symbol": "AAPL",
            "date": end - dt.timedelta(days=len(values) - 1 - i),
            "provider": provider,
            "synthetic": provider == "mock",
            "as_of": 1_700_000_000_000 + i,
            "atm_iv": value,
            "tenor_days": 30.0,
            "method": "interpolated",
            "underlying_price": 200.0,
        }
        for i, value in enumerate(values)
    ]
    provenance = Provenance(provider=provider, synthetic=True, app_version="test")
    FileSink(tmp_path / "data").write("iv_history", Table.from_rows(IV_HISTORY, rows), provenance)


def test_with_enough_history_rank_and_percentile_appear(capsys, tmp_path):
    # 24 earlier days between 10% and 50%; a real provider's (higher) history must not count.
    history = [0.10 + 0.4 * i / 23 for i in range(24)]
    _seed(tmp_path, history)
    _seed(tmp_path, [0.9] * 30, provider="schwab")
    code, out, _ = run_json(capsys, "options", "stats", "AAPL")
    assert code == 0
    total = json.loads(out)[-1]
    today = total["iv_30d"]
    assert total["iv_history_observations"] == 25
    low, high = min([*history, today]), max([*history, today])
    assert total["iv_rank"] == pytest.approx(100 * (today - low) / (high - low), abs=0.01)
    below = sum(1 for value in history if value < today)
    assert total["iv_percentile"] == pytest.approx(100 * below / 24, abs=0.01)


@pytest.mark.anyio
async def test_the_job_ranks_against_the_window_only(tmp_path):
    clock = FakeClock(dt.datetime(2026, 3, 10, 15, 0, tzinfo=dt.UTC))
    today = dt.date(2026, 3, 10)
    market = MockMarketData(clock=clock)
    request = OptionsStatsRequest(underlying="AAPL", window=5, min_history=3)
    chain = await fetch_chain(market, request, today)
    _, shown, iv_30d = compute_stats(chain, request, clock.now())
    assert len(shown) == len(chain.expirations())
    assert iv_30d.value is not None
    # Six earlier days: the first two (0.9, 0.05) fall out of a window of 5 with today.
    _seed(tmp_path, [0.9, 0.05, 0.2, 0.3, 0.4, 0.5], end=today - dt.timedelta(days=1))
    fixed = ConstantMaturityIv(0.35, 30.0, "interpolated")
    ranked = rank_and_record(
        FileSink(tmp_path / "data"), request, fixed, symbol="AAPL", provider="mock",
        synthetic=True, underlying_price=200.0, as_of=clock.now(), today=today,
        provenance=Provenance(provider="mock", synthetic=True, app_version="test"),
    )  # fmt: skip
    assert ranked.recorded
    rank = ranked.rank
    # The window: the last four earlier days (0.2, 0.3, 0.4, 0.5) and today's 0.35.
    assert rank.used == 5
    assert rank.rank == pytest.approx(100 * (0.35 - 0.2) / (0.5 - 0.2))
    assert rank.percentile == pytest.approx(50.0)  # 0.2 and 0.3 of four are below
    assert len(stored_history(tmp_path)) == 7


def test_without_an_atm_iv_nothing_is_recorded_and_the_reason_is_given(tmp_path):
    request = OptionsStatsRequest(underlying="AAPL")
    ranked = rank_and_record(
        FileSink(tmp_path / "data"), request, ConstantMaturityIv(None, 30.0, "none", "no IVs"),
        symbol="AAPL", provider="mock", synthetic=True, underlying_price=None,
        as_of=dt.datetime(2026, 3, 10, tzinfo=dt.UTC), today=dt.date(2026, 3, 10),
        provenance=Provenance(provider="mock", synthetic=True, app_version="test"),
    )  # fmt: skip
    assert not ranked.recorded
    assert ranked.rank.rank is None
    assert "no ATM IV today" in ranked.rank.reason
    assert not (tmp_path / "data" / "iv_history").exists()


def test_table_output_keeps_to_the_columns_a_terminal_can_show(capsys):
    code, out, _ = run(capsys, "--format", "table", "options", "stats", "AAPL", "--no-record")
    assert code == 0
    header = out.splitlines()[0]
    assert "atm_iv" in header
    assert "call_open_interest" not in header


def test_without_a_configured_data_folder_nothing_is_written(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("TA_OUTPUT_DATA_DIR")
    code, out, err = run_json(capsys, "options", "stats", "SPY")
    assert code == 0, err
    total = json.loads(out)[-1]
    assert total["iv_recorded"] is False
    assert "no data folder" in total["notes"]
    assert list(tmp_path.iterdir()) == []  # not even ./data


def test_out_names_the_data_folder(capsys, tmp_path, monkeypatch):
    monkeypatch.delenv("TA_OUTPUT_DATA_DIR")
    code, out, err = run_json(capsys, "options", "stats", "AAPL", "--out", "elsewhere")
    assert code == 0, err
    assert json.loads(out)[-1]["iv_recorded"] is True
    assert list(FileSink(tmp_path / "elsewhere").read("iv_history").rows())
    assert not (tmp_path / "data").exists()


def test_an_unusable_out_is_refused_before_fetching(capsys, tmp_path):
    (tmp_path / "a-file").write_text("x")
    code, out, err = run_json(capsys, "options", "stats", "AAPL", "--out", "a-file")
    assert code == 2
    assert out == ""
    assert "a-file" in err


def test_a_failed_recording_is_a_warning_after_the_statistics(capsys, tmp_path, monkeypatch):
    # The configured folder cannot hold datasets (a file is in the way): the stats stand.
    (tmp_path / "blocked").write_text("x")
    monkeypatch.setenv("TA_OUTPUT_DATA_DIR", "blocked")
    code, out, err = run_json(capsys, "options", "stats", "AAPL")
    assert code == 0
    total = json.loads(out)[-1]
    assert total["scope"] == "total"
    assert total["iv_recorded"] is False
    assert total["iv_30d"] is not None  # the statistics were computed and printed
    warning = [line for line in err.splitlines() if line.startswith("warning: ")]
    assert len(warning) == 1
    assert "blocked" in warning[0]
    assert "error: " not in err
