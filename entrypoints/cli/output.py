"""Render command results: JSON, CSV or a table, always to stdout and nothing else.

Records are plain dicts of str/int/float/bool/None/date/datetime. JSON uses snake_case
keys, RFC 3339 UTC timestamps ending in ``Z`` (another zone's offset with ``--tz``) and
ISO dates. Tables are for people: they fit the terminal, round numbers and show exchange
time (see ``table_view``); the data formats carry every value as computed.
"""

import csv
import datetime as dt
import io
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, TextIO

from trade_analyst.entrypoints.cli.errors import ERROR_CODES, CliError
from trade_analyst.entrypoints.cli.timezones import in_zone, shown_zone

if TYPE_CHECKING:
    from trade_analyst.entrypoints.cli.table_view import View

# Values are the scalars the module docstring names; ``object`` because commands build
# records from heterogeneous dict literals.
Record = Mapping[str, object]


def resolve_format(requested: str | None, configured: str, stdout: TextIO) -> str:
    """Pick the output format: the flag, else config; ``auto`` means table on a TTY."""
    choice = requested or configured
    if choice == "auto":
        return "table" if stdout.isatty() else "json"
    return choice


def to_json_value(value: object, zone: dt.tzinfo | None = dt.UTC) -> object:
    """Convert dates and datetimes (shown in ``zone``; ``None``: local) to their wire form;
    leave JSON scalars alone."""
    if isinstance(value, dt.datetime):
        shown = in_zone(value, zone)
        text = shown.isoformat(timespec="seconds" if shown.microsecond == 0 else "milliseconds")
        return text.replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def render(
    records: Sequence[Record],
    fmt: str,
    *,
    single: bool = False,
    view: "View | None" = None,
    width: int | None = None,
    color: bool = False,
) -> str:
    """Render records in ``fmt``; ``single`` prints one JSON object instead of an array.

    ``view`` says which columns a table shows first, and the --columns and --tz asked;
    a table is at most ``width`` characters wide (``None``: no limit), coloured if ``color``.
    """
    if fmt not in ("json", "csv", "jsonl", "parquet"):
        from trade_analyst.entrypoints.cli.table_view import PLAIN, render_table

        return render_table(records, view or PLAIN, width=width, color=color)
    rows = _data_rows(records, view)
    if fmt == "json":
        payload: object = rows[0] if single and rows else rows
        return json.dumps(payload, indent=2 if single else None) + "\n"
    if fmt == "csv":
        return _render_csv(rows)
    if fmt == "jsonl":
        return "".join(json.dumps(row) + "\n" for row in rows)
    raise CliError("parquet output is for datasets", "add --out DIR to write a Parquet dataset")


def _data_rows(records: Sequence[Record], view: "View | None") -> list[dict[str, object]]:
    """Records in their wire form: the --columns asked (default all), instants in UTC
    or the --tz asked."""
    if view is None or (view.columns is None and view.tz is None):
        return [{key: to_json_value(value) for key, value in record.items()} for record in records]
    from trade_analyst.entrypoints.cli.table_view import chosen_columns

    names = chosen_columns(view, list(records[0])) if records else None
    rows = []
    for record in records:
        zone = dt.UTC if view.tz is None else shown_zone(view.tz, view.exchange_zone(record))
        fields = names if names is not None else list(record)
        rows.append({key: to_json_value(record.get(key), zone) for key in fields})
    return rows


def emit(
    records: Sequence[Record],
    fmt: str,
    *,
    single: bool = False,
    out: TextIO | None = None,
    view: "View | None" = None,
) -> None:
    """Write rendered records to stdout; a table fits the terminal stdout is."""
    stream = out or sys.stdout
    width = table_width(stream) if fmt == "table" else None
    color = fmt == "table" and colour_wanted(stream)
    stream.write(render(records, fmt, single=single, view=view, width=width, color=color))


def table_width(stream: TextIO) -> int | None:
    """The width tables must fit: ``COLUMNS`` if set, else the terminal's; ``None`` (no
    limit) when writing to a file or pipe."""
    columns = os.environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(stream.fileno()).columns if stream.isatty() else None
    except (OSError, ValueError, io.UnsupportedOperation):
        return None


def colour_wanted(stream: TextIO) -> bool:
    """Up/down colour on a terminal, never with ``NO_COLOR`` set or ``TERM=dumb``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def _render_csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def report_error(message: str, hint: str, exit_code: int, fmt: str | None, err: TextIO) -> None:
    """Print ``error:``/``hint:`` lines on stderr (plus a JSON envelope with --format json)."""
    err.write(f"error: {message}\nhint: {hint}\n")
    if fmt == "json":
        code = ERROR_CODES.get(exit_code, "E-INTERNAL")
        envelope = {"error": {"code": code, "message": message, "hint": hint}}
        err.write(json.dumps(envelope) + "\n")
