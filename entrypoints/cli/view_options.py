"""How a command shows its result: ``--columns`` and ``--tz``, declared once with their help.

Apart from ``parameters`` (which needs the futures registry for ``--roll`` and bar
selections), so a command that takes only these options starts without loading it.
"""

from collections.abc import Sequence
from typing import Annotated, Any

from cyclopts import Parameter


def _zone_choice(_type: Any, tokens: Sequence[Any]) -> str:
    """--tz checked as it is parsed: an unknown zone is bad input before anything runs."""
    from trade_analyst.entrypoints.cli.timezones import check_zone_choice

    return check_zone_choice(tokens[0].value)


# --tz of every command that prints instants (one conversion place: cli.timezones).
TimeZone = Annotated[
    str | None,
    Parameter(
        name="--tz",
        converter=_zone_choice,
        help="Show times in utc, exchange (New York for stocks and options, Chicago for "
        "CME futures), local or an IANA zone such as Europe/London (default: exchange in "
        "tables, UTC in JSON and CSV; datasets always store UTC).",
    ),
]

# --columns of every command that prints a table.
Columns = Annotated[
    str | None,
    Parameter(
        name="--columns",
        help="Columns to show, comma-separated, or all (default: the most useful that fit "
        "the terminal). Also selects fields in JSON and CSV.",
    ),
]
