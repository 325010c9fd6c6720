"""``ta validate`` checks the stored files themselves: each file is read on its own, and
damage, misplaced rows, keys stored twice or missing provenance are findings naming the
file (exit 6), never a crash and never hidden by reading."""

import csv
import io
import json
import shutil
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.integration.in_process import run, run_json

pytestmark = [pytest.mark.integration, pytest.mark.usefixtures("isolated")]


def write_bars(capsys, symbol="AAPL", start="2024-01-01", end="2024-03-31", fmt="parquet"):
    code, _, err = run(capsys, "--format", fmt, "history", symbol, "--start", start,
                       "--end", end, "--out", "d")  # fmt: skip
    assert code == 0, err


def only_file(folder: Path, pattern="*.parquet") -> Path:
    (file,) = [f for f in folder.glob(pattern) if not f.name.startswith(("_", "."))]
    return file


def partition(symbol="AAPL", year=2024) -> Path:
    return Path("d", "bars_1d", f"symbol_key={symbol}", f"year={year}")


def validate(capsys, *args):
    code, out, err = run_json(capsys, "validate", *args)
    assert "internal error" not in err
    return code, json.loads(out) if out else []


def with_rule(findings, rule):
    return [f for f in findings if f["rule"] == rule]


def test_a_copy_left_beside_its_merged_successor_is_reported_not_hidden(capsys, tmp_path):
    write_bars(capsys)
    old = only_file(partition())
    kept = tmp_path / "kept.parquet"
    shutil.copy2(old, kept)
    write_bars(capsys, end="2024-06-30")
    new = only_file(partition())
    shutil.copy2(kept, old)  # what a crash between writing the new file and removing the old
    files = f"{partition()}/*.parquet"
    ((rows, keys),) = duckdb.sql(
        f"select count(*), count(distinct timestamp) from '{files}'"
    ).fetchall()
    assert rows > keys

    code, findings = validate(capsys, "d")

    assert code == 6
    duplicates = with_rule(findings, "file.duplicate_key")
    assert {f["file"] for f in duplicates} == {str(old), str(new)}
    assert all(f["severity"] == "error" for f in duplicates)


def test_a_clean_dataset_has_no_findings(capsys):
    write_bars(capsys)
    write_bars(capsys, "MSFT", start="2024-12-02", end="2025-01-10")
    assert validate(capsys, "d") == (0, [])


