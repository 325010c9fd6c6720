"""``ta validate``: the domain's validation rules over stored datasets.

Rows come back as port tables; they are turned into domain models group by group (one bar
series per symbol and contract, one chain per underlying and snapshot) and checked with the
same rules every fetch applies. A finding's row is then traced back to the file and row it
was read from, after the findings about the files themselves.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable

import attrs

from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.models import BarSeries, OptionChain, OptionContract, Quote
from trade_analyst.domain.symbols import parse_symbol
from trade_analyst.domain.validation import (
    Finding,
    validate_option_chain,
    validate_quotes,
)
from trade_analyst.entrypoints.jobs.bar_rules import ValidateBars, validate_in_domain
from trade_analyst.entrypoints.jobs.windows import is_futures, session_check
from trade_analyst.ports import BarColumns, DatasetContent, Table, from_epoch_ms

# One stored row. Its values were checked against the dataset's schema when the table was
# built; the domain models' converters check them again as the rows become models.
Row = dict[str, object]


# The group of a finding about a stored file rather than about a group of rows.
FILES_GROUP = "files"
# A stored row whose values the domain's models refuse (an option right other than C or
# P...): a finding on that row, which is then left out of the rule checks.
INVALID_ROW = "file.invalid_row"
_REFUSED = (DomainError, TypeError, ValueError)


@attrs.frozen
class GroupFinding:
    """A finding with the dataset and group (symbol, contract) it belongs to, and the file
    (or folder) it was found in when known."""

    dataset: str
    group: str
    finding: Finding
    file: str | None = None


def validate_content(
    content: DatasetContent, validate: "ValidateBars" = validate_in_domain
) -> list[GroupFinding]:
    """What is wrong with the stored files, then the rule findings on their rows, each
    naming the file and row it was read from."""
    found = [
        GroupFinding(content.dataset, FILES_GROUP, problem.finding, problem.file)
        for problem in content.problems
    ]
    if content.table is not None:
        found.extend(
            _traced(item, content)
            for item in validate_table(content.dataset, content.table, validate)
        )
    return found


def _traced(item: GroupFinding, content: DatasetContent) -> GroupFinding:
    row = item.finding.row
    if row is None or not content.origins:
        return attrs.evolve(item, file=content.source)
    file, file_row = content.origins[row]
    return attrs.evolve(item, file=file, finding=attrs.evolve(item.finding, row=file_row))


def validate_table(
    dataset: str, table: Table, validate: "ValidateBars" = validate_in_domain
) -> list[GroupFinding]:
    """Findings for every group of rows in ``table``; a finding's row is its position in
    ``table`` (each group is checked in its own order, then mapped back)."""
    kind = table.schema.kind
    if kind == "bars":
        return _bars(dataset, table, validate)
    if kind == "quotes":
        return _quotes(dataset, table)
    if kind == "option_chains":
        return _chains(dataset, table)
    return []  # derived datasets (iv_history) have no market-data rules of their own


def _bars(dataset: str, table: Table, validate: "ValidateBars") -> list[GroupFinding]:
    interval = dataset.removeprefix("bars_") if dataset.startswith("bars_") else None
    groups: dict[tuple[str, str | None], list[tuple[int, Row]]] = defaultdict(list)
    for index, row in enumerate(table.rows()):
        groups[(str(row["symbol"]), _optional_str(row["contract"]))].append((index, row))
    out: list[GroupFinding] = []
    for (symbol, contract), indexed in groups.items():
        indexed.sort(key=lambda item: _millis(item[1]["timestamp"]))
        indices = [index for index, _ in indexed]
        rows = [row for _, row in indexed]
        label = f"{symbol} ({contract})" if contract else symbol
        try:
            series = BarSeries(
                symbol,
                interval or "unknown",
                [from_epoch_ms(_millis(r["timestamp"])) for r in rows],
                [r["open"] for r in rows],
                [r["high"] for r in rows],
                [r["low"] for r in rows],
                [r["close"] for r in rows],
                [r["volume"] for r in rows],
            )
        except _REFUSED as error:
            out.append(_refused(dataset, label, None, error))
            continue
        check, negative = _rules_for(contract or symbol, interval)
        bars = BarColumns.from_series(series)
        for finding in validate(bars, is_open_at=check, allow_negative=negative):
            out.append(GroupFinding(dataset, label, _in_table(finding, indices)))
    return out


def _rules_for(
    symbol_text: str, interval: str | None
) -> tuple[Callable[[dt.datetime], bool] | None, bool]:
    """The session predicate and whether negative prices are legal for a stored symbol."""
    try:
        symbol = parse_symbol(symbol_text, today=dt.date(2000, 1, 1))
    except DomainError:
        return None, False
    if interval is None:
        return None, is_futures(symbol)
    try:
        # Stored bars may come from any provider: read daily stamps the way that accepts
        # both a session-open stamp and a midnight one.
        check = session_check(symbol, interval, "extended", daily_bar_zone=None)
        return check, is_futures(symbol)
    except DomainError:
        return None, is_futures(symbol)


def _quotes(dataset: str, table: Table) -> list[GroupFinding]:
    fields = {field.name for field in attrs.fields(Quote)}
    quotes = []
    indices = []
    out: list[GroupFinding] = []
    for index, row in enumerate(table.rows()):
        values = {k: v for k, v in row.items() if k in fields}
        for stamp in ("quote_time", "trade_time"):
            if values.get(stamp) is not None:
                values[stamp] = from_epoch_ms(_millis(values[stamp]))
        try:
            # Row values are plain objects to the type checker; Quote checks each one.
            quotes.append(Quote(**values))  # type: ignore[arg-type]
        except _REFUSED as error:
            out.append(_refused(dataset, "quotes", index, error))
            continue
        indices.append(index)
    out.extend(
        GroupFinding(dataset, "quotes", _in_table(f, indices)) for f in validate_quotes(quotes)
    )
    return out


def _chains(dataset: str, table: Table) -> list[GroupFinding]:
    groups: dict[tuple[str, int], list[tuple[int, Row]]] = defaultdict(list)
    for index, row in enumerate(table.rows()):
        groups[(str(row["symbol"]), _millis(row["as_of"]))].append((index, row))
    out: list[GroupFinding] = []
    fields = {field.name for field in attrs.fields(OptionContract)} - {"symbol", "underlying"}
    for (underlying, as_of), indexed in groups.items():
        label = f"{underlying} @ {from_epoch_ms(as_of).isoformat()}"
        indices = []
        contracts = []
        for index, r in indexed:
            try:
                # Row values are plain objects to the type checker; OptionContract checks each.
                contracts.append(
                    OptionContract(
                        **{k: v for k, v in r.items() if k in fields},  # type: ignore[arg-type]
                        symbol=r["contract"],  # type: ignore[arg-type]
                        underlying=underlying,
                    )
                )
            except _REFUSED as error:
                out.append(_refused(dataset, label, index, error))
                continue
            indices.append(index)
        try:
            chain = OptionChain(underlying, indexed[0][1]["underlying_price"], contracts)
        except _REFUSED as error:
            out.append(_refused(dataset, label, None, error))
            continue
        day = from_epoch_ms(as_of).date()
        out.extend(
            GroupFinding(dataset, label, _in_table(f, indices))
            for f in validate_option_chain(chain, on=day)
        )
    return out


def _refused(dataset: str, group: str, row: int | None, error: Exception) -> GroupFinding:
    message = f"a stored row the domain refuses: {error}"
    return GroupFinding(dataset, group, Finding(INVALID_ROW, "error", row, message))


def _in_table(finding: Finding, indices: list[int]) -> Finding:
    """A group's finding with its row as a position in the table the group came from."""
    if finding.row is None:
        return finding
    return attrs.evolve(finding, row=indices[finding.row])


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _millis(value: object) -> int:
    """A stored timestamp: int epoch milliseconds, as every timestamp column holds."""
    if not isinstance(value, int):
        raise TypeError(f"expected epoch milliseconds, got {type(value).__name__}")
    return value
