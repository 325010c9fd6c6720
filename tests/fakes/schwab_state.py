"""What the fake Schwab server knows: registered apps, codes, tokens, limits and fault knobs.

Tests hold the same object the server reads, so they flip knobs (``add_fault``), register
apps and mint codes between requests. A lock guards it because the server answers on its own
thread. Token and code lifetimes follow Schwab's (code ~30 s, access 30 min, refresh 7
days) and run on an injectable clock (a ``FakeClock`` lets a test jump past expiry); the
rate limiter runs on the real monotonic clock because the client under test paces itself in
real time.
"""

import collections
import datetime as dt
import secrets
import threading
import time
import urllib.parse
import uuid
from typing import TYPE_CHECKING, Any, Literal, Protocol

import attrs

if TYPE_CHECKING:
    from trade_analyst.ports import Instrument, MarketData

DEFAULT_CLIENT_ID = "FakeSchwabAppKey0123456789abcdef"  # 32 characters, like a real app key
DEFAULT_CLIENT_SECRET = "FakeSecret012345"  # a fake app's secret (16 characters)
DEFAULT_REDIRECT_URI = "https://127.0.0.1:8182"

ACCESS_TOKEN_SECONDS = 1800
REFRESH_TOKEN_LIFETIME = dt.timedelta(days=7)
CODE_LIFETIME = dt.timedelta(seconds=30)

FaultKind = Literal[
    "status",  # answer ``status`` with Schwab's JSON error body (500, 502, 503, 404...)
    "rate_limited",  # 429 with ``Retry-After: retry_after`` when given
    "expired_token",  # 401 as for an expired access token, whatever token came
    "slow",  # sleep ``delay`` seconds, then answer normally
    "malformed_json",  # 200 with a body that is not JSON
    "html",  # ``status`` with an HTML error page (Akamai "Access Denied" style)
]
FaultScope = Literal["marketdata", "oauth"]


class NowSource(Protocol):
    def now(self) -> dt.datetime: ...


@attrs.frozen
class _UtcNow:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@attrs.frozen
class RegisteredApp:
    client_id: str
    client_secret: str
    redirect_uri: str


@attrs.frozen
class Fault:
    kind: FaultKind
    scope: FaultScope = "marketdata"
    status: int = 500
    retry_after: float | None = None
    delay: float = 0.0
    path_prefix: str = ""  # only requests whose path starts with this (after the API root)


@attrs.define
class _Code:
    client_id: str
    redirect_uri: str
    expires_at: dt.datetime
    used: bool = False


@attrs.define
class _Refresh:
    client_id: str
    authorized_at: dt.datetime  # the 7 days run from the login, not from the last refresh
    login: int  # which login issued it; a newer login supersedes it
    revoked: bool = False


@attrs.frozen
class _Access:
    client_id: str
    expires_at: dt.datetime


@attrs.frozen
class RequestRecord:
    """One request the server answered (no header values, so no token is kept here)."""

    method: str
    path: str
    query: str
    status: int


@attrs.frozen
class TokenRequestRecord:
    """One token-endpoint call: which grant, and which form fields came (names only)."""

    grant_type: str
    fields: frozenset[str]
    status: int


