"""Hypothesis strategies for the domain's types, for the project's tests and host apps'.

Importing this package registers a strategy for each domain value object with
``st.register_type_strategy`` (``registration.REGISTERED`` lists them), so
``st.from_type(FuturesContract)`` and ``st.builds`` of a host app's own classes with
domain-typed fields work. ``import trade_analyst`` registers nothing and needs no Hypothesis.

    from hypothesis import given
    from trade_analyst.domain.futures import last_trade_date
    from trade_analyst.testing.strategies import futures

    @given(futures.listed_contracts_on())
    def test_a_listed_contract_has_not_expired(listed):
        on, contract = listed
        assert last_trade_date(contract) >= on

Modules, one per area: ``symbols`` (every kind and its text forms), ``calendars`` (dates,
sessions, session windows), ``futures`` (registered roots, cycle contracts, listed contracts
on a date), ``bars`` (OHLC-valid tables, session tables with gaps, halts and early closes,
labelled defects), ``quotes`` (quotes and quote tapes), ``options`` (pricing inputs, chains
satisfying put-call parity), ``trades`` (trades, trade tapes, trade-and-quote columns),
``analytics`` (a prior session's bar, a session's minute bars, price columns, indicator
specs).
"""

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
from trade_analyst.testing.strategies.registration import register_domain_types

register_domain_types()

__all__ = ["analytics", "bars", "calendars", "futures", "options", "quotes", "symbols", "trades"]
