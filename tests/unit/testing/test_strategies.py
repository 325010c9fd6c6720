"""The shipped strategies: registered for st.from_type, and what they draw is valid."""

import datetime as dt
import subprocess
import sys

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from trade_analyst.domain.futures import last_trade_date, listed_contracts
from trade_analyst.domain.symbols import FuturesContract, parse_symbol
from trade_analyst.domain.validation import has_errors, validate_option_chain, validate_quotes
from trade_analyst.testing.strategies import bars, futures, options, quotes, symbols
from trade_analyst.testing.strategies.registration import REGISTERED


@pytest.mark.parametrize("kind", list(REGISTERED), ids=lambda kind: kind.__name__)
def test_from_type_draws_each_registered_domain_type(kind: type) -> None:
    @given(st.from_type(kind))
    def draws_an_instance(value: object) -> None:
        assert isinstance(value, kind)

    draws_an_instance()


def test_every_attrs_value_object_a_user_meets_is_registered() -> None:
    from trade_analyst.domain import analytics, calendars, models
    from trade_analyst.domain import symbols as symbol_types

    # The values a user builds or passes in (results such as ChainStats are computed).
    faces = (symbol_types, models, calendars)
    public = {
        value for face in faces for name in face.__all__ if attrs.has(value := getattr(face, name))
    }
    # SessionColumns is a bulk query's answer (memoryviews over a calendar's arrays), not a
    # value anyone builds: ask a calendar for it.
    assert public - {calendars.SessionColumns} <= set(REGISTERED)
    assert {analytics.PriorBar, analytics.IndicatorSpec} <= set(REGISTERED)


def test_importing_the_package_registers_nothing_and_needs_no_hypothesis() -> None:
    probe = (
        "import sys, trade_analyst, trade_analyst.testing, trade_analyst.domain.futures;"
        "print('hypothesis' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


@given(symbols.symbol_texts())
def test_symbol_texts_parse(text: str) -> None:
    assert str(parse_symbol(text)) == text


@given(futures.listed_contracts_on())
def test_listed_contracts_are_listed_on_their_date(listed: tuple[dt.date, FuturesContract]) -> None:
    on, contract = listed
    assert contract in listed_contracts(contract.root, on)
    assert last_trade_date(contract) >= on


@given(quotes.quote_tapes())
def test_quote_tapes_are_sane_and_in_time_order(tape: list) -> None:
    findings = validate_quotes(tape) if tape else []
    assert not has_errors(findings)
    stamps = [quote.quote_time for quote in tape]
    assert stamps == sorted(stamps)


@given(options.priced_chains())
def test_priced_chains_pass_the_chain_rules(priced: options.PricedChain) -> None:
    assert not has_errors(validate_option_chain(priced.chain, on=priced.as_of))


@given(bars.defective_bar_series("bars.not_monotonic"))
def test_a_defect_can_be_asked_for_by_rule(defect: bars.LabelledDefect) -> None:
    assert defect.rule_id == "bars.not_monotonic"
    assert defect.series.timestamps[defect.row] < defect.series.timestamps[defect.row - 1]


def test_an_unknown_defect_rule_is_refused() -> None:
    @given(bars.defective_bar_series("bars.nonsense"))
    def draws(_defect: bars.LabelledDefect) -> None:
        pass

    with pytest.raises(ValueError, match="no defect for rule"):
        draws()
