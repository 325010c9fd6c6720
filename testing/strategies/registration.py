"""``st.from_type`` for the domain's value objects: one registration per attrs class."""

import datetime as dt

from hypothesis import strategies as st

from trade_analyst.domain.analytics import IndicatorSpec, PriorBar
from trade_analyst.domain.calendars import (
    LAST_DATE,
    EarlyClose,
    Holiday,
    SessionTemplate,
    TradingCalendar,
)
from trade_analyst.domain.calendars.templates import TEMPLATES
from trade_analyst.domain.futures import ContractSpec, Roll, contract_spec, roll_schedule
from trade_analyst.domain.models import (
    Bar,
    BarSeries,
    MarketHours,
    MarketSession,
    OptionChain,
    OptionContract,
    Quote,
    Trade,
)
from trade_analyst.domain.options import Greeks, bs_greeks
from trade_analyst.domain.symbols import (
    Equity,
    EquityOption,
    ForexPair,
    FuturesContract,
    FuturesOption,
    FuturesRoot,
    Index,
)
from trade_analyst.testing.strategies import (
    analytics,
    bars,
    calendars,
    futures,
    options,
    quotes,
    symbols,
    trades,
)


def _market_hours(
    session: tuple[TradingCalendar, dt.date, tuple[dt.datetime, dt.datetime]],
) -> MarketHours:
    calendar, day, (opens, closes) = session
    return MarketHours(
        calendar.name, calendar.name, day, True, (MarketSession("regular", opens, closes),)
    )


@st.composite
def _holidays(draw: st.DrawFn) -> Holiday:
    calendar, day = draw(calendars.calendars()), draw(calendars.dates())
    found = calendar.holidays(day, min(day + dt.timedelta(days=366), LAST_DATE))
    return draw(st.sampled_from(found)) if found else Holiday(day, "none that year")


@st.composite
def _early_closes(draw: st.DrawFn) -> EarlyClose:
    calendar, day = draw(calendars.calendars()), draw(calendars.dates())
    found = calendar.early_closes(day, min(day + dt.timedelta(days=366), LAST_DATE))
    if found:
        return draw(st.sampled_from(found))
    session = day if calendar.is_session(day) else calendar.next_session(day)
    return EarlyClose(session, calendar.session_bounds(session)[1])


@st.composite
def _rolls(draw: st.DrawFn) -> Roll:
    root, start, policy = (
        draw(futures.roots()),
        draw(futures.trade_days()),
        draw(futures.policies()),
    )
    # Three years hold a roll of every root (the sparsest roll yearly).
    rolls = roll_schedule(root, start, start + dt.timedelta(days=1100), policy)
    return draw(st.sampled_from(rolls))


@st.composite
def _greeks(draw: st.DrawFn) -> Greeks:
    spot = draw(options.spots())
    return bs_greeks(
        draw(st.sampled_from(["C", "P"])),
        spot,
        spot * draw(options.moneyness()),
        draw(options.years()),
        draw(options.volatilities()),
        draw(options.rates()),
        draw(options.dividend_yields()),
    )


REGISTERED: dict[type, st.SearchStrategy[object]] = {
    Equity: symbols.equities(),
    Index: symbols.indices(),
    ForexPair: symbols.forex_pairs(),
    FuturesRoot: symbols.futures_roots(),
    FuturesContract: symbols.futures_contracts(),
    EquityOption: symbols.equity_options(),
    FuturesOption: symbols.futures_options(),
    TradingCalendar: calendars.calendars(),
    SessionTemplate: st.sampled_from(list(TEMPLATES.values())),
    Holiday: _holidays(),
    EarlyClose: _early_closes(),
    MarketSession: calendars.session_windows().map(
        lambda found: MarketSession("regular", *found[2])
    ),
    MarketHours: calendars.session_windows().map(_market_hours),
    Bar: bars.bars(),
    BarSeries: bars.bar_series(),
    Quote: quotes.quotes(),
    Trade: trades.trades(),
    OptionChain: options.option_chains(),
    Greeks: _greeks(),
    ContractSpec: futures.roots().map(contract_spec),
    Roll: _rolls(),
    PriorBar: analytics.prior_bars(),
    IndicatorSpec: analytics.indicator_specs(),
    OptionContract: options.option_chains().flatmap(lambda chain: st.sampled_from(chain.contracts)),
}


def register_domain_types() -> None:
    """Register a strategy for each domain value object (repeat calls re-register)."""
    for kind, strategy in REGISTERED.items():
        st.register_type_strategy(kind, strategy)
