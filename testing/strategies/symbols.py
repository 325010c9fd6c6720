"""Valid symbols of every kind, and their text forms."""

import datetime as dt
from decimal import Decimal

from hypothesis import strategies as st

from trade_analyst.domain.symbols import (
    MONTH_CODES,
    Equity,
    EquityOption,
    ForexPair,
    FuturesContract,
    FuturesOption,
    FuturesRoot,
    Index,
    Symbol,
    format_symbol,
)

_UPPER = st.sampled_from("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_DIGIT = st.sampled_from("0123456789")
_ALNUM = st.one_of(_UPPER, _DIGIT)


def _text(chars: st.SearchStrategy[str], min_size: int, max_size: int) -> st.SearchStrategy[str]:
    return st.lists(chars, min_size=min_size, max_size=max_size).map("".join)


def _is_futures_root(text: str) -> bool:
    # Spelled out independently of the symbol regex: at least one letter, and no ending
    # that reads as an expiry (two digits, or month code + digit).
    if not any(c.isalpha() for c in text):
        return False
    reads_as_expiry = text[-2:-1].isdigit() or text[-2:-1] in tuple(MONTH_CODES)
    return not (len(text) >= 2 and text[-1].isdigit() and reads_as_expiry)


def tickers() -> st.SearchStrategy[str]:
    """Equity tickers: 1-6 letters, sometimes a share class after a dot (``BRK.B``)."""
    return st.builds(
        lambda base, cls: f"{base}.{cls}" if cls else base,
        _text(_UPPER, 1, 6),
        st.one_of(st.just(""), _text(_UPPER, 1, 2)),
    )


def equities() -> st.SearchStrategy[Equity]:
    return st.builds(Equity, tickers())


def indices() -> st.SearchStrategy[Index]:
    return st.builds(lambda first, rest: Index(first + rest), _UPPER, _text(_ALNUM, 0, 9))


def futures_root_texts() -> st.SearchStrategy[str]:
    """Any text a futures root may be (``ES``, ``SR3``, ``6E``), registered or not."""
    return _text(_ALNUM, 1, 5).filter(_is_futures_root)


def futures_roots() -> st.SearchStrategy[FuturesRoot]:
    return st.builds(FuturesRoot, futures_root_texts())


def futures_contracts(
    min_year: int = 1000, max_year: int = 9999
) -> st.SearchStrategy[FuturesContract]:
    """Well-formed contracts of any root and year (see ``futures.contracts`` for listed ones)."""
    return st.builds(
        FuturesContract,
        root=futures_root_texts(),
        month=st.integers(1, 12),
        year=st.integers(min_year, max_year),
    )


def equity_options() -> st.SearchStrategy[EquityOption]:
    return st.builds(
        EquityOption,
        underlying=st.builds(lambda a, b: a + b, _UPPER, _text(_ALNUM, 0, 5)),
        expiration=st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
        right=st.sampled_from(["C", "P"]),
        strike=st.integers(1, 99_999_999).map(lambda thousandths: Decimal(thousandths) / 1000),
    )


def futures_options() -> st.SearchStrategy[FuturesOption]:
    return st.builds(
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


def forex_pairs() -> st.SearchStrategy[ForexPair]:
    return st.builds(ForexPair, _text(_UPPER, 3, 3), _text(_UPPER, 3, 3))


def symbols() -> st.SearchStrategy[Symbol]:
    """A symbol of any kind."""
    return st.one_of(
        equities(),
        indices(),
        futures_roots(),
        futures_contracts(),
        equity_options(),
        futures_options(),
        forex_pairs(),
    )


def symbol_texts() -> st.SearchStrategy[str]:
    """The canonical text of any symbol (``AAPL``, ``$SPX``, ``/ESZ25``, ``EUR/USD``...)."""
    return symbols().map(format_symbol)
