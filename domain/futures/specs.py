"""The contract registry: one frozen ``ContractSpec`` per futures root.

Rules and listing schedules follow the exchanges' contract specifications (CME Group, CFE)
as checked against real last trade dates, unless a comment says "unverified": those come
from contract specs as remembered and have not been checked against real dates.
"""

from datetime import time
from typing import Literal, Protocol

import attrs

from trade_analyst.domain.errors import UnknownRoot
from trade_analyst.domain.futures.cycles import (
    ALL_MONTHS,
    MONTH_CODES,
    QUARTERLY,
    ListingTier,
    nearest,
    within,
)
from trade_analyst.domain.futures.rules import (
    BusinessDaysBeforeDayOfMonth,
    BusinessDaysBeforeRule,
    BusinessDaysBeforeWeekday,
    DateRule,
    LastFridayOrPrior,
    NthBusinessDay,
    NthLastBusinessDay,
    ThirdFridayOrPrior,
    VixSettlement,
)

Exchange = Literal["CME", "CBOT", "NYMEX", "COMEX", "CFE"]
SessionTemplate = Literal[
    "equity_index", "energy", "metals", "rates", "fx", "grains", "livestock", "crypto", "cfe"
]
Settlement = Literal["cash", "physical"]

CHICAGO = "America/Chicago"
NEW_YORK = "America/New_York"
LONDON = "Europe/London"


class _HasMonth(Protocol):
    @property
    def month(self) -> int: ...

    @property
    def year(self) -> int: ...


class _HasRoot(Protocol):
    @property
    def root(self) -> str: ...


@attrs.frozen
class ContractSpec:
    """Everything the domain knows about one futures product."""

    root: str
    name: str
    exchange: Exchange
    product_group: str
    listing: tuple[ListingTier, ...]
    roll_cycle: str
    last_trade: DateRule
    last_trade_time: time | None
    time_zone: str
    first_notice: DateRule | None
    # Floats like every price in the domain models; tick sizes are exact binary fractions or
    # decimals whose float error is far below any price precision.
    tick_size: float
    multiplier: float
    session_template: SessionTemplate
    settlement: Settlement

    @property
    def listing_cycle(self) -> str:
        """Every month code some listing tier uses, in calendar order."""
        used = {code for tier in self.listing for code in tier.codes}
        return "".join(code for code in MONTH_CODES if code in used)

    @property
    def last_trade_rule_text(self) -> str:
        return self.last_trade.describe()

    @property
    def first_notice_rule_text(self) -> str | None:
        return None if self.first_notice is None else self.first_notice.describe()

    @property
    def calendar(self) -> Literal["cme", "nyse"]:
        """The calendar whose trade dates the expiry rules count (CFE follows Cboe ~ NYSE)."""
        return "nyse" if self.exchange == "CFE" else "cme"

    @property
    def schwab_root(self) -> str:
        return f"/{self.root}"

    def schwab_symbol(self, contract: _HasMonth) -> str:
        """Schwab's spelling of one contract: ``/ESZ25`` (slash, month code, 2-digit year)."""
        return f"/{self.root}{MONTH_CODES[contract.month - 1]}{contract.year % 100:02d}"


# ----------------------------------------------------------------------------- rule values
EQUITY_LTD = ThirdFridayOrPrior()
CL_LTD = BusinessDaysBeforeDayOfMonth(day=25, count=3, month_offset=-1, holiday_adds_day=True)
MCL_LTD = BusinessDaysBeforeRule(CL_LTD, count=1)
NG_LTD = NthLastBusinessDay(3, month_offset=-1)
LAST_BD_PRIOR_MONTH = NthLastBusinessDay(1, month_offset=-1)
METALS_LTD = NthLastBusinessDay(3)
# "7th business day before the last business day" is the 8th-last business day.
LONG_TREASURY_LTD = NthLastBusinessDay(8)
LAST_BD_OF_MONTH = NthLastBusinessDay(1)
GRAINS_LTD = BusinessDaysBeforeDayOfMonth(day=15, count=1)
FX_LTD = BusinessDaysBeforeWeekday(count=2)
CAD_LTD = BusinessDaysBeforeWeekday(count=1)
# SR3's ticker month starts its reference quarter; trading stops before the IMM Wednesday
# that ends it, three months later.
SR3_LTD = BusinessDaysBeforeWeekday(count=1, month_offset=3)
VX_LTD = VixSettlement()
CRYPTO_LTD = LastFridayOrPrior()
HE_LTD = NthBusinessDay(10)  # CME specs, unverified

