"""``--help`` as a user reads it: no cyclopts artefacts, sentences wrapped between words at
the terminal's width (never where the docstring's source line ended), examples in
``ta --help`` that name real commands."""

import itertools
import re

import pytest

from trade_analyst.entrypoints.cli import app, main
from trade_analyst.entrypoints.cli.help_text import EXAMPLES, joined_lines


def _commands() -> list[tuple[str, ...]]:
    """Every command and subcommand path, e.g. ("history",), ("futures", "front")."""
    paths: list[tuple[str, ...]] = [()]
    for name in app:
        if name.startswith("-"):
            continue
        paths.append((name,))
        paths.extend((name, sub) for sub in app[name] if not sub.startswith("-"))
    return paths


COMMANDS = _commands()


def _help(capsys, monkeypatch, path: tuple[str, ...], columns: int) -> str:
    monkeypatch.setenv("COLUMNS", str(columns))
    main([*path, "--help"])
    return capsys.readouterr().out


def test_the_command_list_covers_the_groups():
    assert ("history",) in COMMANDS
    assert ("futures", "front") in COMMANDS
    assert ("trades", "sample") in COMMANDS


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ta")
def test_help_has_no_artefacts_and_fits_80_columns(capsys, monkeypatch, path):
    text = _help(capsys, monkeypatch, path, 80)
    assert "Usage: ta" in text
    assert "--empty-" not in text  # cyclopts' flag for passing an empty list
    assert max(len(line) for line in text.splitlines()) <= 80


@pytest.mark.parametrize("path", COMMANDS, ids=lambda p: " ".join(p) or "ta")
def test_lines_break_only_where_the_next_word_does_not_fit(capsys, monkeypatch, path):
    # In a panel, a line whose text starts at the description column continues the
    # description above it; the line above must then be full (the next word would not
    # have fitted beside it). A break copied from a docstring leaves a short line there.
    lines = [line for line in _help(capsys, monkeypatch, path, 80).splitlines() if "│" in line]
    gap = re.compile(r"│ [ *] *\S+(?: \S+)*\s{2,}")
    starts = [m.end() for line in lines if (m := gap.search(line))]
    if not starts:
        return
    column = max(set(starts), key=starts.count)  # where descriptions start in this help
    right = max(line.rindex("│") for line in lines) - 1  # the panel's inner edge
    for above, below in itertools.pairwise(lines):
        continues = len(below) > column and below[:column].strip(" │") == ""
        if continues and below[column] != " ":
            room = right - len(above.rstrip(" │").rstrip())
            assert len(below[column:].split()[0]) + 1 > room, f"{above!r} / {below!r}"


def test_ta_help_ends_its_summary_with_examples_of_real_commands(capsys, monkeypatch):
    text = _help(capsys, monkeypatch, (), 120)
    assert "Examples" in text
    listed = {name for name in app if not name.startswith("-")}
    examples = [line.split() for line in EXAMPLES.splitlines()[1:]]
    assert len(examples) >= 5
    for words in examples:
        assert " ".join(words) in text
        command = next(word for word in words[1:] if not word.startswith("-") and
                       word not in ("schwab",))  # fmt: skip
        assert command in listed, words


@pytest.mark.parametrize(
    ("source", "shown"),
    [
        ("one sentence\nwrapped here.", "one sentence wrapped here."),
        ("para one.\n\npara two\ngoes on.", "para one.\n\npara two goes on."),
        ("a list:\n- first\n- second", "a list:\n- first\n- second"),
        ("kept:\n  indented line", "kept:\n  indented line"),
    ],
)
def test_joined_lines_keeps_paragraphs_and_lists(source, shown):
    assert joined_lines(source) == shown
