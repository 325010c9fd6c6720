"""Text to symbol and back: ``parse_symbol`` and ``format_symbol``.

How ambiguous text is read (input is stripped and upper-cased first; non-ASCII is refused):

- ``./`` starts a futures option, ``$`` an index (TDA's ``$SPX.X`` is read as ``$SPX``),
  ``/`` a futures root or contract.
- After ``/``: a trailing run of digits preceded by a month code is a contract (``/ESZ25``,
  ``/ESZ2025``, ``/ESZ5``); a single trailing digit otherwise belongs to the root (``/SR3``);
  two or more digits after a non-month letter (``/ESA25``) are an error naming the bad code.
- Without a prefix: the OCC option pattern (padded or compact) first; then root + month code
  + digit year is a futures contract (``ESZ25``) because equity tickers here are letters
  only, so none can look like one; then ``EUR/USD`` (3+3 letters) is forex; then ``BRK/B``
  and ``BRK-B`` are the equity ``BRK.B``; then letters (``ES``, ``AAPL``) are an equity.
  So a bare root (``ES``) is always the equity: futures need the slash or an expiry.
- Year digits: see ``resolve_year`` (one digit needs ``today``).
"""

import datetime as dt
import re
from decimal import Decimal

from trade_analyst.domain.symbols._checks import invalid
from trade_analyst.domain.symbols.futures import FuturesContract, FuturesRoot
from trade_analyst.domain.symbols.instruments import EQUITY_TICKER, Equity, ForexPair, Index
from trade_analyst.domain.symbols.months import MONTH_CODES, month_from_code, month_legend
from trade_analyst.domain.symbols.options import EquityOption, FuturesOption
from trade_analyst.domain.symbols.years import resolve_year

Symbol = Equity | Index | FuturesRoot | FuturesContract | EquityOption | FuturesOption | ForexPair

# Root, spaces (the padded OCC form) or none (the compact form), YYMMDD, right, strike x 1000.
_OCC = re.compile(
    r"(?P<root>[A-Z][A-Z0-9]{0,5}) *(?P<date>[0-9]{6})(?P<right>[CP])(?P<strike>[0-9]{8})"
)
# The right is the last letter, so a greedy root still splits uniquely.
_FUTURES_OPTION = re.compile(
    r"\./(?P<root>[A-Z0-9]+)(?P<month>[A-Z])(?P<year>[0-9]{2})(?P<right>[CP])(?P<strike>[0-9]+(?:\.[0-9]+)?)"
)
# A futures body is a root, optionally followed by month code + year digits.
_FUTURES_BODY = re.compile(r"(?P<head>[A-Z0-9]*?)(?P<digits>[0-9]*)")
# A bare contract (no slash) needs a month code and a digit year, which no equity ticker has.
_BARE_CONTRACT = re.compile(
    rf"(?P<root>[A-Z0-9]{{1,5}})(?P<month>[{MONTH_CODES}])(?P<digits>[0-9]+)"
)
_FOREX = re.compile(r"(?P<base>[A-Z]{3})/(?P<quote>[A-Z]{3})")
# BRK/B and BRK-B are common spellings of Schwab's BRK.B. One class letter only, so a
# mistyped pair such as EUR/US is not silently read as a stock.
_SHARE_CLASS = re.compile(r"(?P<ticker>[A-Z]{1,6})[/\-](?P<cls>[A-Z])")
_EQUITY = re.compile(EQUITY_TICKER)


def format_symbol(symbol: Symbol) -> str:
    """The canonical text of a symbol (what Schwab expects)."""
    return str(symbol)