# First notice day = last business day of the month before (metals, Treasuries, grains).
PRIOR_MONTH_END_NOTICE = LAST_BD_PRIOR_MONTH

CT_1201 = time(12, 1)
FX_TIME = time(9, 16)


def _spec(
    root: str,
    name: str,
    exchange: Exchange,
    group: str,
    listing: tuple[ListingTier, ...],
    roll_cycle: str,
    last_trade: DateRule,
    tick: str,
    multiplier: str,
    session: SessionTemplate,
    settlement: Settlement,
    *,
    at: time | None = None,
    tz: str = CHICAGO,
    notice: DateRule | None = None,
) -> ContractSpec:
    return ContractSpec(
        root=root,
        name=name,
        exchange=exchange,
        product_group=group,
        listing=listing,
        roll_cycle=roll_cycle,
        last_trade=last_trade,
        last_trade_time=at,
        time_zone=tz,
        first_notice=notice,
        tick_size=float(tick),
        multiplier=float(multiplier),
        session_template=session,
        settlement=settlement,
    )


def _equity(root: str, name: str, exchange: Exchange, tick: str, multiplier: str) -> ContractSpec:
    # Final settlement is the special opening quotation: trading stops 09:30 ET.
    # Five quarterly contracts listed (CME spec, unverified).
    return _spec(
        root, name, exchange, "equity_index", nearest(QUARTERLY, 5), QUARTERLY, EQUITY_LTD,
        tick, multiplier, "equity_index", "cash", at=time(9, 30), tz=NEW_YORK,
    )  # fmt: skip


def _treasury(root: str, name: str, rule: DateRule, tick: str, multiplier: str) -> ContractSpec:
    return _spec(
        root, name, "CBOT", "rates", nearest(QUARTERLY, 3), QUARTERLY, rule, tick, multiplier,
        "rates", "physical", at=CT_1201, notice=PRIOR_MONTH_END_NOTICE,
    )  # fmt: skip


def _fx(root: str, name: str, rule: DateRule, tick: str, multiplier: str) -> ContractSpec:
    # 20 quarterly contracts plus the 3 nearest serial months. FX futures deliver currency
    # but have no notice period before the last trade date, so no first notice rule.
    listing = (ListingTier(QUARTERLY, count=20), ListingTier("FGJKNQVX", count=3))
    return _spec(
        root, name, "CME", "fx", listing, QUARTERLY, rule, tick, multiplier, "fx", "physical",
        at=FX_TIME,
    )  # fmt: skip


def _grain(
    root: str, name: str, listing: tuple[ListingTier, ...], cycle: str, tick: str, mult: str
) -> ContractSpec:
    return _spec(
        root, name, "CBOT", "grains", listing, cycle, GRAINS_LTD, tick, mult, "grains",
        "physical", notice=PRIOR_MONTH_END_NOTICE,
    )  # fmt: skip


def _metal(
    root: str,
    name: str,
    exchange: Exchange,
    listing: tuple[ListingTier, ...],
    cycle: str,
    tick: str,
    multiplier: str,
    at: time | None,
) -> ContractSpec:
    return _spec(
        root, name, exchange, "metals", listing, cycle, METALS_LTD, tick, multiplier, "metals",
        "physical", at=at, notice=PRIOR_MONTH_END_NOTICE,
    )  # fmt: skip


# Listing schedules (horizons counted from the current month).
_GC_LISTING = (ListingTier(ALL_MONTHS, count=3), within("GJQV", 23), within("MZ", 72))
_SI_LISTING = (ListingTier(ALL_MONTHS, count=3), within("FHKU", 23), within("NZ", 60))
_PL_LISTING = (ListingTier(ALL_MONTHS, count=3), within("FJNV", 15))