class TokenError(Exception):
    """An OAuth error the token endpoint answers as ``{"error": ..., ...}``."""

    def __init__(self, status: int, error: str, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.error = error
        self.description = description


@attrs.frozen
class IssuedTokens:
    access_token: str
    refresh_token: str
    expires_in: int
    id_token: str


@attrs.define
class _Bucket:
    """A token bucket: ``capacity`` requests at once, refilled at ``rate`` per second."""

    capacity: float
    rate: float
    level: float
    updated: float

    def take(self, now: float) -> float | None:
        """None when a request may go now, else the seconds until one may."""
        self.level = min(self.capacity, self.level + (now - self.updated) * self.rate)
        self.updated = now
        if self.level >= 1.0:
            self.level -= 1.0
            return None
        return (1.0 - self.level) / self.rate


def _opaque(prefix: str) -> str:
    # Schwab's codes and tokens look like ``C0.<base64>@`` / ``I0.<base64>@``.
    return f"{prefix}.{secrets.token_urlsafe(24)}@"


@attrs.define
class FakeSchwabState:
    """Everything the fake server holds. Methods are safe to call from any thread."""

    clock: NowSource = attrs.field(factory=_UtcNow)
    # Requests per minute per app on the market-data endpoints (None: unlimited). The server
    # refills continuously and allows a small burst so a client pacing at exactly the limit is
    # never refused for network jitter.
    rate_limit_per_minute: int | None = 120
    rate_limit_burst: int | None = None  # default: a twelfth of the limit (5 s worth), min 1
    rate_limit_retry_after: bool = True  # send Retry-After with 429s
    latency: float = 0.0  # seconds added to every market-data answer
    gzip: bool = False  # gzip bodies when the client accepts it
    rotate_refresh_tokens: bool = False  # answer refresh grants with a new refresh token
    access_token_seconds: int = ACCESS_TOKEN_SECONDS
    code_lifetime: dt.timedelta = CODE_LIFETIME
    refresh_lifetime: dt.timedelta = REFRESH_TOKEN_LIFETIME
    # Where market data comes from: None serves ``adapters.mock.MockMarketData`` on ``clock``.
    market: "MarketData | None" = None
    # Answer a repeated market-data request from memory (benchmarks: keeps the fake's own
    # data generation out of the client's figures).
    cache_responses: bool = False
    response_cache: dict[str, Any] = attrs.field(factory=dict)

    # Quirks of the real API, each off until a test switches it on:
    # symbol -> NAV of a mutual fund, answered as Schwab does (nAV 0, the NAV in closePrice).
    mutual_funds: dict[str, float] = attrs.field(factory=dict)
    # Symbols answered as never traded: 0 in the price fields (Schwab's placeholder).
    untraded: set[str] = attrs.field(factory=set)
    # Every chain contract answered as never traded (last 0, volume 0, open interest 0).
    untraded_chains: bool = False
    # A futures root's quote comes back under its contract's key (/ES answered as /ESH25).
    roots_keyed_by_contract: bool = False
    # symbol -> an after-hours print sent as lastPrice; the ``regular`` group keeps the
    # regular session's last.
    extended_last: dict[str, float] = attrs.field(factory=dict)
    # A chain answer of more contracts than this is a 502 "Body buffer overflow".
    chain_overflow_above: int | None = None
    # A chain of more contracts than this is cut to this many, with isChainTruncated true.
    chain_truncate_above: int | None = None
    # What /instruments/{cusip} knows besides the market's own instruments.
    instruments_by_cusip: "dict[str, Instrument]" = attrs.field(factory=dict)

    apps: dict[str, RegisteredApp] = attrs.field(factory=dict)
    requests: list[RequestRecord] = attrs.field(factory=list)  # answered, in answer order
    arrivals: list[str] = attrs.field(factory=list)  # paths, as they arrived (slow ones too)
    token_requests: list[TokenRequestRecord] = attrs.field(factory=list)
    authorize_params: list[frozenset[str]] = attrs.field(factory=list)

    _faults: collections.deque[Fault] = attrs.field(factory=collections.deque, init=False)
    _codes: dict[str, _Code] = attrs.field(factory=dict, init=False)
    _refresh: dict[str, _Refresh] = attrs.field(factory=dict, init=False)
    _access: dict[str, _Access] = attrs.field(factory=dict, init=False)
    _logins: dict[str, int] = attrs.field(factory=dict, init=False)
    _buckets: dict[str, _Bucket] = attrs.field(factory=dict, init=False)
    _lock: threading.RLock = attrs.field(factory=threading.RLock, init=False, repr=False)
    # Bumped by ``reset``: a slow answer still running from an earlier test is not recorded
    # into the next test's request log.
    generation: int = attrs.field(default=0, init=False)

    def __attrs_post_init__(self) -> None:
        self.register_app(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, DEFAULT_REDIRECT_URI)

    # ------------------------------------------------------------------ knobs
    def register_app(self, client_id: str, client_secret: str, redirect_uri: str) -> None:
        with self._lock:
            self.apps[client_id] = RegisteredApp(client_id, client_secret, redirect_uri)

    def add_fault(self, fault: Fault, times: int = 1) -> None:
        """Make the next ``times`` matching requests fail the way ``fault`` says."""
        with self._lock:
            self._faults.extend([fault] * times)

    def clear_faults(self) -> None:
        with self._lock:
            self._faults.clear()

    def pending_faults(self) -> int:
        with self._lock:
            return len(self._faults)

    def expire_access_tokens(self) -> None:
        """Every access token issued so far is now expired (as if 30 minutes had passed)."""
        with self._lock:
            past = self.clock.now() - dt.timedelta(seconds=1)
            for token, grant in self._access.items():
                self._access[token] = _Access(grant.client_id, min(grant.expires_at, past))

    def revoke_refresh_tokens(self) -> None:
        """Every refresh token is invalid now (a password reset does this at Schwab)."""
        with self._lock:
            for grant in self._refresh.values():
                grant.revoked = True

    def reset(self) -> None:
        """Back to a freshly started server with only the default app registered."""
        with self._lock:
            fresh = FakeSchwabState()
            for field in attrs.fields(FakeSchwabState):
                if field.name not in ("_lock", "generation"):
                    setattr(self, field.name, getattr(fresh, field.name))
            self.generation += 1

    def statuses(self, path_prefix: str = "/marketdata/") -> list[int]:
        with self._lock:
            return [r.status for r in self.requests if r.path.startswith(path_prefix)]

    # ------------------------------------------------------------------ OAuth
    def authorize(self, client_id: str, redirect_uri: str, state: str | None = None) -> str:
        """The URL the browser lands on after the user logs in and consents.

        Raises ``ValueError`` for an unknown app or a redirect URI that is not exactly the
        registered one (Schwab shows an error page then, it never redirects).
        """
        with self._lock:
            app = self.apps.get(client_id)
            if app is None:
                raise ValueError("unknown client_id")
            if redirect_uri != app.redirect_uri:
                raise ValueError("redirect_uri does not match the registered callback")
            code = _opaque("C0")
            self._codes[code] = _Code(
                client_id, redirect_uri, self.clock.now() + self.code_lifetime
            )
        query = {"code": code, "session": str(uuid.uuid4())}
        if state is not None:
            query["state"] = state
        # ``quote_via=quote`` with no safe characters: the code's ``@`` arrives as ``%40``.
        encoded = urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="")
        return f"{redirect_uri}?{encoded}"

    def mint_code(self, client_id: str = DEFAULT_CLIENT_ID) -> str:
        """A fresh authorization code (decoded) for the app, as if the user had logged in."""
        app = self.apps[client_id]
        url = self.authorize(client_id, app.redirect_uri)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)
        return query["code"][0]

    def check_client(self, client_id: str, client_secret: str) -> RegisteredApp:
        with self._lock:
            app = self.apps.get(client_id)
        if app is None or not secrets.compare_digest(app.client_secret, client_secret):
            raise TokenError(401, "invalid_client", "Client authentication failed")
        return app

    def exchange_code(self, app: RegisteredApp, code: str, redirect_uri: str) -> IssuedTokens:
        with self._lock:
            grant = self._codes.get(code)
            if grant is None or grant.used:
                raise TokenError(400, "invalid_grant", "authorization code is invalid")
            grant.used = True  # single use, even when the rest of the request is wrong
            if grant.client_id != app.client_id:
                raise TokenError(400, "invalid_grant", "authorization code is invalid")
            if self.clock.now() >= grant.expires_at:
                raise TokenError(400, "invalid_grant", "authorization code has expired")
            if redirect_uri != grant.redirect_uri:
                raise TokenError(400, "invalid_grant", "redirect_uri does not match")
            # A new login supersedes every refresh token this app was given before.
            login = self._logins.get(app.client_id, 0) + 1
            self._logins[app.client_id] = login
            for old in self._refresh.values():
                if old.client_id == app.client_id:
                    old.revoked = True
            refresh = _opaque("R0")
            self._refresh[refresh] = _Refresh(app.client_id, self.clock.now(), login)
            return self._issue(app.client_id, refresh)

    def refresh(self, app: RegisteredApp, refresh_token: str) -> IssuedTokens:
        with self._lock:
            grant = self._refresh.get(refresh_token)
            if grant is None or grant.client_id != app.client_id:
                raise TokenError(400, "invalid_grant", "refresh token is invalid")
            if grant.revoked:
                # Schwab nests a JSON error inside the description for a superseded token.
                inner = (
                    '{"error_description":"Exception while authenticating refresh token '
                    '[tokenDigest=...]","error":"refresh_token_authentication_error"}'
                )
                raise TokenError(400, "unsupported_token_type", f'400 Bad Request: "{inner}"')
            if self.clock.now() >= grant.authorized_at + self.refresh_lifetime:
                raise TokenError(400, "invalid_client", "refresh token invalid")
            if self.rotate_refresh_tokens:
                grant.revoked = True
                refresh_token = _opaque("R0")
                self._refresh[refresh_token] = _Refresh(
                    app.client_id, grant.authorized_at, grant.login
                )
            return self._issue(app.client_id, refresh_token)

    def _issue(self, client_id: str, refresh_token: str) -> IssuedTokens:
        access = _opaque("I0")
        expires = self.clock.now() + dt.timedelta(seconds=self.access_token_seconds)
        self._access[access] = _Access(client_id, expires)
        return IssuedTokens(access, refresh_token, self.access_token_seconds, _opaque("eyJ"))

    def login(self, client_id: str = DEFAULT_CLIENT_ID) -> IssuedTokens:
        """A whole browser login and code exchange, done server-side (to seed a vault)."""
        app = self.apps[client_id]
        return self.exchange_code(app, self.mint_code(client_id), app.redirect_uri)

    # ------------------------------------------------------------------ market data
    def check_access(self, token: str) -> str | None:
        """The app an access token belongs to, or None when unknown or expired."""
        with self._lock:
            grant = self._access.get(token)
            if grant is None or self.clock.now() >= grant.expires_at:
                return None
            return grant.client_id

    def take_fault(self, scope: FaultScope, path: str) -> Fault | None:
        with self._lock:
            for index, fault in enumerate(self._faults):
                if fault.scope == scope and path.startswith(fault.path_prefix):
                    del self._faults[index]
                    return fault
            return None

    def throttle(self, client_id: str) -> float | None:
        """None when ``client_id`` may make a market-data request now, else seconds to wait."""
        with self._lock:
            limit = self.rate_limit_per_minute
            if limit is None:
                return None
            bucket = self._buckets.get(client_id)
            if bucket is None or bucket.rate != limit / 60.0:
                burst = self.rate_limit_burst or max(1, limit // 12)
                now = time.monotonic()
                bucket = _Bucket(float(burst), limit / 60.0, float(burst), now)
                self._buckets[client_id] = bucket
            return bucket.take(time.monotonic())

    def arrived(self, path: str) -> None:
        with self._lock:
            self.arrivals.append(path)

    def record(self, record: RequestRecord, generation: int) -> None:
        with self._lock:
            if generation == self.generation:
                self.requests.append(record)

    def record_token_request(self, record: TokenRequestRecord) -> None:
        with self._lock:
            self.token_requests.append(record)
