"""Tables that fit the terminal: which columns a command shows first, and the layout.

A command names its table's columns most useful first, in the order a reader expects them
(``View.priority``); the table shows the most useful of them that fit the width together.
Rows never wrap: a column is dropped instead, and only free text (names, messages) is
shortened, with an ellipsis; numbers, dates and times are always shown whole.
``--columns a,b,c`` or ``--columns all`` choose instead, whatever the width.
"""

import datetime as dt
import textwrap
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from trade_analyst.entrypoints.cli.display import (
    CHANGE_FIELDS,
    instant_text,
    number_text,
    precision_of,
)
from trade_analyst.entrypoints.cli.errors import usage_error
from trade_analyst.entrypoints.cli.timezones import EXCHANGE, exchange_zone, in_zone, shown_zone

if TYPE_CHECKING:
    # rich arrives with cyclopts anyway; imported where used so JSON runs never pay for it.
    from rich.table import Table

Record = Mapping[str, object]
ALL = "all"
# Free text is shortened to no less than this before a column is dropped for it.
TEXT_MIN_WIDTH = 12
# Fields holding free text (names, messages, rules), the only cells ever shortened.
FREE_TEXT_FIELDS = frozenset({
    "description", "name", "product_name", "message", "detail", "file", "notes", "value",
    "last_trade_rule", "first_notice_rule", "session_window", "vwap_unavailable_reason",
})  # fmt: skip
# Each column has a space either side, and a rule between two columns.
PADDING, RULE = 2, 1


@attrs.frozen
class View:
    """How a command's records are shown.

    ``priority``: table columns, most useful first (empty: every field, in order).
    ``columns``: ``--columns`` as typed (``None``: fit ``priority`` to the width).
    ``tz``: ``--tz`` as checked (``None``: exchange time in tables, UTC in data formats).
    ``zone``: the exchange zone of a record, or one zone for all (``None``: from the
    instrument the record names). ``notes``: a field printed under the table, one line
    per note, labelled by the ``label`` fields, instead of in a cell. ``one_per_line``:
    each field of each record on its own line (``field``, ``value``), as a single record
    too wide for the terminal is also shown.
    """

    priority: tuple[str, ...] = ()
    columns: str | None = None
    tz: str | None = None
    zone: dt.tzinfo | Callable[[Record], dt.tzinfo] | None = None
    notes: str | None = None
    label: tuple[str, ...] = ()
    one_per_line: bool = False

    def exchange_zone(self, record: Record) -> dt.tzinfo:
        if self.zone is None:
            return exchange_zone(record)
        if isinstance(self.zone, dt.tzinfo):
            return self.zone
        return self.zone(record)


PLAIN = View()


def chosen_columns(view: View, names: Sequence[str]) -> list[str] | None:
    """The fields ``--columns`` asks for (``None``: not given); exit 2 on an unknown one."""
    if view.columns is None:
        return None
    asked = [name.strip() for name in view.columns.split(",") if name.strip()]
    if asked == [ALL]:
        return list(names)
    unknown = [name for name in asked if name not in names]
    if unknown or not asked:
        raise usage_error(
            f"unknown column(s): {', '.join(unknown) or repr(view.columns)}",
            f"--columns takes 'all' or a comma-separated list of: {', '.join(names)}",
        )
    return list(dict.fromkeys(asked))


def render_table(records: Sequence[Record], view: View, *, width: int | None, color: bool) -> str:
    """``records`` as a table at most ``width`` characters wide (``None``: no limit),
    coloured up/down when ``color``; notes, if any, below it."""
    if not records:
        return "(no rows)\n"
    from rich.cells import cell_len  # the columns a text takes on screen (wide characters)

    names = list(records[0])
    explicit = chosen_columns(view, names)
    candidates = explicit if explicit is not None else _default_columns(view, names)
    cells = {name: _cells(records, name, view) for name in candidates}
    widths = {name: max(len(name), *map(cell_len, cells[name])) for name in candidates}
    text_columns = {name for name in candidates if name in FREE_TEXT_FIELDS}
    shown = candidates
    if explicit is None and width is not None:
        shown = _fit(candidates, view, widths, text_columns, width)
        widths = _share(shown, widths, text_columns, width)
    if view.one_per_line or (len(records) == 1 and len(shown) < len(candidates)):
        shown = candidates
        body = _draw_fields(records, shown, cells, width, color)
    else:
        body = _draw(records, shown, cells, widths, color)
    below = view.notes is not None and view.notes not in shown  # unless asked for as a column
    return body + (_notes(records, view, width) if below else "")


def _default_columns(view: View, names: list[str]) -> list[str]:
    wanted = [name for name in view.priority if name in names] if view.priority else names
    return [name for name in wanted if name != view.notes]


def _cells(records: Sequence[Record], name: str, view: View) -> list[str]:
    """The text of column ``name`` in every record."""
    values = [record.get(name) for record in records]
    instants = [
        in_zone(value, shown_zone(view.tz or EXCHANGE, view.exchange_zone(record)))
        for record, value in zip(records, values, strict=True)
        if isinstance(value, dt.datetime)
    ]
    precision = precision_of(instants)
    shown_instants = iter(instants)
    texts: list[str] = []
    for record, value in zip(records, values, strict=True):
        if value is None:
            texts.append("")
        elif isinstance(value, dt.datetime):
            texts.append(instant_text(next(shown_instants), precision))
        elif isinstance(value, dt.date):
            texts.append(value.isoformat())
        elif isinstance(value, bool):
            texts.append(str(value))
        elif isinstance(value, float):
            texts.append(number_text(name, value, record))
        else:
            texts.append(str(value))
    return texts


