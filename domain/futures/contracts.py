"""Accepting contracts in any spelling and building them from (root, year, month)."""

from datetime import date

from trade_analyst.domain.errors import InvalidSymbol
from trade_analyst.domain.futures.specs import ContractSpec, contract_spec
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot, parse_symbol

ContractLike = FuturesContract | str
RootLike = FuturesRoot | str


def as_contract(value: ContractLike, *, today: date | None = None) -> FuturesContract:
    """A ``FuturesContract`` from a contract or any text form (``/ESZ25``, ``ESZ25``,
    ``/ESZ2025``; ``ESZ5`` needs ``today`` to pick the decade). The root must be registered."""
    if isinstance(value, FuturesContract):
        contract = value
    elif isinstance(value, str):
        parsed = parse_symbol(value, today=today)
        if not isinstance(parsed, FuturesContract):
            raise InvalidSymbol(
                f"{value!r} is not a futures contract; expected e.g. /ESZ25, ESZ25 or /ESZ2025"
            )
        contract = parsed
    else:
        raise InvalidSymbol(f"expected a FuturesContract or text like /ESZ25, got {value!r}")
    spec_of(contract)  # unknown roots fail here, naming the known ones
    return contract


def spec_of(contract: FuturesContract) -> ContractSpec:
    return contract_spec(contract.root)


def make(spec: ContractSpec, year: int, month: int) -> FuturesContract:
    return FuturesContract(root=spec.root, month=month, year=year)
