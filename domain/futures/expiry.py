"""Last trade dates and times, first notice dates: the registry's rules applied to contracts."""

import functools
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from trade_analyst.domain.futures.contracts import ContractLike, as_contract
from trade_analyst.domain.futures.specs import contract_spec


@functools.lru_cache(maxsize=65536)
def ltd_of(root: str, year: int, month: int) -> date:
    """Cached: front-month and roll-schedule scans ask for the same contracts many times."""
    return contract_spec(root).last_trade.date_for(year, month)


@functools.lru_cache(maxsize=65536)
def fnd_of(root: str, year: int, month: int) -> date | None:
    rule = contract_spec(root).first_notice
    return None if rule is None else rule.date_for(year, month)


def last_trade_date(contract: ContractLike) -> date:
    """The last day the contract trades (for VX: its final settlement date)."""
    c = as_contract(contract)
    return ltd_of(c.root, c.year, c.month)


def last_trade_time(contract: ContractLike) -> datetime | None:
    """When trading stops on the last trade date, as an aware UTC datetime.

    ``None`` when the registry does not know the local stop time for the root.
    The local time is fixed in the exchange's zone, so the UTC result moves with DST.
    """
    c = as_contract(contract)
    spec = contract_spec(c.root)
    if spec.last_trade_time is None:
        return None
    local = datetime.combine(
        ltd_of(c.root, c.year, c.month), spec.last_trade_time, tzinfo=ZoneInfo(spec.time_zone)
    )
    return local.astimezone(UTC)


def first_notice_date(contract: ContractLike) -> date | None:
    """First notice day of a physically delivered contract with a notice period, else ``None``."""
    c = as_contract(contract)
    return fnd_of(c.root, c.year, c.month)
