"""The Schwab Trader API adapter: OAuth 2.0 and market data over httpx."""

from adapters.schwab.config import ACCESS_TOKEN_SECONDS, REFRESH_TOKEN_DAYS, SchwabConfig

__all__ = ["ACCESS_TOKEN_SECONDS", "REFRESH_TOKEN_DAYS", "SchwabConfig"]
