"""Command-line parameters that several commands share, each declared once with its help.

The parameter groups are flattened (``Parameter(name="*")``): their fields are plain
options such as ``--start``, exactly as if every command had declared them itself. How a
result is shown (``--columns``, ``--tz``) is in ``view_options``, which loads no domain
module: commands that need only those start faster.
"""

import datetime as dt
from collections.abc import Sequence
from typing import Annotated, Any

import attrs
from cyclopts import Parameter

from trade_analyst.domain.futures import Adjustment, Policy
from trade_analyst.ports import Interval, TradingSession, parse_interval

# --roll of the futures commands: how a root resolves to a contract (and its roll date).
Roll = Annotated[
    Policy | None,
    Parameter(
        help="Roll policy: auto (the root's roll convention) or expiry "
        "(default: futures.roll_policy from config)."
    ),
]


def _interval(_type: object, tokens: Sequence[Any]) -> Interval:
    """--interval in any case (``1D``, ``5M``), read by the ports' one parser."""
    return parse_interval(tokens[-1].value)


# --interval wherever bars are asked for: one of ports.INTERVALS, typed in any case.
IntervalOption = Annotated[Interval, Parameter(converter=_interval)]


@Parameter(name="*")
@attrs.frozen
class BarSelection:
    """Which bars to fetch (``ta history``, ``ta indicators``): a checked ``HistoryRequest``
    once the symbols are parsed and the roll policy is resolved.

    Parameters
    ----------
    symbols
        One or more symbols: AAPL, $SPX, /ES (continuous), /ESZ25 (one contract).
    start
        First date (YYYY-MM-DD).
    end
        Last date (YYYY-MM-DD), inclusive.
    interval
        Bar size.
    session
        Equities: regular (09:30-16:00 ET) or extended (04:00-20:00 ET) hours.
    roll
        Roll policy for futures roots (default: futures.roll_policy from config).
    adjust
        Back-adjust a continuous series at each roll: none, difference or ratio.
    """

    symbols: list[str]
    start: dt.date = attrs.field(kw_only=True)
    end: dt.date = attrs.field(kw_only=True)
    interval: IntervalOption = attrs.field(default="1d", kw_only=True)
    session: TradingSession = attrs.field(default="regular", kw_only=True)
    roll: Policy | None = attrs.field(default=None, kw_only=True)
    adjust: Adjustment = attrs.field(default="none", kw_only=True)


@Parameter(name="*")
@attrs.frozen(kw_only=True)
class DateRange:
    """A range of dates that defaults to the current year (calendars, roll schedules).

    Parameters
    ----------
    start
        First date (default: January 1 of this year).
    end
        Last date (default: December 31 of this year).
    """

    start: dt.date | None = None
    end: dt.date | None = None


# No --start and no --end: the current year (immutable, so a safe shared default).
THIS_YEAR = DateRange()
