"""OAuth 2.0 against Schwab: authorization URL, redirect parsing, code exchange and refresh.

Follows what the real service does, not only its documentation: confidential client with
HTTP Basic auth, a URL-encoded code that must be decoded exactly once, a 30-minute access
token and a refresh token whose 7 days run from the original authorization and are not
extended by refreshing. PKCE S256 is sent by default; Schwab ignores it, but it costs nothing
and protects the code if Schwab ever starts checking.

Nothing secret (tokens, client secret, code, verifier) is ever put in a message, a log line
or a repr: errors name the HTTP status and OAuth error code only.
"""

import base64
import datetime as dt
import hashlib
import json
import logging
import secrets
import time
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, quote, urlencode, urlsplit

from trade_analyst.adapters.schwab.config import (
    ACCESS_TOKEN_SECONDS,
    REFRESH_TOKEN_DAYS,
    SchwabConfig,
)
from trade_analyst.adapters.schwab.mapping.values import JsonObject
from trade_analyst.ports import AuthRequired, InvalidInput, ProviderError, RateLimited, TokenSet

if TYPE_CHECKING:  # httpx is imported by whoever builds the client, not at import time here
    import httpx

log = logging.getLogger(__name__)

LOGIN_HINT = "run 'ta auth login'"
CREDENTIALS_HINT = (
    "check TA_SCHWAB_CLIENT_ID and TA_SCHWAB_CLIENT_SECRET (the app key and secret shown "
    "for your app on developer.schwab.com)"
)
REDIRECT_HINT = (
    "set TA_SCHWAB_REDIRECT_URI (or [schwab] redirect_uri) to exactly the callback URL "
    "registered for your app, e.g. https://127.0.0.1:8182: Schwab compares the two character "
    "for character (case, port and a trailing slash count)"
)
# Error codes Schwab (or its gateway) uses when a refresh token is expired or superseded.
_STALE_REFRESH = (
    "invalid_grant",
    "refresh_token_authentication_error",
    "unsupported_token_type",
    "invalid_token",
    "expired_token",
)


def new_state() -> str:
    """An unguessable ``state`` value (256 bits) tying a redirect to this login."""
    return secrets.token_urlsafe(32)


