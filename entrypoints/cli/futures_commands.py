"""``ta futures ...``: contract specs, last trade dates, front month and roll schedules."""

import datetime as dt
from typing import TYPE_CHECKING, Annotated

from cyclopts import App, Parameter

from trade_analyst.domain.futures import Policy
from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.errors import usage_error
from trade_analyst.entrypoints.cli.inputs import date_window, domain_failure, today
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.cli.parameters import THIS_YEAR, DateRange, Roll
from trade_analyst.entrypoints.cli.table_view import View
from trade_analyst.entrypoints.cli.view_options import Columns, TimeZone

if TYPE_CHECKING:
    from trade_analyst.domain.futures import ContractSpec
    from trade_analyst.domain.symbols import FuturesContract

futures_app = App(name="futures", help="Futures contracts: specs, expiries, front month, rolls.")

OnDate = Annotated[
    dt.date | None, Parameter(help="The date to ask about (default: today in New York).")
]
Root = Annotated[str, Parameter(help="A futures root such as /ES or CL.")]
ROOT_HINT = "roots are written /ES or ES; 'ta futures roots' lists every known root"
# Table columns, most useful first.
SPEC_TABLE = ("root", "name", "exchange", "tick_size", "multiplier", "cycle", "roll_cycle",
              "settlement", "group", "session", "last_trade_rule", "first_notice_rule")  # fmt: skip
CONTRACT_TABLE = ("contract", "last_trade_date", "last_trade_time", "roll_date",
                  "first_notice_date", "root", "month", "year")  # fmt: skip
CONTRACT_HINT = "contracts are written /ESZ25, ESZ25, ESZ5 or /ESZ2025 (root, month code, year)"


def _spec(root: str) -> "ContractSpec":
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.futures import contract_spec

    try:
        return contract_spec(root.strip().lstrip("/"))
    except DomainError as exc:
        raise domain_failure(exc, ROOT_HINT) from exc


def _contract(text: str) -> "FuturesContract":
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.symbols import FuturesContract, parse_symbol

    try:
        symbol = parse_symbol(text, today=today())
    except DomainError as exc:
        raise domain_failure(exc, CONTRACT_HINT) from exc
    if not isinstance(symbol, FuturesContract):
        raise usage_error(f"{text!r} is not a futures contract", CONTRACT_HINT)
    _spec(symbol.root)  # an unknown root is a usage error, not an empty answer
    return symbol


def _policy(requested: Policy | None, context: CliContext) -> str:
    return requested or context.settings.roll_policy


def _spec_record(spec: "ContractSpec") -> dict[str, object]:
    return {
        "root": f"/{spec.root}",
        "name": spec.name,
        "exchange": spec.exchange,
        "group": spec.product_group,
        "cycle": spec.listing_cycle,
        "roll_cycle": spec.roll_cycle,
        "settlement": spec.settlement,
        "tick_size": spec.tick_size,
        "multiplier": spec.multiplier,
        "session": spec.session_template,
    }


def _contract_record(contract: "FuturesContract", policy: str) -> dict[str, object]:
    from trade_analyst.domain.futures import (
        first_notice_date,
        last_trade_date,
        last_trade_time,
        roll_date,
    )

    return {
        "contract": str(contract),
        "root": contract.root,
        "month": contract.month,
        "year": contract.year,
        "last_trade_date": last_trade_date(contract),
        "last_trade_time": last_trade_time(contract),
        "first_notice_date": first_notice_date(contract),
        "roll_date": roll_date(contract, policy),
    }


@futures_app.command
def roots(*, columns: Columns = None, context: Context) -> int:
    """Every futures root the domain knows, with its exchange and contract terms."""
    from trade_analyst.domain.futures import all_roots, contract_spec

    records = [_spec_record(contract_spec(root)) for root in all_roots()]
    emit(records, context.output_format, view=View(SPEC_TABLE, columns=columns))
    return 0


@futures_app.command
def info(root: Root, *, columns: Columns = None, context: Context) -> int:
    """The contract specification of one root."""
    spec = _spec(root)
    record = _spec_record(spec)
    record["last_trade_rule"] = spec.last_trade_rule_text
    record["first_notice_rule"] = spec.first_notice_rule_text
    emit([record], context.output_format, view=View(SPEC_TABLE, columns=columns))
    return 0


@futures_app.command
def expiry(
    contracts: list[str],
    *,
    roll: Roll = None,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """Last trade date and time, first notice date and roll date of contracts.

    Parameters
    ----------
    contracts
        One or more contracts: /ESZ25, ESZ25, ESZ5 or /ESZ2025.
    """
    policy = _policy(roll, context)
    rows = [_contract_record(_contract(text), policy) for text in contracts]
    emit(rows, context.output_format, view=View(CONTRACT_TABLE, columns=columns, tz=tz))
    return 0


@futures_app.command
def front(
    root: Root, *, on: OnDate = None, roll: Roll = None, columns: Columns = None, context: Context
) -> int:
    """The front contract of a root on a date under a roll policy."""
    from trade_analyst.domain.futures import front_month, last_trade_date, roll_date

    spec = _spec(root)
    policy = _policy(roll, context)
    day = on or today()
    contract = front_month(spec.root, day, policy)
    row = {
        "root": f"/{spec.root}",
        "on": day,
        "contract": str(contract),
        "last_trade_date": last_trade_date(contract),
        "roll_date": roll_date(contract, policy),
        "policy": policy,
    }
    emit([row], context.output_format, single=True, view=View(columns=columns))
    return 0


@futures_app.command
def chain(
    root: Root,
    *,
    on: OnDate = None,
    count: Annotated[int, Parameter(help="How many contracts to list.")] = 6,
    roll: Roll = None,
    columns: Columns = None,
    tz: TimeZone = None,
    context: Context,
) -> int:
    """The contracts listed on a date, nearest first."""
    from trade_analyst.domain.futures import listed_contracts

    if count < 1:
        raise usage_error(f"--count must be at least 1, got {count}", "try --count 6")
    spec = _spec(root)
    policy = _policy(roll, context)
    contracts = listed_contracts(spec.root, on or today())[:count]
    records = [_contract_record(contract, policy) for contract in contracts]
    emit(records, context.output_format, view=View(CONTRACT_TABLE, columns=columns, tz=tz))
    return 0


@futures_app.command
def rolls(
    root: Root,
    *,
    dates: DateRange = THIS_YEAR,
    roll: Roll = None,
    columns: Columns = None,
    context: Context,
) -> int:
    """The roll schedule of a root: on each date the front moves to the next contract."""
    from trade_analyst.domain.errors import DomainError
    from trade_analyst.domain.futures import roll_schedule

    spec = _spec(root)
    policy = _policy(roll, context)
    first, last = date_window(dates.start, dates.end, default_year=today().year)
    try:
        schedule = roll_schedule(spec.root, first, last, policy)
    except DomainError as exc:
        raise domain_failure(exc, "dates must lie in 1990-01-01..2060-12-31") from exc
    rows = [
        {"date": r.date, "from_contract": str(r.from_contract), "to_contract": str(r.to_contract)}
        for r in schedule
    ]
    emit(rows, context.output_format, view=View(columns=columns))
    return 0
