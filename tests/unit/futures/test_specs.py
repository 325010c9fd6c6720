"""The contract registry."""

from typing import get_args

import pytest

import trade_analyst.domain.futures as futures
from trade_analyst.domain.errors import UnknownRoot
from trade_analyst.domain.futures import all_roots, contract_spec
from trade_analyst.domain.futures.specs import SessionTemplate
from trade_analyst.domain.symbols import FuturesContract, FuturesRoot

REQUIRED = [
    "ES",
    "NQ",
    "RTY",
    "YM",
    "MES",
    "MNQ",
    "M2K",
    "MYM",
    "CL",
    "MCL",
    "NG",
    "RB",
    "HO",
    "GC",
    "MGC",
    "SI",
    "HG",
    "PL",
    "ZT",
    "ZF",
    "ZN",
    "TN",
    "ZB",
    "UB",
    "SR3",
    "ZC",
    "ZS",
    "ZW",
    "ZM",
    "ZL",
    "LE",
    "HE",
    "6E",
    "6J",
    "6B",
    "6A",
    "6C",
    "VX",
    "BTC",
    "MBT",
]


def test_registry_covers_at_least_forty_roots() -> None:
    assert len(all_roots()) >= 40
    assert set(REQUIRED) <= set(all_roots())


@pytest.mark.parametrize("root", all_roots())
def test_every_spec_is_coherent(root: str) -> None:
    spec = contract_spec(root)
    assert spec.root == root
    assert spec.session_template in get_args(SessionTemplate)
    assert set(spec.roll_cycle) <= set(spec.listing_cycle)
    assert spec.tick_size > 0
    assert spec.multiplier > 0
    if spec.settlement == "cash":
        assert spec.first_notice is None


def test_lookup_accepts_slash_and_case() -> None:
    assert contract_spec("/es") is contract_spec("ES")


def test_unknown_root_lists_choices() -> None:
    with pytest.raises(UnknownRoot, match=r"known roots: ES, NQ"):
        contract_spec("FOO")


def test_es_spec_values() -> None:
    spec = contract_spec("ES")
    assert (spec.exchange, spec.multiplier, spec.tick_size) == ("CME", 50.0, 0.25)
    assert spec.roll_cycle == "HMUZ"
    assert spec.session_template == "equity_index"
    assert spec.schwab_root == "/ES"
    assert spec.schwab_symbol(FuturesContract("ES", 12, 2025)) == "/ESZ25"


def test_cycles_from_the_reference() -> None:
    assert contract_spec("GC").roll_cycle == "GJMQVZ"
    assert contract_spec("CL").roll_cycle == "FGHJKMNQUVXZ"
    assert contract_spec("ZS").listing_cycle == "FHKNQUX"
    assert contract_spec("VX").exchange == "CFE"
    assert contract_spec("VX").calendar == "nyse"


def test_public_api_is_explicit() -> None:
    assert len(set(futures.__all__)) == len(futures.__all__)
    for name in futures.__all__:
        assert hasattr(futures, name)


def test_a_futures_root_value_is_accepted() -> None:
    assert contract_spec(FuturesRoot("CL")) is contract_spec("CL")


def test_rules_describe_themselves() -> None:
    assert "3rd Friday" in contract_spec("ES").last_trade_rule_text
    assert contract_spec("ES").first_notice_rule_text is None
    assert contract_spec("GC").first_notice_rule_text is not None
    assert contract_spec("ES").product_group == "equity_index"
