"""Moving earlier-layout folders renames only the partitions this tool wrote."""

from pathlib import Path

from trade_analyst.adapters.export.migration import move_earlier_layout


def make(path: Path, text: str = "rows") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_partitions_move_as_they_are_and_nothing_else_does(tmp_path: Path) -> None:
    root = tmp_path / "bars_1d"
    make(root / "symbol=%2FES" / "year=2024" / "a.parquet", "es")
    make(root / "symbol=AAPL" / "year=2023" / "b.parquet", "aapl")
    strays = [
        make(root / "symbol=AAPL" / "notes" / "n.txt"),  # not a year folder
        make(root / "symbol=%ZZ" / "year=2024" / "c.parquet"),  # not an escaped symbol
        make(root / "symbol=BRK.B" / "year=2024" / "d.parquet"),  # not what we escape to
        make(root / "symbol=AAPL" / "year=24" / "e.parquet"),  # not a four-digit year
    ]

    moved = move_earlier_layout(tmp_path, "bars_1d")

    assert moved == [
        root / "symbol_key=%2FES" / "year=2024",
        root / "symbol_key=AAPL" / "year=2023",
    ]
    assert (root / "symbol_key=%2FES" / "year=2024" / "a.parquet").read_text() == "es"
    assert (root / "symbol_key=AAPL" / "year=2023" / "b.parquet").read_text() == "aapl"
    assert not (root / "symbol=%2FES").exists()  # emptied, so removed
    assert all(stray.exists() for stray in strays)


def test_a_partition_already_in_the_current_layout_stays_for_the_write(tmp_path: Path) -> None:
    old = make(tmp_path / "bars_1d" / "symbol=AAPL" / "year=2024" / "a.parquet")
    new = make(tmp_path / "bars_1d" / "symbol_key=AAPL" / "year=2024" / "b.parquet")

    assert move_earlier_layout(tmp_path, "bars_1d") == []

    assert old.exists()
    assert new.exists()


def test_a_dataset_not_yet_written_has_nothing_to_move(tmp_path: Path) -> None:
    assert move_earlier_layout(tmp_path, "bars_1d") == []
