"""Symbol escaping is reversible and no symbol can lead a path out of the output folder."""

import os
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from trade_analyst.adapters.export import escape_symbol, partition_dir, unescape_symbol
from trade_analyst.adapters.export.layout import legacy_partition_dir, symbol_of

OUT = Path("/data/out")
# Any Python text, including lone surrogates and control characters.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=30)


@given(any_text)
@example("")
@example("..")
@example("/ESZ25")
@example("\x00")
@example("\udc80")
def test_unescape_inverts_escape(symbol: str) -> None:
    assert unescape_symbol(escape_symbol(symbol)) == symbol


@given(any_text)
def test_escaped_symbols_are_plain_names(symbol: str) -> None:
    escaped = escape_symbol(symbol)
    assert not {"/", "\\", "\x00", "."} & set(escaped)
    assert escaped.isascii()


@given(any_text, st.integers(1900, 2100))
def test_partitions_stay_under_the_output_folder(symbol: str, year: int) -> None:
    directory = partition_dir(OUT, "bars_1d", symbol, year)
    assert os.path.commonpath([OUT, os.path.normpath(directory)]) == str(OUT)
    assert directory.parent.parent.parent == OUT
    assert directory.parent.name.startswith("symbol_key=")
    assert symbol_of(directory.parent.name) == symbol


@given(any_text, st.integers(1900, 2100))
def test_folders_of_the_earlier_layout_still_name_their_symbol(symbol: str, year: int) -> None:
    directory = legacy_partition_dir(OUT, "bars_1d", symbol, year)
    assert directory.parent.name.startswith("symbol=")
    assert symbol_of(directory.parent.name) == symbol
    assert directory.name == partition_dir(OUT, "bars_1d", symbol, year).name


@pytest.mark.parametrize("name", ["symbol_key=%2", "symbols=AAPL", "year=2024", "AAPL"])
def test_other_folders_name_no_symbol(name: str) -> None:
    assert symbol_of(name) is None


@pytest.mark.parametrize(
    ("symbol", "escaped"),
    [
        ("AAPL", "AAPL"),
        ("/ESZ25", "%2FESZ25"),
        ("$SPX", "%24SPX"),
        ("EUR/USD", "EUR%2FUSD"),
        ("BRK.B", "BRK%2EB"),
        ("AAPL  251219C00200000", "AAPL%20%20251219C00200000"),
        ("..", "%2E%2E"),
        ("", ""),
        ("é", "%C3%A9"),
    ],
)
def test_known_escapes(symbol: str, escaped: str) -> None:
    # Percent-encoded UTF-8: what Hive readers (pyarrow, Spark) decode partition values with.
    assert escape_symbol(symbol) == escaped


@pytest.mark.parametrize("bad", ["a/b", "%2", "%zz", "%2f", "a.b", "é"])
def test_unescape_refuses_what_escape_never_makes(bad: str) -> None:
    with pytest.raises(ValueError, match="not an escaped symbol"):
        unescape_symbol(bad)