def _is_numeric(records: Sequence[Record], name: str) -> bool:
    values = [record.get(name) for record in records if record.get(name) is not None]
    return bool(values) and all(
        isinstance(v, int | float) and not isinstance(v, bool) for v in values
    )


def _least_width(name: str, widths: Mapping[str, int], text_columns: set[str]) -> int:
    if name in text_columns:
        return min(widths[name], max(len(name), TEXT_MIN_WIDTH))
    return widths[name]


def _total(columns: Sequence[str], widths: Mapping[str, int]) -> int:
    return sum(widths[name] + PADDING for name in columns) + RULE * (len(columns) - 1)


def _fit(
    candidates: list[str],
    view: View,
    widths: Mapping[str, int],
    text_columns: set[str],
    width: int,
) -> list[str]:
    """The most useful columns that fit ``width`` together (free text shortened), taken in
    priority order (a column too wide for what is left gives way to narrower, less useful
    ones), in that order; the most useful one always."""
    least = {name: _least_width(name, widths, text_columns) for name in candidates}
    rank = {name: index for index, name in enumerate(view.priority)}
    by_use = sorted(candidates, key=lambda name: rank.get(name, len(rank)))  # stable
    chosen = {by_use[0]}
    for name in by_use[1:]:
        if _total([*chosen, name], least) <= width:
            chosen.add(name)
    return [name for name in candidates if name in chosen]


def _share(
    shown: list[str], widths: Mapping[str, int], text_columns: set[str], width: int
) -> dict[str, int]:
    """Widths for ``shown``: free text shortened just enough for the table to fit."""
    result = {name: widths[name] for name in shown}
    for name in reversed(shown):  # the rightmost text gives way first
        excess = _total(shown, result) - width
        if excess <= 0:
            break
        if name in text_columns:
            result[name] = max(_least_width(name, widths, text_columns), result[name] - excess)
    if _total(shown, result) > width and len(shown) == 1:  # one column wider than the screen
        result[shown[0]] = max(1, width - PADDING)
    return result


def _draw(
    records: Sequence[Record],
    shown: list[str],
    cells: Mapping[str, list[str]],
    widths: Mapping[str, int],
    color: bool,
) -> str:
    from rich.text import Text

    table = _table()
    for name in shown:
        table.add_column(
            name,
            width=widths[name],
            no_wrap=True,
            overflow="ellipsis",
            justify="right" if _is_numeric(records, name) else "left",
        )
    for row, record in enumerate(records):
        table.add_row(
            *(Text(cells[name][row], style=_style(name, record.get(name), color)) for name in shown)
        )
    return _print(table, _total(shown, widths), color)


def _draw_fields(
    records: Sequence[Record],
    shown: list[str],
    cells: Mapping[str, list[str]],
    width: int | None,
    color: bool,
) -> str:
    """Each field on its own line: ``field``, then the value, wrapped between words when
    longer than the width leaves (a long rule or note, never a number)."""
    from rich.cells import cell_len
    from rich.text import Text

    rows = [
        {"field": name, "value": cells[name][row], "style": _style(name, record.get(name), color)}
        for row, record in enumerate(records)
        for name in shown
    ]
    names = max(len("field"), *(len(name) for name in shown))
    values = max(len("value"), *(cell_len(str(row["value"])) for row in rows))
    if width is not None:
        values = max(TEXT_MIN_WIDTH, min(values, width - names - 2 * PADDING - RULE))
    table = _table()
    table.add_column("field", width=names, no_wrap=True)
    table.add_column("value", width=values, overflow="fold")
    for row in rows:
        table.add_row(str(row["field"]), Text(str(row["value"]), style=str(row["style"])))
    return _print(table, names + values + 2 * PADDING + RULE, color)


def _style(name: str, value: object, color: bool) -> str:
    """Green up, red down, for the change columns on a colour terminal."""
    if color and name in CHANGE_FIELDS and isinstance(value, int | float) and value:
        return "green" if value > 0 else "red"
    return ""


def _table() -> "Table":
    from rich.table import Table

    return Table(show_edge=False, header_style="bold")


def _print(table: "Table", width: int, color: bool) -> str:
    import io

    from rich.console import Console

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        force_terminal=color,
        color_system="standard" if color else None,
        no_color=not color,
        highlight=False,
    )
    console.print(table)
    return buffer.getvalue()


def _notes(records: Sequence[Record], view: View, width: int | None) -> str:
    """The ``notes`` field of every record, one note a line, wrapped between words."""
    if view.notes is None:
        return ""
    lines: list[str] = []
    for record in records:
        text = record.get(view.notes)
        if not isinstance(text, str) or not text:
            continue
        label = " ".join(_label_part(record.get(field)) for field in view.label).strip()
        for note in text.split("; "):
            lines.append(
                textwrap.fill(
                    f"{label}: {note}" if label else note,
                    width=width or 10_000,
                    initial_indent="- ",
                    subsequent_indent="  ",
                    break_on_hyphens=False,
                )
            )
    return "\nnotes:\n" + "\n".join(lines) + "\n" if lines else ""


def _label_part(value: object) -> str:
    if value is None:
        return ""
    return value.isoformat() if isinstance(value, dt.date) else str(value)
