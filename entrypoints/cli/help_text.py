"""How ``--help`` reads: docstring text re-wrapped between words, and the examples of ``ta``.

Help is plain text (no Markdown renderer to import), and plain text keeps every line
break of a docstring: a sentence wrapped at 100 columns in the source would break there
again on a wide terminal, and mid-line on a narrow one. ``WrappedHelp`` joins each
paragraph's lines before the terminal wraps it, keeping blank lines between paragraphs
and lines that start a list (indented, or starting with ``-`` or ``*``).

Standard library only at import: the CLI builds this on every start; cyclopts' own
formatter, which does the drawing, is imported when help is shown.
"""

import re
from typing import Any

__all__ = ["EXAMPLES", "WrappedHelp", "joined_lines"]

EXAMPLES = """\
Examples (the mock provider needs no account):
  ta quotes AAPL MSFT /ES
  ta history AAPL /ES --start 2025-06-02 --end 2025-06-20 --interval 1D
  ta levels /ES --date 2025-06-20 --format levels.v1
  ta chart AAPL --date 2025-06-20 --sma 20 --open
  ta calendar sessions XNYS --start 2025-07-01 --end 2025-07-10
  ta trades sample --out samples
  ta --provider schwab auth login"""

# A line break inside a paragraph: not next to a blank line, and not before a line that
# starts a list item or is indented.
_SOFT_BREAK = re.compile(r"(?<=\S)[ \t]*\n(?![ \t\n*\-•])")


def joined_lines(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs turned into spaces."""
    return _SOFT_BREAK.sub(" ", text)


class WrappedHelp:
    """cyclopts' default help formatter, given descriptions whose paragraphs are one line."""

    def __init__(self) -> None:
        self._default: Any = None

    def _formatter(self) -> Any:
        if self._default is None:
            from cyclopts.help.formatters.default import DefaultFormatter

            self._default = DefaultFormatter()
        return self._default

    def __call__(self, console: Any, options: Any, panel: Any) -> None:
        import attrs

        entries = [
            attrs.evolve(entry, description=_joined(entry.description)) for entry in panel.entries
        ]
        self._formatter()(console, options, panel.copy(entries=entries))

    def render_usage(self, console: Any, options: Any, usage: Any) -> None:
        self._formatter().render_usage(console, options, usage)

    def render_description(self, console: Any, options: Any, description: Any) -> None:
        self._formatter().render_description(console, options, _joined(description))


def _joined(description: Any) -> Any:
    """A copy of a cyclopts ``InlineText`` whose plain text has its paragraphs joined;
    anything else as it is."""
    from rich.text import Text

    primary = getattr(description, "primary_renderable", None)
    if not isinstance(primary, Text):
        return description
    copy = type(description)(
        Text(joined_lines(primary.plain), style=primary.style, end=primary.end),
        force_empty_end=description.force_empty_end,
    )
    copy.texts = list(description.texts)
    return copy