def pkce_challenge(verifier: str) -> str:
    """The S256 challenge of a verifier: unpadded base64url of its SHA-256 (RFC 7636 §4.2)."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_pkce_pair() -> tuple[str, str]:
    """A fresh ``(verifier, challenge)``; the verifier is 86 URL-safe characters (43..128)."""
    verifier = secrets.token_urlsafe(64)
    return verifier, pkce_challenge(verifier)


def build_authorization_url(
    config: SchwabConfig, *, state: str, code_challenge: str | None = None
) -> str:
    """The URL the user opens to log in and consent; the redirect URI is sent verbatim."""
    params = {
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": config.redirect_uri,
        "state": state,
    }
    if code_challenge is not None:
        params["code_challenge"] = code_challenge
        params["code_challenge_method"] = "S256"
    return f"{config.authorize_url}?{urlencode(params, quote_via=quote, safe='')}"


LOOPBACK_HOST = "127.0.0.1"


def validate_redirect_uri(uri: str, *, listening: bool) -> None:
    """Refuse a callback URL Schwab would bounce, or one we could not catch, saying why.

    Schwab compares the redirect URI with the app's registered callback character for
    character and only accepts https; anything else registered is fine (a trailing slash,
    another host such as Schwab's own ``developer.schwab.com`` page): the paste flow reads
    the code from the address bar. Only a login that catches the redirect itself
    (``listening``) needs the callback on this machine, at 127.0.0.1 (Schwab refuses
    ``localhost``).
    """
    parts = urlsplit(uri)
    problems: list[str] = []
    if not uri.startswith("https://"):
        problems.append("it must start with https:// (lower case; Schwab requires https)")
    if not parts.hostname:
        problems.append("it names no host")
    elif parts.hostname == "localhost":
        problems.append(f"Schwab does not accept localhost; use {LOOPBACK_HOST}")
    if parts.username is not None or parts.password is not None:
        problems.append("it must not contain a user name or password")
    try:
        port = parts.port
    except ValueError:
        problems.append("its port is not a number between 0 and 65535")
        port = None
    if port == 0:
        problems.append("its port must not be 0")
    if parts.query or parts.fragment or uri.endswith(("?", "#")):
        problems.append("it must not have a query string or fragment")
    hint = REDIRECT_HINT
    elsewhere = parts.netloc.rsplit(":", 1)[0] != LOOPBACK_HOST
    if listening and parts.hostname and parts.hostname != "localhost" and elsewhere:
        problems.append(
            f"a browser login catches the redirect on this machine, so its host must be "
            f"{LOOPBACK_HOST}"
        )
        hint = (
            "use 'ta auth login --no-browser' (you paste the address you land on, any "
            f"https callback works), or register a callback such as https://{LOOPBACK_HOST}"
            ":8182 for the app and set TA_SCHWAB_REDIRECT_URI to it"
        )
    if problems:
        raise InvalidInput(f"redirect URI {uri!r} is not usable: " + "; ".join(problems), hint)


def callback_path(redirect_uri: str) -> str:
    """The request path the browser will use for the redirect (``/`` when the URI has none)."""
    return urlsplit(redirect_uri).path or "/"


def callback_port(redirect_uri: str) -> int:
    """The port the callback server must listen on (443 when the URI names none)."""
    return urlsplit(redirect_uri).port or 443


def parse_redirected_url(url: str, expected_redirect_uri: str, expected_state: str) -> str:
    """The authorization code from the URL the browser was sent to after consent.

    The code is URL-decoded exactly once (Schwab's codes end in ``%40``, i.e. ``@``). The URL
    must go to the expected redirect URI and carry the ``state`` of this login; the code is
    never echoed in an error.
    """
    # Shells and chat tools often add quotes or angle brackets around a pasted URL.
    text = url.strip().strip("'\"<>").strip()
    parts = urlsplit(text)
    expected = urlsplit(expected_redirect_uri)
    if not parts.scheme or not parts.netloc:
        raise InvalidInput(
            "that is not the redirected URL (expected something like "
            f"{expected_redirect_uri}?code=...&state=...)",
            "copy the whole address from the browser's address bar after logging in",
        )
    where = (parts.scheme.lower(), parts.netloc.lower(), parts.path or "/")
    wanted = (expected.scheme.lower(), expected.netloc.lower(), expected.path or "/")
    if where != wanted:
        shown = f"{parts.scheme}://{parts.netloc}{parts.path}"
        raise InvalidInput(
            f"the pasted URL goes to {shown}, not to the configured redirect URI "
            f"{expected_redirect_uri}{_difference(where, wanted)}",
            "paste the address the browser was redirected to for this login, or fix "
            "TA_SCHWAB_REDIRECT_URI to match the callback registered for your app",
        )
    query = parse_qs(parts.query, keep_blank_values=True)
    if "error" in query:
        reason = query["error"][0][:80]
        raise AuthRequired(
            f"Schwab did not authorize the login ({reason})",
            "run 'ta auth login' again and accept the terms and account selection",
        )
    states = query.get("state", [])
    if len(states) != 1 or not secrets.compare_digest(states[0].encode(), expected_state.encode()):
        raise AuthRequired(
            "the redirected URL does not carry this login's state (missing, forged or from "
            "another login attempt); nothing was exchanged",
            "run 'ta auth login' again and paste the URL from that same login",
        )
    codes = query.get("code", [])
    if len(codes) != 1 or not codes[0]:
        raise InvalidInput(
            "the redirected URL has no authorization code",
            "copy the whole address, including ?code=...&session=..., right after logging in",
        )
    return codes[0]


def _difference(where: tuple[str, str, str], wanted: tuple[str, str, str]) -> str:
    """What sets a redirect apart from the expected one, when it is one simple thing."""
    if where[:2] == wanted[:2] and where[2].rstrip("/") == wanted[2].rstrip("/"):
        return " (they differ only by a trailing slash, which Schwab counts)"
    if where[0] != wanted[0]:
        return f" (the scheme differs: {where[0]} instead of {wanted[0]})"
    if where[1] != wanted[1]:
        return f" (the host or port differs: {where[1]} instead of {wanted[1]})"
    return " (the path differs)"


def _basic_auth(config: SchwabConfig) -> str:
    # Schwab clients send base64("key:secret") as is; the key and secret are plain ASCII.
    raw = f"{config.client_id}:{config.client_secret}".encode()
    return "Basic " + base64.b64encode(raw).decode("ascii")


async def exchange_code(
    client: "httpx.AsyncClient",
    config: SchwabConfig,
    code: str,
    *,
    code_verifier: str | None,
    now: dt.datetime,
) -> TokenSet:
    """Trade an authorization code for tokens; ``now`` starts the refresh token's 7 days."""
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": config.redirect_uri}
    if code_verifier is not None:
        form["code_verifier"] = code_verifier
    payload = await _post_token(client, config, form, grant="authorization_code")
    return _token_set(payload, now=now, refresh_issued_at=now, previous=None)


async def refresh(
    client: "httpx.AsyncClient", config: SchwabConfig, tokens: TokenSet, *, now: dt.datetime
) -> TokenSet:
    """A new access token from the refresh token.

    The 7 days keep running from the original authorization (``refresh_issued_at`` is kept);
    a refresh token in the answer replaces the stored one, since Schwab may rotate it.
    """
    form = {"grant_type": "refresh_token", "refresh_token": tokens.refresh_token}
    payload = await _post_token(client, config, form, grant="refresh_token")
    return _token_set(payload, now=now, refresh_issued_at=tokens.refresh_issued_at, previous=tokens)


def refresh_expires_at(tokens: TokenSet) -> dt.datetime:
    """When Schwab stops accepting the refresh token: 7 days after the authorization."""
    return tokens.refresh_issued_at + dt.timedelta(days=REFRESH_TOKEN_DAYS)


def needs_refresh(tokens: TokenSet, *, now: dt.datetime, margin_seconds: float) -> bool:
    """True when the access token expires within ``margin_seconds`` (or already has)."""
    return tokens.access_expires_at - now <= dt.timedelta(seconds=margin_seconds)


async def _post_token(
    client: "httpx.AsyncClient", config: SchwabConfig, form: dict[str, str], *, grant: str
) -> JsonObject:
    import httpx

    headers = {
        "Authorization": _basic_auth(config),
        "Content-Type": "application/x-www-form-urlencoded",
        "Accept": "application/json",
    }
    started = time.monotonic()
    try:
        response = await client.post(config.token_url, data=form, headers=headers)
    except httpx.TimeoutException:
        raise ProviderError(
            f"the Schwab token endpoint did not answer in time ({config.token_url})"
        ) from None
    except httpx.TransportError as exc:
        # The exception text names only the host and OS error; the form is not in it.
        raise ProviderError(
            f"cannot reach the Schwab token endpoint {config.token_url}: {type(exc).__name__}",
            "check the network and TA_SCHWAB_API_BASE",
        ) from None
    # Only the grant type: the form (code, refresh token) and headers (secret) stay out.
    log.info(
        "POST %s (grant_type=%s) -> %d in %.3f s",
        urlsplit(config.token_url).path,
        grant,
        response.status_code,
        time.monotonic() - started,
    )
    payload = _json_object(response)
    if response.status_code == 200 and payload is not None:
        return payload
    raise _token_error(response, payload, grant=grant)


def _json_object(response: "httpx.Response") -> JsonObject | None:
    try:
        value = json.loads(response.content)
    except (ValueError, UnicodeDecodeError):
        return None
    return value if isinstance(value, dict) else None


def _error_codes(payload: JsonObject) -> tuple[str, str]:
    """The OAuth error code and description, unwrapping Schwab's JSON-in-a-string nesting."""
    error = str(payload.get("error", ""))
    description = str(payload.get("error_description", ""))
    # Seen in the wild (Schwabdev#40): error "unsupported_token_type" whose description is
    # '400 Bad Request: "{"error_description":"...","error":"refresh_token_authentication_error"}"'
    for known in ("refresh_token_authentication_error", "invalid_grant", "invalid_client"):
        if known in description:
            error = known
    return error, description


def _token_error(
    response: "httpx.Response", payload: JsonObject | None, *, grant: str
) -> Exception:
    status = response.status_code
    correlation = response.headers.get("Schwab-Client-CorrelId")
    ref = f" (correlation id {correlation})" if correlation else ""
    if status == 429:
        retry_after = _retry_after(response.headers.get("Retry-After"))
        return RateLimited(
            f"the Schwab token endpoint throttled the request{ref}", retry_after=retry_after
        )
    if payload is None or status >= 500:
        kind = "an HTML page" if "html" in response.headers.get("content-type", "") else "no JSON"
        if status == 200:
            return ProviderError(f"the Schwab token endpoint answered {kind}{ref}", status=status)
        return ProviderError(
            f"the Schwab token endpoint answered HTTP {status} with {kind}{ref}",
            "this is usually transient (an edge block or outage); try again in a minute",
            status=status,
        )
    error, description = _error_codes(payload)
    named = f"HTTP {status}, {error or 'no error code'}"
    refresh_words = "refresh token" in description.lower()
    if grant == "refresh_token" and (error in _STALE_REFRESH or refresh_words):
        return AuthRequired(
            "Schwab rejected the refresh token: it is older than 7 days, or a newer login "
            f"replaced it ({named}){ref}",
            LOGIN_HINT,
        )
    if status == 401 or error in ("invalid_client", "unauthorized_client"):
        return AuthRequired(
            f"Schwab rejected the app's client credentials ({named}){ref}", CREDENTIALS_HINT
        )
    if grant == "authorization_code":
        return AuthRequired(
            f"Schwab refused the authorization code ({named}){ref}; codes are single-use and "
            "expire about 30 seconds after the redirect",
            "run 'ta auth login' again and finish it promptly; check that the redirect URI "
            "matches the registered callback exactly",
        )
    return AuthRequired(f"Schwab refused to refresh the tokens ({named}){ref}", LOGIN_HINT)


def _retry_after(value: str | None) -> float | None:
    try:
        return max(0.0, float(value)) if value is not None else None
    except ValueError:
        return None


def _token_set(
    payload: JsonObject,
    *,
    now: dt.datetime,
    refresh_issued_at: dt.datetime,
    previous: TokenSet | None,
) -> TokenSet:
    access = payload.get("access_token")
    refresh_token = payload.get("refresh_token") or (previous.refresh_token if previous else None)
    if not isinstance(access, str) or not access or not isinstance(refresh_token, str):
        missing = "access_token" if not isinstance(access, str) or not access else "refresh_token"
        raise ProviderError(f"the Schwab token answer has no {missing}")
    expires_in = payload.get("expires_in", ACCESS_TOKEN_SECONDS)
    try:
        lifetime = float(expires_in) if isinstance(expires_in, int | float | str) else None
    except ValueError:
        lifetime = None
    if lifetime is None:
        lifetime = float(ACCESS_TOKEN_SECONDS)
    id_token = payload.get("id_token")
    return TokenSet(
        access_token=access,
        refresh_token=refresh_token,
        access_expires_at=now + dt.timedelta(seconds=lifetime),
        refresh_issued_at=refresh_issued_at,
        token_type=str(
            payload.get("token_type") or (previous.token_type if previous else "Bearer")
        ),
        scope=str(payload.get("scope") or (previous.scope if previous else "api")),
        id_token=id_token
        if isinstance(id_token, str)
        else (previous.id_token if previous else None),
    )
