"""Turning the text a caller asked for into what the mock knows how to simulate.

Symbols are parsed by the domain; the mock then only knows its built-in universe (stocks,
ETFs, indices, forex majors) plus every futures root in the domain registry, so a
well-formed but unknown ticker is reported as unknown, as a real provider would.
"""

import datetime as dt

import attrs

from trade_analyst.adapters.mock.universe import (
    FOREX,
    INDICES,
    STOCKS,
    Listing,
    find_listing,
    futures_level,
)
from trade_analyst.adapters.mock.walk import PathSpec
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import contract_spec
from trade_analyst.domain.symbols import (
    VALID_FORMS,
    Equity,
    EquityOption,
    ForexPair,
    FuturesContract,
    FuturesOption,
    FuturesRoot,
    Index,
    parse_symbol,
)
from trade_analyst.ports import InvalidInput

# OCC option roots of index options (PM-settled weeklies have their own root).
INDEX_OPTION_ROOTS: dict[str, str] = {
    "SPX": "$SPX",
    "SPXW": "$SPX",
    "NDX": "$NDX",
    "NDXP": "$NDX",
    "RUT": "$RUT",
    "RUTW": "$RUT",
}
# (monthly root, weekly root) per optionable index.
INDEX_ROOTS_OF: dict[str, tuple[str, str]] = {
    "$SPX": ("SPX", "SPXW"),
    "$NDX": ("NDX", "NDXP"),
    "$RUT": ("RUT", "RUTW"),
}
_EQUITY_TICK = 0.01
_INDEX_TICK = 0.01
_FOREX_TICK = {"JPY": 0.001}
_DEFAULT_FOREX_TICK = 0.00001


@attrs.frozen
class Subject:
    """An instrument the mock can simulate.

    ``path`` describes the price walk (None for options, priced off ``underlying``);
    ``root`` is set for futures roots and contracts, ``contract`` for a dated contract.
    """

    symbol: str
    asset_type: str
    name: str
    path: PathSpec | None
    root: str | None = None
    contract: FuturesContract | None = None
    option: EquityOption | None = None
    underlying: "Subject | None" = None

    @property
    def is_future(self) -> bool:
        return self.root is not None


def known_symbols_hint() -> str:
    stocks = ", ".join(listing.symbol for listing in STOCKS)
    indices = ", ".join(listing.symbol for listing in INDICES)
    pairs = ", ".join(listing.symbol for listing in FOREX)
    return (
        f"the mock provider knows stocks/ETFs {stocks}; indices {indices}; forex {pairs}; "
        "every futures root of 'ta futures roots' (e.g. /ES, /ESZ25); OCC options on those"
    )


def _listing_subject(listing: Listing) -> Subject:
    if listing.asset_type == "INDEX":
        venue, tick = "index", _INDEX_TICK
    elif listing.asset_type == "FOREX":
        venue = "forex"
        tick = _FOREX_TICK.get(listing.symbol[-3:], _DEFAULT_FOREX_TICK)
    else:
        venue, tick = "equity", _EQUITY_TICK
    path = PathSpec(
        listing.symbol, venue, listing.price, listing.volatility, listing.daily_volume, tick
    )
    return Subject(listing.symbol, listing.asset_type, listing.name, path)


def _unknown(text: str) -> InvalidInput:
    return InvalidInput(f"unknown symbol {text!r}", known_symbols_hint())


def _future(root: str, contract: FuturesContract | None, text: str) -> Subject:
    try:
        spec = contract_spec(root)
    except DomainError as exc:
        raise InvalidInput(str(exc), "run 'ta futures roots' for the known roots") from exc
    if contract is not None and contract.month_code not in spec.listing_cycle:
        raise InvalidInput(
            f"{text!r}: {spec.root} has no {contract.month_code} contract",
            f"{spec.root} lists the months {spec.listing_cycle}",
        )
    price, volatility, volume = futures_level(spec.root)
    path = PathSpec(spec.root, f"globex:/{spec.root}", price, volatility, volume, spec.tick_size)
    symbol = f"/{spec.root}" if contract is None else str(contract)
    return Subject(symbol, "FUTURE", spec.name, path, root=spec.root, contract=contract)


def _option(option: EquityOption, text: str) -> Subject:
    underlying_symbol = INDEX_OPTION_ROOTS.get(option.underlying, option.underlying)
    listing = find_listing(underlying_symbol)
    if listing is None or listing.asset_type == "FOREX":
        raise InvalidInput(f"unknown option underlying in {text!r}", known_symbols_hint())
    underlying = _listing_subject(listing)
    name = f"{listing.name} {option.expiration.isoformat()} {option.strike} {option.right}"
    return Subject(str(option), "OPTION", name, None, option=option, underlying=underlying)


def resolve(text: str, today: dt.date | None = None) -> Subject:
    """The subject ``text`` names; InvalidInput naming the valid forms when there is none."""
    try:
        parsed = parse_symbol(text, today=today)
    except DomainError as exc:
        raise InvalidInput(str(exc), VALID_FORMS) from exc
    if isinstance(parsed, Equity | Index | ForexPair):
        listing = find_listing(str(parsed))
        if listing is None:
            raise _unknown(text)
        return _listing_subject(listing)
    if isinstance(parsed, FuturesRoot):
        return _future(parsed.root, None, text)
    if isinstance(parsed, FuturesContract):
        return _future(parsed.root, parsed, text)
    if isinstance(parsed, EquityOption):
        return _option(parsed, text)
    assert isinstance(parsed, FuturesOption)
    raise InvalidInput(
        f"{text!r}: futures options are not simulated by the mock provider",
        "ask for the futures contract (e.g. /ZCZ25) or an equity option",
    )
