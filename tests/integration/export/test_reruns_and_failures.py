"""Re-runs change nothing, overlaps leave no duplicate keys, failures leave no partial files."""

import datetime as dt
import json
import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from tests.integration.export.conftest import PROVENANCE, SYMBOLS, daily_bars
from trade_analyst.adapters.export import FileSink
from trade_analyst.adapters.export.atomic import atomic_write
from trade_analyst.adapters.export.file_checks import read_checked
from trade_analyst.adapters.export.formats import SIDECAR_SIZE
from trade_analyst.ports import (
    BARS,
    DatasetDamaged,
    DatasetUnreadable,
    DatasetWriteFailed,
    bars_table,
)

pytestmark = pytest.mark.integration


def _snapshot(out: Path) -> dict[str, tuple[int, int, int]]:
    return {
        p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino, p.stat().st_size)
        for p in out.rglob("*")
        if p.is_file()
    }


def _leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob(".tmp-*")]


def test_a_rerun_rewrites_nothing(written: FileSink, out: Path) -> None:
    before = _snapshot(out)
    for symbol in SYMBOLS:
        report = written.write(
            "bars_1d", bars_table(daily_bars(symbol, dt.date(2023, 12, 20), 20)), PROVENANCE
        )
        assert not report.changed
        assert (report.rows_added, report.rows_skipped) == (0, 20)
    assert _snapshot(out) == before  # same files, same inodes, same mtimes


def test_an_overlapping_run_leaves_no_duplicate_keys(written: FileSink, out: Path) -> None:
    # Overlaps the last 10 days with new prices and adds 10 more.
    newer = daily_bars("AAPL", dt.date(2023, 12, 30), 20, base=500.0)
    report = written.write("bars_1d", bars_table(newer), PROVENANCE)
    assert report.rows_added == 10
    assert len(report.files_written) == len(report.files_removed) == 2
    source = f"read_parquet('{out}/bars_1d/**/*.parquet', hive_partitioning=true)"
    duplicates = duckdb.sql(
        f"select symbol, timestamp from {source} group by all having count(*) > 1"
    ).fetchall()
    assert duplicates == []
    aapl = duckdb.sql(
        f"select epoch_ms(timestamp), open from {source} where symbol = 'AAPL' order by 1"
    ).fetchall()
    assert len(aapl) == 30
    assert aapl[9][1] == 109.0  # 2023-12-29: only the first run had it
    assert aapl[10][1] == 500.0  # 2023-12-30: the newer run wins
    assert len(list((out / "bars_1d" / "symbol_key=AAPL").rglob("*.parquet"))) == 2


def test_files_left_by_a_crash_between_rename_and_cleanup_lose_nothing(
    written: FileSink, out: Path
) -> None:
    partition = out / "bars_1d" / "symbol_key=AAPL" / "year=2024"
    [old] = list(partition.glob("*.parquet"))
    saved = old.read_bytes()
    written.write(
        "bars_1d", bars_table(daily_bars("AAPL", dt.date(2024, 1, 5), 10, 500.0)), PROVENANCE
    )
    # Put the superseded file back, older than its successor: the state a crash leaves.
    old.write_bytes(saved)
    os.utime(old, ns=(1, 1))
    assert len(list(partition.glob("*.parquet"))) == 2
    stored = written.read("bars_1d", symbols=["AAPL"])
    opens = dict(zip(stored.column("timestamp"), stored.column("open"), strict=True))
    assert len(opens) == 26  # 12 in 2023 + 14 in 2024: no key twice, none lost
    jan_5 = 1704412800000
    assert opens[jan_5] == 500.0  # the file written last wins
    # The next write to the partition merges the leftovers into one file.
    written.write("bars_1d", bars_table(daily_bars("AAPL", dt.date(2024, 1, 20), 1)), PROVENANCE)
    assert len(list(partition.glob("*.parquet"))) == 1
    assert len(written.read("bars_1d", symbols=["AAPL"])) == 27


