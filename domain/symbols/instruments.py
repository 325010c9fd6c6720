"""Cash-market symbols: equities, indices and forex pairs."""

from typing import Literal

import attrs

from trade_analyst.domain.symbols._checks import pattern_validator

# Letters only: a bare string with digits is read as a futures contract (ESZ25), and US
# listed tickers are letters with an optional share-class suffix.
EQUITY_TICKER = r"[A-Z]{1,6}(?:\.[A-Z]{1,2})?"
INDEX_NAME = r"[A-Z][A-Z0-9]{0,9}"
CURRENCY = r"[A-Z]{3}"


@attrs.frozen
class Equity:
    """A stock or ETF, e.g. ``AAPL`` or ``BRK.B`` (share class after a dot, as Schwab spells it)."""

    ticker: str = attrs.field(validator=pattern_validator(EQUITY_TICKER, "equity ticker"))

    @property
    def kind(self) -> Literal["equity"]:
        return "equity"

    def __str__(self) -> str:
        return self.ticker


@attrs.frozen
class Index:
    """A market index, e.g. ``$SPX``; ``name`` holds the part after the ``$``."""

    name: str = attrs.field(validator=pattern_validator(INDEX_NAME, "index name"))

    @property
    def kind(self) -> Literal["index"]:
        return "index"

    def __str__(self) -> str:
        return f"${self.name}"


@attrs.frozen
class ForexPair:
    """A currency pair, e.g. ``EUR/USD`` (base/quote, three letters each)."""

    base: str = attrs.field(validator=pattern_validator(CURRENCY, "currency code"))
    quote: str = attrs.field(validator=pattern_validator(CURRENCY, "currency code"))

    @property
    def kind(self) -> Literal["forex"]:
        return "forex"

    def __str__(self) -> str:
        return f"{self.base}/{self.quote}"
