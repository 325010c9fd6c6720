"""Render command results: JSON, CSV or a table, always to stdout and nothing else.

Records are plain dicts of str/int/float/bool/None/date/datetime. JSON uses snake_case
keys, RFC 3339 UTC timestamps ending in ``Z`` and ISO dates.
"""

import csv
import datetime as dt
import io
import json
import sys
from collections.abc import Mapping, Sequence
from typing import TextIO

from trade_analyst.entrypoints.cli.errors import ERROR_CODES, CliError

# Values are the scalars the module docstring names; ``object`` because commands build
# records from heterogeneous dict literals.
Record = Mapping[str, object]


def resolve_format(requested: str | None, configured: str, stdout: TextIO) -> str:
    """Pick the output format: the flag, else config; ``auto`` means table on a TTY."""
    choice = requested or configured
    if choice == "auto":
        return "table" if stdout.isatty() else "json"
    return choice


def to_json_value(value: object) -> object:
    """Convert dates and datetimes to their wire form; leave JSON scalars alone."""
    if isinstance(value, dt.datetime):
        if value.tzinfo is None:
            raise ValueError(f"naive datetime in output: {value!r}")
        utc = value.astimezone(dt.UTC)
        text = utc.isoformat(timespec="seconds" if utc.microsecond == 0 else "milliseconds")
        return text.replace("+00:00", "Z")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def render(records: Sequence[Record], fmt: str, *, single: bool = False) -> str:
    """Render records in ``fmt``; ``single`` prints one JSON object instead of an array."""
    rows = [{key: to_json_value(value) for key, value in record.items()} for record in records]
    if fmt == "json":
        payload: object = rows[0] if single and rows else rows
        return json.dumps(payload, indent=2 if single else None) + "\n"
    if fmt == "csv":
        return _render_csv(rows)
    if fmt == "jsonl":
        return "".join(json.dumps(row) + "\n" for row in rows)
    if fmt == "parquet":
        raise CliError("parquet output is for datasets", "add --out DIR to write a Parquet dataset")
    return _render_table(rows)


def emit(
    records: Sequence[Record], fmt: str, *, single: bool = False, out: TextIO | None = None
) -> None:
    """Write rendered records to stdout."""
    (out or sys.stdout).write(render(records, fmt, single=single))


def _render_csv(rows: list[dict[str, object]]) -> str:
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def _render_table(rows: list[dict[str, object]]) -> str:
    # rich arrives with cyclopts anyway; imported here so JSON runs never pay for it.
    from rich.console import Console
    from rich.table import Table

    if not rows:
        return "(no rows)\n"
    table = Table(show_edge=False, header_style="bold")
    for column in rows[0]:
        table.add_column(column)
    for row in rows:
        table.add_row(*("" if value is None else str(value) for value in row.values()))
    buffer = io.StringIO()
    Console(file=buffer, width=200, force_terminal=False, color_system=None).print(table)
    return buffer.getvalue()


def report_error(message: str, hint: str, exit_code: int, fmt: str | None, err: TextIO) -> None:
    """Print ``error:``/``hint:`` lines on stderr (plus a JSON envelope with --format json)."""
    err.write(f"error: {message}\nhint: {hint}\n")
    if fmt == "json":
        code = ERROR_CODES.get(exit_code, "E-INTERNAL")
        envelope = {"error": {"code": code, "message": message, "hint": hint}}
        err.write(json.dumps(envelope) + "\n")