def test_a_failed_write_leaves_no_partial_file_and_a_rerun_completes(
    tmp_path: Path, out: Path
) -> None:
    bars = bars_table(daily_bars("MSFT", dt.date(2023, 12, 28), 10))
    # File names are content hashes, so a scratch run tells where the real run will write.
    scratch = FileSink(tmp_path / "scratch").write("bars_1d", bars, PROVENANCE)
    first, second = scratch.files_written
    assert first.endswith(".parquet")
    blocker = out / second
    blocker.mkdir(parents=True)  # a folder where the 2024 file must go: os.replace fails
    sink = FileSink(out)
    with pytest.raises(DatasetWriteFailed) as raised:
        sink.write("bars_1d", bars, PROVENANCE)
    assert raised.value.path.endswith(second)
    assert raised.value.completed == (first,)  # what finished, for the caller to report
    assert _leftovers(out) == []
    assert (out / first).is_file()  # the 2023 partition completed before the failure
    assert raised.value.hint
    blocker.rmdir()
    report = sink.write("bars_1d", bars, PROVENANCE)
    assert report.files_written == (second,)
    assert report.rows_skipped == 4  # 2023-12-28..31 were already there
    assert len(sink.read("bars_1d")) == 10


def test_a_failure_among_many_partitions_names_every_file_written(
    tmp_path: Path, out: Path
) -> None:
    # Thirteen yearly partitions (2010-2022); 2016's cannot be written.
    bars = bars_table(daily_bars("MSFT", dt.date(2010, 12, 30), 11 * 365 + 10))
    scratch = FileSink(tmp_path / "scratch").write("bars_1d", bars, PROVENANCE)
    assert len(scratch.files_written) == 13
    (blocked,) = [name for name in scratch.files_written if "year=2016" in name]
    (out / blocked).mkdir(parents=True)
    sink = FileSink(out)

    with pytest.raises(DatasetWriteFailed) as raised:
        sink.write("bars_1d", bars, PROVENANCE)

    assert raised.value.path.endswith(blocked)
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*.parquet") if p.is_file()}
    assert set(raised.value.completed) == on_disk  # every whole file named, no other
    assert blocked not in on_disk
    assert _leftovers(out) == []
    for name in on_disk:
        assert pq.read_metadata(out / name).num_rows > 0  # whole files only
    (out / blocked).rmdir()
    report = sink.write("bars_1d", bars, PROVENANCE)
    assert set(report.files_written) == set(scratch.files_written) - on_disk
    assert len(sink.read("bars_1d")) == len(bars)


def test_an_unwritable_output_folder_is_a_clear_error(tmp_path: Path) -> None:
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("I am a file")
    with pytest.raises(DatasetWriteFailed, match=str(not_a_folder)) as raised:
        FileSink(not_a_folder).write(
            "bars_1d", bars_table(daily_bars("AAPL", dt.date(2024, 1, 2), 2)), PROVENANCE
        )
    assert raised.value.path.startswith(str(not_a_folder))
    assert raised.value.exit_code == 7  # an output failure, not an internal error


def test_an_interrupted_file_write_removes_its_temp_file(tmp_path: Path) -> None:
    target = tmp_path / "x.parquet"
    target.write_bytes(b"old")

    def interrupted(file: object) -> None:
        file.write(b"half of the new")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        atomic_write(target, interrupted)
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.parquet"]


# A writer that stops for good half-way through a file, as a run does when killed with -9.
_STUCK_WRITER = """
import sys, time
from pathlib import Path
from trade_analyst.adapters.export.atomic import atomic_write

def write(file):
    file.write(b"half a file")
    file.flush()
    print("writing", flush=True)
    time.sleep(600)

atomic_write(Path(sys.argv[1]), write)
"""


