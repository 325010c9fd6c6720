"""``ta validate PATH``: check stored datasets with the domain's rules; exit 6 on errors."""

from pathlib import Path

from trade_analyst.entrypoints.cli.context import Context
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.cli.table_view import View
from trade_analyst.entrypoints.cli.view_options import Columns

# Table columns, most useful first.
FINDING_TABLE = ("severity", "rule", "message", "file", "row", "field", "dataset", "group")


def validate(path: Path, *, columns: Columns = None, context: Context) -> int:
    """Validate a dataset file, a dataset folder or a whole output folder.

    Each file is read on its own: a damaged file, rows in the wrong symbol or year
    folder, a key stored twice, missing provenance or a temp leftover is a finding naming
    the file, as are the market-data rules' findings on the rows. Prints one record per
    finding (dataset, group, file, severity, rule, row, field, message) and a summary on
    stderr. Exits 6 when any finding is an error.

    Parameters
    ----------
    path
        A .parquet/.csv/.jsonl file, a dataset folder (data/bars_1d) or an output folder.
    """
    from trade_analyst.domain.validation import summarize
    from trade_analyst.entrypoints.bootstrap import build_bar_validator, build_dataset_reader
    from trade_analyst.entrypoints.jobs.validate_data import validate_content
    from trade_analyst.ports import DataValidationFailed

    contents = build_dataset_reader().read_path(path)
    check_bars = build_bar_validator()
    found = [item for content in contents for item in validate_content(content, check_bars)]
    rows = [
        {
            "dataset": item.dataset,
            "group": item.group,
            "file": item.file,
            "severity": item.finding.severity,
            "rule": item.finding.rule_id,
            "row": item.finding.row,
            "field": item.finding.field,
            "message": item.finding.message,
        }
        for item in found
    ]
    fmt = context.output_format if context.output_format != "parquet" else "json"
    emit(rows, fmt, view=View(FINDING_TABLE, columns=columns))
    counts = summarize([item.finding for item in found])
    checked = ", ".join(
        f"{c.dataset} ({len(c.table) if c.table is not None else 0} rows)" for c in contents
    )
    context.note(
        f"checked {checked}: {counts['error']} errors, {counts['warning']} warnings, "
        f"{counts['info']} info"
    )
    if counts["error"]:
        raise DataValidationFailed(
            f"{counts['error']} error finding(s) in {path}",
            "the records above name each file, rule and row",
            errors=counts["error"],
        )
    return 0
