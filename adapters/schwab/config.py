"""Settings of the Schwab adapter: credentials, endpoints, pacing. Built by the bootstrap."""

import attrs

# Lifetimes Schwab gives tokens: 30 minutes for an access token; 7 days for a refresh
# token, counted from the login and not extended by refreshing.
ACCESS_TOKEN_SECONDS = 30 * 60
REFRESH_TOKEN_DAYS = 7


@attrs.frozen(kw_only=True)
class SchwabConfig:
    """Everything the Schwab adapter needs to know; the secret never appears in ``repr``."""

    client_id: str
    client_secret: str = attrs.field(repr=False)
    redirect_uri: str = "https://127.0.0.1:8182"
    api_base: str = "https://api.schwabapi.com"
    requests_per_minute: int = 120
    timeout_seconds: float = 30.0
    max_retries: int = 4
    # One API call with all its retries must finish in this many seconds (None: no limit).
    request_deadline_seconds: float | None = 60.0
    # Refresh this long before the access token expires, so no request races its expiry.
    refresh_margin_seconds: float = 300.0

    @property
    def authorize_url(self) -> str:
        return f"{self.api_base}/v1/oauth/authorize"

    @property
    def token_url(self) -> str:
        return f"{self.api_base}/v1/oauth/token"

    @property
    def market_data_url(self) -> str:
        return f"{self.api_base}/marketdata/v1"