_SPECS: tuple[ContractSpec, ...] = (
    # ---- equity index (CME / CBOT), cash settled
    _equity("ES", "E-mini S&P 500", "CME", "0.25", "50"),
    _equity("NQ", "E-mini Nasdaq-100", "CME", "0.25", "20"),
    _equity("RTY", "E-mini Russell 2000", "CME", "0.10", "50"),
    _equity("YM", "E-mini Dow ($5)", "CBOT", "1", "5"),
    _equity("MES", "Micro E-mini S&P 500", "CME", "0.25", "5"),
    _equity("MNQ", "Micro E-mini Nasdaq-100", "CME", "0.25", "2"),
    _equity("M2K", "Micro E-mini Russell 2000", "CME", "0.10", "5"),
    _equity("MYM", "Micro E-mini Dow", "CBOT", "1", "0.5"),
    # ---- energy (NYMEX), physically delivered; first notice follows the LTD, so the roll
    # keys off the LTD. Trading-stop times are unverified: None.
    # CL lists the current year + 10 more (some sources add "2 more months": ambiguous): ~132.
    _spec("CL", "WTI Crude Oil", "NYMEX", "energy", nearest(ALL_MONTHS, 132), ALL_MONTHS,
          CL_LTD, "0.01", "1000", "energy", "physical"),
    _spec("MCL", "Micro WTI Crude Oil", "NYMEX", "energy", nearest(ALL_MONTHS, 12), ALL_MONTHS,
          MCL_LTD, "0.01", "100", "energy", "cash"),
    _spec("NG", "Henry Hub Natural Gas", "NYMEX", "energy", nearest(ALL_MONTHS, 156),
          ALL_MONTHS, NG_LTD, "0.001", "10000", "energy", "physical"),
    # RB/HO listing depth (CME: 36 consecutive months, unverified).
    _spec("RB", "RBOB Gasoline", "NYMEX", "energy", nearest(ALL_MONTHS, 36), ALL_MONTHS,
          LAST_BD_PRIOR_MONTH, "0.0001", "42000", "energy", "physical"),
    _spec("HO", "NY Harbor ULSD", "NYMEX", "energy", nearest(ALL_MONTHS, 36), ALL_MONTHS,
          LAST_BD_PRIOR_MONTH, "0.0001", "42000", "energy", "physical"),
    # ---- metals (COMEX / NYMEX), physically delivered, expire in the contract month.
    _metal("GC", "Gold", "COMEX", _GC_LISTING, "GJMQVZ", "0.10", "100", time(12, 30)),
    # MGC/SIL: same rules as GC/SI per CME specs (unverified).
    _metal("MGC", "Micro Gold", "COMEX", _GC_LISTING, "GJMQVZ", "0.10", "10", None),
    _metal("SI", "Silver", "COMEX", _SI_LISTING, "HKNUZ", "0.005", "5000", None),
    _metal("SIL", "Micro Silver (1,000 oz)", "COMEX", _SI_LISTING, "HKNUZ", "0.005", "1000",
           None),
    # HG: listed monthly (24 months: unverified); liquid H K N U Z is practitioner convention.
    _metal("HG", "Copper", "COMEX", nearest(ALL_MONTHS, 24), "HKNUZ", "0.0005", "25000",
           time(12, 0)),
    _metal("PL", "Platinum", "NYMEX", _PL_LISTING, "FJNV", "0.10", "50", None),
    # ---- Treasuries (CBOT), physically delivered; notice = last business day of prior month.
    _treasury("ZT", "2-Year T-Note", LAST_BD_OF_MONTH, "0.00390625", "2000"),
    _treasury("ZF", "5-Year T-Note", LAST_BD_OF_MONTH, "0.0078125", "1000"),
    _treasury("ZN", "10-Year T-Note", LONG_TREASURY_LTD, "0.015625", "1000"),
    _treasury("TN", "Ultra 10-Year T-Note", LONG_TREASURY_LTD, "0.015625", "1000"),
    _treasury("ZB", "U.S. Treasury Bond", LONG_TREASURY_LTD, "0.03125", "1000"),
    _treasury("UB", "Ultra U.S. Treasury Bond", LONG_TREASURY_LTD, "0.03125", "1000"),
    # ---- SOFR (CME), cash settled. Tick 0.005 (0.0025 in the nearest contract). Listing:
    # 39 quarterly + nearest 6 serial (non-quarterly) months. Stop time unverified: None.
    _spec("SR3", "Three-Month SOFR", "CME", "rates",
          (ListingTier(QUARTERLY, count=39), ListingTier("FGJKNQVX", count=6)), QUARTERLY,
          SR3_LTD, "0.005", "2500", "rates", "cash"),
    # ---- grains and oilseeds (CBOT). Prices in cents: multiplier is $ per cent.
    _grain("ZC", "Corn", (ListingTier("HKU", count=9), ListingTier("NZ", count=8)), "HKNUZ",
           "0.25", "50"),
    # ZS/ZW/ZM/ZL listing depth (counts unverified).
    _grain("ZS", "Soybeans", nearest("FHKNQUX", 15), "FHKNQUX", "0.25", "50"),
    _grain("ZW", "Chicago SRW Wheat", nearest("HKNUZ", 10), "HKNUZ", "0.25", "50"),
    # ZM/ZL: same rule as ZS per CME specs (unverified).
    _grain("ZM", "Soybean Meal", nearest("FHKNQUVZ", 15), "FHKNQUVZ", "0.10", "100"),
    _grain("ZL", "Soybean Oil", nearest("FHKNQUVZ", 15), "FHKNQUVZ", "0.01", "600"),
    # ---- livestock (CME): CME specs, unverified. Globex day session only (08:30-13:05 CT).
    _spec("LE", "Live Cattle", "CME", "livestock", nearest("GJMQVZ", 9), "GJMQVZ",
          LAST_BD_OF_MONTH, "0.025", "400", "livestock", "physical"),
    _spec("HE", "Lean Hogs", "CME", "livestock", nearest("GJKMNQVZ", 10), "GJKMNQVZ",
          HE_LTD, "0.025", "400", "livestock", "cash"),
    # ---- FX (CME), physically delivered on the 3rd Wednesday.
    _fx("6E", "Euro FX", FX_LTD, "0.00005", "125000"),
    _fx("6J", "Japanese Yen", FX_LTD, "0.0000005", "12500000"),
    _fx("6B", "British Pound", FX_LTD, "0.0001", "62500"),
    _fx("6A", "Australian Dollar", FX_LTD, "0.00005", "100000"),
    _fx("6C", "Canadian Dollar", CAD_LTD, "0.00005", "100000"),
    # 6S/6N: standard CME FX rule (2 business days before IMM Wednesday).
    _fx("6S", "Swiss Franc", FX_LTD, "0.00005", "125000"),
    _fx("6N", "New Zealand Dollar", FX_LTD, "0.00005", "100000"),
    # ---- CFE VIX futures (monthlies only; weeklies and the Feb-cycle tail not modelled).
    _spec("VX", "Cboe VIX Futures", "CFE", "volatility", nearest(ALL_MONTHS, 9), ALL_MONTHS,
          VX_LTD, "0.05", "1000", "cfe", "cash", at=time(8, 0)),
    # ---- crypto (CME), cash settled: 6 consecutive months + the 2 nearest Decembers.
    _spec("BTC", "Bitcoin", "CME", "crypto",
          (ListingTier(ALL_MONTHS, count=6), ListingTier("Z", count=2)), ALL_MONTHS,
          CRYPTO_LTD, "5", "5", "crypto", "cash", at=time(16, 0), tz=LONDON),
    _spec("MBT", "Micro Bitcoin", "CME", "crypto",
          (ListingTier(ALL_MONTHS, count=6), ListingTier("Z", count=2)), ALL_MONTHS,
          CRYPTO_LTD, "5", "0.1", "crypto", "cash", at=time(16, 0), tz=LONDON),
)  # fmt: skip

_REGISTRY: dict[str, ContractSpec] = {spec.root: spec for spec in _SPECS}


def all_roots() -> tuple[str, ...]:
    """Every root in the registry, in registry order (by product group)."""
    return tuple(_REGISTRY)


def contract_spec(root: str | _HasRoot) -> ContractSpec:
    """The spec of ``root``; accepts ``ES``, ``/ES``, any case, or a ``FuturesRoot``."""
    text = root if isinstance(root, str) else getattr(root, "root", "")
    key = text.strip().lstrip("/").upper() if isinstance(text, str) else ""
    spec = _REGISTRY.get(key)
    if spec is None:
        raise UnknownRoot(f"unknown futures root {root!r}; known roots: {', '.join(_REGISTRY)}")
    return spec