def _truncate(file: Path) -> None:
    file.write_bytes(file.read_bytes()[: file.stat().st_size // 2])


def _empty(file: Path) -> None:
    file.write_bytes(b"")


def _random_bytes(file: Path) -> None:
    file.write_bytes(bytes(range(256)) * 8)


@pytest.mark.parametrize("damage", [_truncate, _empty, _random_bytes])
def test_a_damaged_parquet_file_is_a_finding_naming_it(capsys, damage):
    write_bars(capsys)
    write_bars(capsys, "MSFT")
    broken = only_file(partition())
    damage(broken)

    for target in ("d", str(broken)):
        code, findings = validate(capsys, target)
        assert code == 6
        (unreadable,) = with_rule(findings, "file.unreadable")
        assert unreadable["file"] == str(broken)
        assert unreadable["severity"] == "error"


def test_a_csv_file_without_a_column_is_a_finding(capsys):
    write_bars(capsys, fmt="csv")
    file = only_file(partition(), "*.csv")
    rows = list(csv.DictReader(io.StringIO(file.read_text())))
    out = io.StringIO()
    writer = csv.DictWriter(out, [name for name in rows[0] if name != "high"],
                            extrasaction="ignore")  # fmt: skip
    writer.writeheader()
    writer.writerows(rows)
    file.write_text(out.getvalue())

    for target in ("d", str(file)):
        code, findings = validate(capsys, target)
        assert code == 6
        (columns,) = with_rule(findings, "file.columns")
        assert columns["file"] == str(file)
        assert columns["field"] == "high"


def test_a_loose_csv_file_without_a_column_is_checked_as_bars(capsys, tmp_path):
    write_bars(capsys, fmt="csv")
    loose = tmp_path / "loose.csv"
    text = only_file(partition(), "*.csv").read_text().splitlines()
    header = text[0].split(",")
    drop = header.index('"high"')
    loose.write_text(
        "\n".join(",".join(v for i, v in enumerate(line.split(",")) if i != drop) for line in text)
    )
    code, findings = validate(capsys, str(loose))
    assert code == 6
    assert [f["field"] for f in with_rule(findings, "file.columns")] == ["high"]


def test_a_json_lines_file_with_a_line_that_is_not_json_is_a_finding(capsys):
    write_bars(capsys, fmt="jsonl")
    file = only_file(partition(), "*.jsonl")
    lines = file.read_text().splitlines()
    lines.insert(3, "{this is not json")
    file.write_text("\n".join(lines) + "\n")

    code, findings = validate(capsys, "d")
    assert code == 6
    (unreadable,) = with_rule(findings, "file.unreadable")
    assert unreadable["file"] == str(file)


def test_rows_of_another_symbol_in_a_symbol_folder_are_a_finding(capsys):
    write_bars(capsys)
    write_bars(capsys, "MSFT")
    stray = only_file(partition("MSFT"))
    moved = partition("AAPL") / stray.name
    shutil.move(stray, moved)

    code, findings = validate(capsys, "d")
    assert code == 6
    (misplaced,) = with_rule(findings, "file.wrong_symbol")
    assert misplaced["file"] == str(moved)
    assert misplaced["row"] == 0
    assert "MSFT" in misplaced["message"]


def test_a_bar_of_another_year_in_a_year_folder_is_a_finding(capsys):
    write_bars(capsys, start="2024-12-02", end="2025-01-10")
    old_year = only_file(partition(year=2024))
    moved = partition(year=2025) / old_year.name
    shutil.move(old_year, moved)

    code, findings = validate(capsys, "d")
    assert code == 6
    (misplaced,) = with_rule(findings, "file.wrong_year")
    assert misplaced["file"] == str(moved)
    assert "2024" in misplaced["message"]


def test_a_column_stored_with_the_wrong_type_is_a_finding(capsys):
    write_bars(capsys)
    file = only_file(partition())
    table = pq.read_table(file)
    index = table.schema.get_field_index("close")
    as_text = table.set_column(index, "close", table["close"].cast(pa.string()))
    pq.write_table(as_text, file)

    code, findings = validate(capsys, "d")
    assert code == 6
    (types,) = with_rule(findings, "file.types")
    assert (types["file"], types["field"]) == (str(file), "close")


def test_missing_provenance_is_a_finding(capsys):
    write_bars(capsys)
    file = only_file(partition())
    pq.write_table(pq.read_table(file).replace_schema_metadata(None), file)
    write_bars(capsys, "MSFT", fmt="csv")
    text = only_file(partition("MSFT"), "*.csv")
    (text.parent / f"_{text.name}.json").unlink()

    code, findings = validate(capsys, "d")
    assert code == 6
    assert [f["file"] for f in with_rule(findings, "file.metadata")] == [str(file)]
    assert [f["file"] for f in with_rule(findings, "file.sidecar_missing")] == [str(text)]


def test_a_temp_leftover_is_a_warning(capsys):
    write_bars(capsys)
    leftover = partition() / ".tmp-1.00000000-abc-x.parquet"
    leftover.write_bytes(b"half written")

    code, findings = validate(capsys, "d")
    assert code == 0
    assert [(f["file"], f["severity"]) for f in findings] == [(str(leftover), "warning")]


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "table"])
def test_every_output_format_names_the_file(capsys, fmt):
    write_bars(capsys)
    broken = only_file(partition())
    _truncate(broken)
    code, out, err = run(capsys, "--format", fmt, "validate", "d")
    assert code == 6
    assert "internal error" not in err
    assert "file.unreadable" in out
    assert broken.name[:12] in out


def test_a_rule_finding_names_the_file_and_row_of_the_bad_bar(capsys):
    write_bars(capsys, start="2024-10-01", end="2025-01-31")
    file = only_file(partition(year=2025))
    table = pq.read_table(file)
    highs = table["high"].to_pylist()
    highs[2] = table["low"][2].as_py() - 1.0  # a high below the low
    broken = table.set_column(table.schema.get_field_index("high"), "high", [highs])
    pq.write_table(broken.replace_schema_metadata(table.schema.metadata), file)

    code, findings = validate(capsys, "d")
    assert code == 6
    errors = [f for f in findings if f["severity"] == "error"]
    assert errors
    assert {(f["file"], f["row"]) for f in errors} == {(str(file), 2)}


def test_a_stored_row_the_domain_refuses_is_a_finding_on_that_row(capsys):
    code, _, err = run(capsys, "--format", "jsonl", "chain", "SPY", "--out", "d")
    assert code == 0, err
    (file,) = Path("d", "option_chains").rglob("*.jsonl")
    lines = file.read_text().splitlines()
    row = json.loads(lines[4])
    row["right"] = "X"  # neither a call nor a put
    lines[4] = json.dumps(row)
    file.write_text("\n".join(lines) + "\n")

    code, findings = validate(capsys, "d")
    assert code == 6
    (refused,) = with_rule(findings, "file.invalid_row")
    assert (refused["file"], refused["row"]) == (str(file), 4)
