"""``Table``: records for one dataset, held column-wise and checked against its schema."""

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from trade_analyst.ports.datasets import Column, DatasetSchema
from trade_analyst.ports.errors import InvalidInput


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_date(value: object) -> bool:
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)


_CHECKS: dict[str, Callable[[object], bool]] = {
    "string": lambda value: isinstance(value, str),
    "float64": lambda value: isinstance(value, float),
    "int64": _is_int,
    "timestamp": _is_int,  # epoch milliseconds: exact, and what storage keeps
    "date": _is_date,
    "bool": lambda value: isinstance(value, bool),
}


def _normalise(column: Column, values: Sequence[object]) -> tuple[object, ...]:
    """The column as a tuple, ints widened to float for float64; bad values raise."""
    check = _CHECKS[column.kind]
    widen = column.kind == "float64"
    out: list[object] = []
    for row, value in enumerate(values):
        if value is None:
            if not column.nullable:
                raise InvalidInput(f"column {column.name!r} row {row} is null", _hint(column))
        elif widen and _is_int(value):
            value = float(value)  # type: ignore[arg-type]
        elif not check(value):
            raise InvalidInput(
                f"column {column.name!r} row {row}: {type(value).__name__} {value!r} is not "
                f"{column.kind}",
                _hint(column),
            )
        out.append(value)
    return tuple(out)


def _hint(column: Column) -> str:
    kind = "int milliseconds since the epoch" if column.kind == "timestamp" else column.kind
    nullable = ", or None" if column.nullable else ""
    return f"{column.name!r} holds {kind}{nullable}"


@attrs.frozen
class Table:
    """Rows of one dataset family as columns in schema order.

    Build with ``from_columns`` or ``from_rows``, which check every value against the schema
    (so a fake sink refuses exactly what a file sink would). Timestamps are int epoch
    milliseconds in UTC, dates are ``datetime.date``.
    """

    schema: DatasetSchema
    columns: tuple[tuple[object, ...], ...] = attrs.field()

    @columns.validator
    def _check_shape(self, _attribute: object, columns: tuple[tuple[object, ...], ...]) -> None:
        if len(columns) != len(self.schema.columns) or len({len(c) for c in columns}) > 1:
            raise InvalidInput(
                "a Table needs one column per schema column, all of equal length",
                "build tables with Table.from_columns or Table.from_rows",
            )

    @classmethod
    def from_columns(
        cls, schema: DatasetSchema, columns: Mapping[str, Sequence[object]]
    ) -> "Table":
        missing = [name for name in schema.names if name not in columns]
        extra = [name for name in columns if name not in schema.names]
        if missing or extra:
            raise InvalidInput(
                f"{schema.kind} table columns do not match: missing {missing}, unexpected {extra}",
                f"{schema.kind} columns are: {', '.join(schema.names)}",
            )
        lengths = {name: len(columns[name]) for name in schema.names}
        if len(set(lengths.values())) > 1:
            raise InvalidInput(f"columns have different lengths: {lengths}", "give equal lengths")
        return cls(schema, tuple(_normalise(c, columns[c.name]) for c in schema.columns))

    @classmethod
    def from_rows(cls, schema: DatasetSchema, rows: Iterable[Mapping[str, object]]) -> "Table":
        """Rows as mappings; a missing optional field is null, an unknown one an error."""
        records = list(rows)
        for row, record in enumerate(records):
            extra = set(record) - set(schema.names)
            if extra:
                raise InvalidInput(
                    f"row {row} has unknown fields {sorted(extra)}",
                    f"{schema.kind} columns are: {', '.join(schema.names)}",
                )
        columns = {name: [record.get(name) for record in records] for name in schema.names}
        return cls.from_columns(schema, columns)

    @classmethod
    def empty(cls, schema: DatasetSchema) -> "Table":
        return cls(schema, tuple(() for _ in schema.columns))

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def column(self, name: str) -> tuple[object, ...]:
        return self.columns[self.schema.names.index(name)]

    def rows(self) -> Iterator[dict[str, object]]:
        names = self.schema.names
        for values in zip(*self.columns, strict=True):
            yield dict(zip(names, values, strict=True))
