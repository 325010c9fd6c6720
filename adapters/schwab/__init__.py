"""The Schwab Trader API adapter: OAuth 2.0 and market data over httpx.

Importing this package stays cheap: httpx and the adapter's modules load only when
``create_market_data`` runs or ``SchwabMarketData`` is first looked up.
"""

from typing import TYPE_CHECKING

from trade_analyst.adapters.schwab.config import (
    ACCESS_TOKEN_SECONDS,
    REFRESH_TOKEN_DAYS,
    SchwabConfig,
)

if TYPE_CHECKING:
    import httpx

    from trade_analyst.adapters.schwab.market_data import SchwabMarketData
    from trade_analyst.ports import Clock, TokenVault

__all__ = [
    "ACCESS_TOKEN_SECONDS",
    "REFRESH_TOKEN_DAYS",
    "SchwabConfig",
    "SchwabMarketData",
    "create_market_data",
]


def create_market_data(
    config: SchwabConfig,
    vault: "TokenVault",
    clock: "Clock",
    *,
    transport: "httpx.AsyncBaseTransport | None" = None,
) -> "SchwabMarketData":
    """The ``MarketData`` port on Schwab for one run; close it (``async with``/``aclose``)."""
    from trade_analyst.adapters.schwab.factory import build_market_data

    return build_market_data(config, vault, clock, transport=transport)


def __getattr__(name: str) -> "type[SchwabMarketData]":
    if name == "SchwabMarketData":
        from trade_analyst.adapters.schwab.market_data import SchwabMarketData

        return SchwabMarketData
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
