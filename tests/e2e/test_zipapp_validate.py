"""Through the zipapp: ``ta validate`` finds a dataset damaged in five different ways, and a
re-run repairs what its data covers and refuses (exit 7) what it does not."""

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def _history(zipapp, out: Path, *args: str) -> None:
    result = zipapp.run("--format", "parquet", "history", *args, "--out", str(out))
    assert result.returncode == 0, result.stderr


def _file(out: Path, symbol: str, year: int = 2024) -> Path:
    (file,) = (out / "bars_1d" / f"symbol_key={symbol}" / f"year={year}").glob("*.parquet")
    return file


def test_validate_finds_each_kind_of_damage_and_names_the_file(zipapp, tmp_path):
    out = tmp_path / "data"
    q1 = ("--start", "2024-01-01", "--end", "2024-03-31")
    _history(zipapp, out, "AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", *q1)
    _history(zipapp, out, "META", "--start", "2024-12-02", "--end", "2025-01-10")
    clean = zipapp.run("--format", "json", "validate", str(out))
    assert clean.returncode == 0, clean.stderr
    assert json.loads(clean.stdout) == []

    truncated = _file(out, "AAPL")
    truncated.write_bytes(truncated.read_bytes()[:100])

    stale = _file(out, "MSFT")
    kept = tmp_path / "stale.parquet"
    shutil.copy2(stale, kept)
    _history(zipapp, out, "MSFT", "--start", "2024-01-01", "--end", "2024-06-30")
    shutil.copy2(kept, stale)  # left beside the merged file, as a crash would leave it

    misplaced = _file(out, "AMZN").parent / _file(out, "NVDA").name
    shutil.move(_file(out, "NVDA"), misplaced)

    retyped = _file(out, "GOOGL")
    table = pq.read_table(retyped)
    close = table.schema.get_field_index("close")
    pq.write_table(table.set_column(close, "close", table["close"].cast(pa.string())), retyped)

    wrong_year = _file(out, "META", 2025).parent / _file(out, "META", 2024).name
    shutil.move(_file(out, "META", 2024), wrong_year)

    result = zipapp.run("--format", "json", "validate", str(out))

    assert result.returncode == 6, result.stderr
    assert "internal error" not in result.stderr
    found = {(f["rule"], f["file"]) for f in json.loads(result.stdout) if f["severity"] == "error"}
    assert ("file.unreadable", str(truncated)) in found
    assert ("file.duplicate_key", str(stale)) in found
    assert ("file.wrong_symbol", str(misplaced)) in found
    assert ("file.types", str(retyped)) in found
    assert ("file.wrong_year", str(wrong_year)) in found

    # A re-run over damage repairs what its data covers and refuses what it does not.
    again = zipapp.run("--format", "parquet", "history", "AAPL", *q1, "--out", str(out))
    assert again.returncode == 0, again.stderr
    assert f"repaired: {truncated.relative_to(out)} was damaged" in again.stderr
    assert pq.read_table(_file(out, "AAPL")).num_rows > 0

    damaged = _file(out, "AAPL")
    damaged.write_bytes(b"")
    narrower = ("--start", "2024-01-01", "--end", "2024-01-31")  # not the file's Feb-Mar rows
    refused = zipapp.run("--format", "parquet", "history", "AAPL", *narrower, "--out", str(out))
    assert refused.returncode == 7, refused.stderr
    assert str(damaged.relative_to(out)) in refused.stderr
    assert damaged.read_bytes() == b""  # nothing written over what cannot be rebuilt
