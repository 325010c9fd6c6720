"""Hypothesis strategies generating valid symbols of every kind."""

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from trade_analyst.domain.symbols import (
    Equity,
    EquityOption,
    ForexPair,
    FuturesContract,
    FuturesOption,
    FuturesRoot,
    Index,
    Symbol,
)

_UPPER = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT = st.sampled_from("0123456789")
_ALNUM = st.one_of(_UPPER, _DIGIT)
_MONTH_CODES = "FGHJKMNQUVXZ"


def _text(chars: st.SearchStrategy[str], min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(chars, min_size=min_size, max_size=max_size).map("".join)


def _is_futures_root(text: str) -> bool:
    # Spelled out independently of the implementation's regex: at least one letter, and no
    # ending that reads as an expiry (two digits, or month code + digit).
    if not any(c.isalpha() for c in text):
        return False
    reads_as_expiry = text[-2:-1].isdigit() or text[-2:-1] in tuple(_MONTH_CODES)
    return not (len(text) >= 2 and text[-1].isdigit() and reads_as_expiry)


tickers = st.builds(
    lambda base, cls: f"{base}.{cls}" if cls else base,
    _text(_UPPER, 1, 6),
    st.one_of(st.just(""), _text(_UPPER, 1, 2)),
)
equities = st.builds(Equity, tickers)
indices = st.builds(lambda first, rest: Index(first + rest), _UPPER, _text(_ALNUM, 0, 9))
futures_root_texts = _text(_ALNUM, 1, 5).filter(_is_futures_root)
futures_roots = st.builds(FuturesRoot, futures_root_texts)
futures_contracts = st.builds(
    FuturesContract,
    root=futures_root_texts,
    month=st.integers(1, 12),
    year=st.integers(1000, 9999),
)
equity_options = st.builds(
    EquityOption,
    underlying=st.builds(lambda a, b: a + b, _UPPER, _text(_ALNUM, 0, 5)),
    expiration=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
    right=st.sampled_from(["C", "P"]),
    strike=st.integers(1, 99_999_999).map(lambda thousandths: Decimal(thousandths) / 1000),
)
futures_options = st.builds(
    FuturesOption,
    root=_text(_ALNUM, 1, 6).filter(lambda t: any(c.isalpha() for c in t)),
    month=st.integers(1, 12),
    year=st.integers(2000, 2099),
    right=st.sampled_from(["C", "P"]),
    strike=st.builds(
        lambda whole, frac: f"{whole}.{frac}" if frac else whole,
        _text(_DIGIT, 1, 6),
        st.one_of(st.just(""), _text(_DIGIT, 1, 4)),
    ),
)
forex_pairs = st.builds(ForexPair, _text(_UPPER, 3, 3), _text(_UPPER, 3, 3))

symbols: st.SearchStrategy[Symbol] = st.one_of(
    equities,
    indices,
    futures_roots,
    futures_contracts,
    equity_options,
    futures_options,
    forex_pairs,
)