def _stuck_writer(target: Path) -> subprocess.Popen[str]:
    writer = subprocess.Popen(
        [sys.executable, "-c", _STUCK_WRITER, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == "writing\n"  # its temp file exists now
    return writer


def _kill(writer: subprocess.Popen[str]) -> None:
    """SIGKILL: no cleanup runs in the writer (and the process is reaped, not a zombie)."""
    writer.kill()
    writer.communicate()


def test_temp_files_of_killed_writers_go_with_the_next_write_to_their_partition(
    written: FileSink, out: Path
) -> None:
    partition = out / "bars_1d" / "symbol_key=AAPL" / "year=2024"
    untouched = out / "bars_1d" / "symbol_key=MSFT" / "year=2024"
    untouched.mkdir(parents=True)
    _kill(_stuck_writer(partition / "a.parquet"))
    _kill(_stuck_writer(untouched / "c.parquet"))
    alive = _stuck_writer(partition / "b.parquet")
    try:
        old = partition / ".tmp-deadbeef-d.parquet"  # no writer named: only its age tells
        old.write_bytes(b"from a run long ago")
        os.utime(old, (time.time() - 3600,) * 2)
        recent = partition / ".tmp-cafebabe-e.parquet"
        recent.write_bytes(b"maybe being written right now")
        assert len(_leftovers(out)) == 5
        (partition / "notes.txt").write_text("not ours: never touched")

        written.write("bars_1d", bars_table(daily_bars("AAPL", dt.date(2024, 1, 5), 3)), PROVENANCE)

        names = sorted(p.name for p in _leftovers(out))
        assert len(names) == 3
        assert any(name.endswith("-b.parquet") for name in names)  # its writer still runs
        assert any(name.endswith("-c.parquet") for name in names)  # a partition not written
        assert recent.name in names  # too young to call stale without a writer to check
        assert not old.exists()
        assert (partition / "notes.txt").exists()
        assert len(written.read("bars_1d", symbols=["AAPL"])) == 20
    finally:
        _kill(alive)


def test_temp_and_stray_files_are_invisible_to_readers(written: FileSink, out: Path) -> None:
    partition = out / "bars_1d" / "symbol_key=AAPL" / "year=2024"
    [data] = list(partition.glob("*.parquet"))
    shutil.copy(data, partition / f".tmp-deadbeef-{data.name}")  # what a kill -9 could leave
    dataset = ds.dataset(out / "bars_1d", format="parquet", partitioning="hive")
    assert dataset.count_rows() == 60
    # Things a user may keep next to the data: our reader skips them too.
    (out / "bars_1d" / "README.txt").write_text("notes")
    (out / "bars_1d" / "symbol_key=AAPL" / "scratch").mkdir()
    assert len(written.read("bars_1d", symbols=["AAPL"])) == 20


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_a_damaged_file_other_rows_cannot_rebuild_is_refused_and_kept(out: Path, fmt: str) -> None:
    sink = FileSink(out, fmt)  # type: ignore[arg-type]
    sink.write("bars_1d", bars_table(daily_bars("AAPL", dt.date(2024, 1, 2), 3)), PROVENANCE)
    [stored] = list(out.rglob(f"*.{fmt}"))
    stored.write_bytes(b"\x00garbage")
    before = _snapshot(out)
    with pytest.raises(DatasetDamaged) as raised:
        # Other days: nothing shows that these rows hold what the damaged file held.
        sink.write("bars_1d", bars_table(daily_bars("AAPL", dt.date(2024, 1, 4), 3)), PROVENANCE)
    assert raised.value.paths == (str(stored),)
    assert raised.value.exit_code == 7
    assert _snapshot(out) == before  # nothing dropped, nothing written
    with pytest.raises(DatasetUnreadable):
        sink.read("bars_1d")


def _damage(path: Path, how: str) -> None:
    size = path.stat().st_size
    if how == "truncated":
        with path.open("r+b") as file:
            file.truncate(size // 2)
    elif how == "random bytes":  # same size: only the content gives it away
        path.write_bytes(random.Random(7).randbytes(size))
    else:
        path.write_bytes(b"")


@pytest.mark.parametrize("how", ["truncated", "random bytes", "empty"])
@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_a_rerun_rebuilds_a_damaged_file_from_the_same_rows(out: Path, fmt: str, how: str) -> None:
    sink = FileSink(out, fmt)  # type: ignore[arg-type]
    series = daily_bars("AAPL", dt.date(2024, 1, 2), 20)
    sink.write("bars_1d", bars_table(series), PROVENANCE)
    sink.write("bars_1d", bars_table(daily_bars("MSFT", dt.date(2024, 1, 2), 5)), PROVENANCE)
    expected = sink.read("bars_1d", symbols=["AAPL"])
    [stored] = list(out.glob(f"bars_1d/symbol_key=AAPL/*/*.{fmt}"))
    untouched = {k: v for k, v in _snapshot(out).items() if "symbol_key=MSFT" in k}
    _damage(stored, how)

    report = sink.write("bars_1d", bars_table(series), PROVENANCE)

    relative = stored.relative_to(out).as_posix()
    assert report.files_repaired == (relative,)
    assert report.files_written == report.files_removed == (relative,)  # same rows, same name
    assert report.rows_added == 20  # the damaged file's rows were not readable
    assert sink.read("bars_1d", symbols=["AAPL"]) == expected
    data, problems = read_checked(stored, fmt, BARS, None)  # type: ignore[arg-type]
    assert problems == []
    assert data is not None
    assert data.num_rows == 20
    assert {k: v for k, v in _snapshot(out).items() if "symbol_key=MSFT" in k} == untouched
    assert not _leftovers(out)
    # Repaired, the partition is a clean re-run again: nothing rewritten.
    after = _snapshot(out)
    assert not sink.write("bars_1d", bars_table(series), PROVENANCE).changed
    assert _snapshot(out) == after


def test_a_damaged_merged_file_is_rebuilt_from_its_sound_neighbour_and_fresh_rows(
    out: Path,
) -> None:
    # A crash left the old file next to the merged one; then the merged one was damaged.
    sink = FileSink(out, "parquet")
    first = bars_table(daily_bars("AAPL", dt.date(2024, 1, 2), 3))
    second = bars_table(daily_bars("AAPL", dt.date(2024, 1, 5), 3))
    sink.write("bars_1d", first, PROVENANCE)
    [old] = list(out.rglob("*.parquet"))
    kept = old.read_bytes()
    sink.write("bars_1d", second, PROVENANCE)
    [merged] = list(out.rglob("*.parquet"))
    old.write_bytes(kept)
    _damage(merged, "truncated")

    report = sink.write("bars_1d", second, PROVENANCE)

    assert report.files_repaired == (merged.relative_to(out).as_posix(),)
    assert [p.name for p in out.rglob("*.parquet")] == [merged.name]
    assert len(sink.read("bars_1d")) == 6


def test_a_refusal_names_every_damaged_file_before_writing_any_partition(out: Path) -> None:
    sink = FileSink(out, "parquet")
    sink.write("bars_1d", bars_table(daily_bars("AAPL", dt.date(2023, 12, 20), 20)), PROVENANCE)
    files = sorted(out.rglob("*.parquet"))
    for path in files:
        _damage(path, "empty")
    before = _snapshot(out)
    with pytest.raises(DatasetDamaged) as raised:
        sink.write("bars_1d", bars_table(daily_bars("AAPL", dt.date(2023, 12, 21), 20)), PROVENANCE)
    assert raised.value.paths == tuple(str(path) for path in files)
    assert _snapshot(out) == before


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_text_files_from_before_sizes_were_recorded_still_rerun_and_repair(
    out: Path, fmt: str
) -> None:
    sink = FileSink(out, fmt)  # type: ignore[arg-type]
    rows = bars_table(daily_bars("AAPL", dt.date(2024, 1, 2), 5))
    sink.write("bars_1d", rows, PROVENANCE)
    [stored] = list(out.rglob(f"*.{fmt}"))
    sidecar = stored.with_name(f"_{stored.name}.json")
    metadata = json.loads(sidecar.read_text())
    del metadata[SIDECAR_SIZE]  # as an older version wrote it
    sidecar.write_text(json.dumps(metadata))
    before = _snapshot(out)
    assert not sink.write("bars_1d", rows, PROVENANCE).changed
    assert _snapshot(out) == before
    _damage(stored, "empty")
    report = sink.write("bars_1d", rows, PROVENANCE)
    assert report.files_repaired == (stored.relative_to(out).as_posix(),)
    assert len(sink.read("bars_1d")) == 5