def parse_symbol(text: str, *, today: dt.date | None = None) -> Symbol:
    """Read any supported symbol form; upper-cases and strips surrounding whitespace.

    ``today`` is only needed for one-digit futures years (``ESZ5``). Raises ``InvalidSymbol``
    with a message listing every valid form.
    """
    if not isinstance(text, str):
        raise invalid(f"a symbol must be text, got {type(text).__name__}")
    stripped = text.strip()
    if not stripped:
        raise invalid("empty symbol")
    if not stripped.isascii():
        # Symbols are ASCII. Checked before upper(), which would fold e.g. the ligature "ﬀ"
        # into "FF" and yield a symbol the user never typed.
        raise invalid(f"{text!r} contains non-ASCII characters")
    cleaned = stripped.upper()
    if cleaned.startswith("./"):
        return _futures_option(cleaned)
    if cleaned.startswith("$"):
        return _index(cleaned)
    if cleaned.startswith("/"):
        return _futures(cleaned, today)
    if occ := _OCC.fullmatch(cleaned):
        return _equity_option(occ, cleaned)
    if bare := _BARE_CONTRACT.fullmatch(cleaned):
        return _contract(bare["root"], bare["month"], bare["digits"], today, cleaned)
    if forex := _FOREX.fullmatch(cleaned):
        return ForexPair(forex["base"], forex["quote"])
    if share_class := _SHARE_CLASS.fullmatch(cleaned):
        return Equity(f"{share_class['ticker']}.{share_class['cls']}")
    if _EQUITY.fullmatch(cleaned):
        return Equity(cleaned)
    raise invalid(f"{text!r} is not a recognised symbol")


def _index(cleaned: str) -> Index:
    name = cleaned[1:].removesuffix(".X")  # $SPX.X is the TD Ameritrade spelling
    try:
        return Index(name)
    except ValueError:
        raise invalid(f"{cleaned!r} is not a valid index symbol") from None


def _futures(cleaned: str, today: dt.date | None) -> FuturesRoot | FuturesContract:
    body = cleaned[1:]
    match = _FUTURES_BODY.fullmatch(body)
    if not body or match is None:
        raise invalid(f"{cleaned!r} is not a futures symbol")
    head, digits = match["head"], match["digits"]
    if not digits:
        return _root(body, cleaned)
    if len(head) >= 2 and head[-1] in MONTH_CODES:
        return _contract(head[:-1], head[-1], digits, today, cleaned)
    if len(digits) == 1:
        return _root(body, cleaned)  # roots such as SR3 end in a digit
    if head:
        raise invalid(f"{cleaned!r}: {head[-1]!r} is not a futures month code ({month_legend()})")
    raise invalid(f"{cleaned!r} is not a futures symbol")


def _root(body: str, cleaned: str) -> FuturesRoot:
    try:
        return FuturesRoot(body)
    except ValueError:
        raise invalid(f"{cleaned!r} is not a valid futures root") from None


def _contract(
    root: str, code: str, digits: str, today: dt.date | None, cleaned: str
) -> FuturesContract:
    year = resolve_year(digits, today)
    try:
        return FuturesContract(root, month_from_code(code), year)
    except ValueError:
        raise invalid(f"{cleaned!r} is not a valid futures contract") from None


def _equity_option(match: re.Match[str], cleaned: str) -> EquityOption:
    date_text = match["date"]
    try:
        expiration = dt.date(2000 + int(date_text[:2]), int(date_text[2:4]), int(date_text[4:]))
    except ValueError:
        raise invalid(f"{cleaned!r}: {date_text!r} is not a valid YYMMDD expiration") from None
    strike = Decimal(int(match["strike"])) / 1000
    try:
        return EquityOption(
            match["root"], expiration, "C" if match["right"] == "C" else "P", strike
        )
    except ValueError:
        raise invalid(f"{cleaned!r} is not a valid OCC option symbol") from None


def _futures_option(cleaned: str) -> FuturesOption:
    match = _FUTURES_OPTION.fullmatch(cleaned)
    if match is None:
        raise invalid(f"{cleaned!r} is not a futures option symbol")
    try:
        month = month_from_code(match["month"])
    except ValueError:
        raise invalid(
            f"{cleaned!r}: {match['month']!r} is not a futures month code ({month_legend()})"
        ) from None
    try:
        return FuturesOption(
            match["root"],
            month,
            2000 + int(match["year"]),
            "C" if match["right"] == "C" else "P",
            match["strike"],
        )
    except ValueError:
        raise invalid(f"{cleaned!r} is not a valid futures option symbol") from None
