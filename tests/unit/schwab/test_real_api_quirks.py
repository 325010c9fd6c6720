"""Quirks of the real Schwab API (seen in captured payloads) read the way they are meant."""

import pytest

from trade_analyst.adapters.schwab.errors import is_body_overflow
from trade_analyst.adapters.schwab.mapping.options import map_chain
from trade_analyst.adapters.schwab.mapping.quotes import map_quotes
from trade_analyst.adapters.schwab.oauth import parse_redirected_url, validate_redirect_uri
from trade_analyst.ports import InvalidInput

PORTAL_CALLBACK = "https://developer.schwab.com/oauth2-redirect.html"


def test_a_mutual_fund_quotes_its_nav_from_close_price_when_nav_is_zero() -> None:
    payload = {
        "VFIAX": {
            "assetMainType": "MUTUAL_FUND",
            "symbol": "VFIAX",
            "quote": {"nAV": 0, "closePrice": 512.34, "lastPrice": 0, "totalVolume": 0},
        }
    }
    (fund,), invalid = map_quotes(payload, ["VFIAX"])
    assert invalid == []
    assert fund.last == 512.34
    assert fund.close == 512.34
    assert fund.volume == 0


def test_a_fund_with_a_real_nav_keeps_it() -> None:
    payload = {
        "VFIAX": {"assetMainType": "MUTUAL_FUND", "quote": {"nAV": 511.0, "closePrice": 509.5}}
    }
    (fund,), _ = map_quotes(payload, ["VFIAX"])
    assert fund.last == 511.0


def test_zero_placeholders_are_missing_prices_but_zero_volume_stays() -> None:
    option = "AAPL  250321C00400000"
    payload = {
        option: {
            "assetMainType": "OPTION",
            "symbol": option,
            "quote": {
                "bidPrice": 0.0,
                "askPrice": 0.05,
                "lastPrice": 0.0,
                "openPrice": 0.0,
                "highPrice": 0.0,
                "lowPrice": 0.0,
                "closePrice": 0.0,
                "mark": 0.025,
                "totalVolume": 0,
                "openInterest": 0,
                "netChange": 0.0,
            },
        },
        "/ESH25": {
            "assetMainType": "FUTURE",
            "symbol": "/ESH25",
            "quote": {"mark": 0.0, "lastPrice": 5700.25, "totalVolume": 0},
        },
    }
    (untraded, future), _ = map_quotes(payload, [option, "/ESH25"])
    assert (untraded.last, untraded.open, untraded.high, untraded.low) == (None,) * 4
    assert untraded.close is None
    assert untraded.volume == 0
    assert untraded.net_change == 0.0
    assert untraded.ask == 0.05
    assert untraded.mark == 0.025
    assert future.mark is None
    assert future.last == 5700.25
    assert future.volume == 0


def test_an_untraded_chain_contract_has_no_last_but_keeps_zero_open_interest() -> None:
    contract = {
        "symbol": "AAPL  250321C00400000",
        "bid": 0.0,
        "ask": 0.05,
        "last": 0.0,
        "mark": 0.03,
        "totalVolume": 0,
        "openInterest": 0,
        "strikePrice": 400.0,
    }
    payload = {
        "status": "SUCCESS",
        "callExpDateMap": {"2025-03-21:9": {"400.0": [contract]}},
        "putExpDateMap": {},
    }
    (mapped,) = map_chain(payload, "AAPL").contracts
    assert mapped.last is None
    assert (mapped.volume, mapped.open_interest) == (0, 0)
    assert mapped.mark == 0.03


def _future_entry(contract: str) -> dict[str, object]:
    return {
        "assetMainType": "FUTURE",
        "symbol": contract,
        "quote": {"lastPrice": 4700.25, "bidPrice": 4700.0, "askPrice": 4700.5},
        "reference": {"product": "/ES", "futureActiveSymbol": contract},
    }


def test_a_root_answered_under_its_contract_is_the_roots_quote() -> None:
    (quote,), invalid = map_quotes({"/ESZ21": _future_entry("/ESZ21")}, ["/ES"])
    assert invalid == []
    assert (quote.symbol, quote.contract, quote.last) == ("/ES", "/ESZ21", 4700.25)


def test_a_root_takes_its_active_contract_when_another_contract_is_answered_too() -> None:
    deferred = {**_future_entry("/ESH22"), "reference": {"futureActiveSymbol": "/ESZ21"}}
    payload = {"/ESH22": deferred, "/ESZ21": _future_entry("/ESZ21")}
    (root, other), invalid = map_quotes(payload, ["/ES", "/ESH22"])
    assert invalid == []
    assert (root.symbol, root.contract) == ("/ES", "/ESZ21")
    assert (other.symbol, other.contract) == ("/ESH22", None)  # itself, not the active one


def test_a_contract_key_is_not_taken_for_a_shorter_unrelated_root() -> None:
    quotes, invalid = map_quotes({"/ESZ21": _future_entry("/ESZ21")}, ["/E"])
    assert (quotes, invalid) == ([], ["/E"])


def test_the_regular_session_last_is_exposed_beside_the_extended_one() -> None:
    payload = {
        "AAPL": {
            "assetMainType": "EQUITY",
            "quote": {"lastPrice": 228.9, "closePrice": 225.0},
            "regular": {"regularMarketLastPrice": 227.52, "regularMarketNetChange": 2.52},
        }
    }
    (quote,), _ = map_quotes(payload, ["AAPL"])
    assert quote.last == 228.9
    assert quote.regular_last == 227.52
    assert quote.close == 225.0


@pytest.mark.parametrize(
    "uri", [PORTAL_CALLBACK, "https://127.0.0.1:8182/", "https://my.host.example/cb/"]
)
def test_the_paste_flow_accepts_any_https_callback_the_app_registered(uri: str) -> None:
    validate_redirect_uri(uri, listening=False)


def test_a_listening_login_accepts_a_loopback_callback_with_a_trailing_slash() -> None:
    validate_redirect_uri("https://127.0.0.1:8182/", listening=True)


def test_a_listening_login_needs_a_loopback_callback_and_says_so() -> None:
    with pytest.raises(InvalidInput) as caught:
        validate_redirect_uri(PORTAL_CALLBACK, listening=True)
    assert "127.0.0.1" in caught.value.message
    assert "--no-browser" in caught.value.hint


def test_a_pasted_url_differing_only_by_a_trailing_slash_is_explained() -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_redirected_url(
            "https://127.0.0.1:8182/cb/?code=C0.x%40&state=s1", "https://127.0.0.1:8182/cb", "s1"
        )
    assert "trailing slash" in caught.value.message
    assert "C0.x" not in caught.value.message + caught.value.hint


def test_a_body_buffer_overflow_is_recognised_in_apigees_fault_body() -> None:
    body = (
        b'{"fault":{"faultstring":"Body buffer overflow",'
        b'"detail":{"errorcode":"protocol.http.TooBigBody"}}}'
    )
    assert is_body_overflow(502, body)
    assert not is_body_overflow(500, body)
    assert not is_body_overflow(502, b'{"errors":[{"title":"Bad Gateway"}]}')


def test_an_empty_chains_zero_underlying_price_is_no_price() -> None:
    payload = {"status": "SUCCESS", "underlyingPrice": 0.0, "callExpDateMap": {}}
    assert map_chain(payload, "AAPL").underlying_price is None
