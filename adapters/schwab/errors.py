"""Turn a failed Schwab answer into one of the port errors, keeping what helps a user.

Schwab's error bodies come in several shapes: the
market-data ``{"errors": [{"status": "400" | 400, "title", "detail"}]}``, OAuth's
``{"error", "error_description"}``, an Apigee ``{"fault": ...}``, and non-JSON pages (Akamai
"Access Denied" HTML, a Spring "Whitelabel Error Page", plain text). Whatever came, the message
names the HTTP status, a short readable reason and the ``Schwab-Client-CorrelId`` Schwab
support asks for. Request headers are never quoted, so no token can leak into a message.
"""

import html
import json
import re
from collections.abc import Mapping

from trade_analyst.ports import (
    AuthRequired,
    InvalidInput,
    NoData,
    ProviderError,
    RateLimited,
    ResponseTooLarge,
    TradeAnalystError,
)

CORRELATION_HEADER = "Schwab-Client-CorrelId"
_REASON_LIMIT = 200
_TAGS = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` in seconds (a number; HTTP dates are not used by Schwab's gateway)."""
    if value is None:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None


def reason_from_body(body: bytes, content_type: str) -> str:
    """A short human reason from any error body; empty when there is nothing useful."""
    text = body.decode("utf-8", errors="replace").strip()
    if not text:
        return ""
    if "json" in content_type or text[:1] in "{[":
        try:
            return _reason_from_json(json.loads(text))
        except ValueError:
            pass
    if "html" in content_type or text[:1] == "<":
        title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
        heading = re.search(r"<h1[^>]*>(.*?)</h1>", text, re.IGNORECASE | re.DOTALL)
        found = heading or title
        text = found.group(1) if found else _TAGS.sub(" ", text)
        text = html.unescape(_TAGS.sub(" ", text))
    return _short(text)


def _reason_from_json(payload: object) -> str:
    if isinstance(payload, Mapping):
        errors = payload.get("errors")
        if isinstance(errors, list) and errors:
            parts = []
            for error in errors:
                if isinstance(error, Mapping):
                    words = [str(error[k]) for k in ("title", "detail") if error.get(k)]
                    parts.append(": ".join(words))
                elif isinstance(error, str):  # the Trader API's ServiceError lists strings
                    parts.append(error)
            return _short("; ".join(p for p in parts if p))
        if "error" in payload:
            words = [str(payload[k]) for k in ("error", "error_description") if payload.get(k)]
            return _short(": ".join(words))
        fault = payload.get("fault")
        if isinstance(fault, Mapping) and fault.get("faultstring"):
            return _short(str(fault["faultstring"]))
        if payload.get("message"):
            return _short(str(payload["message"]))
    return ""


def _short(text: str) -> str:
    text = _SPACES.sub(" ", text).strip()
    return text if len(text) <= _REASON_LIMIT else text[: _REASON_LIMIT - 1] + "…"


def describe(status: int, what: str, reason: str, correlation_id: str | None) -> str:
    message = f"Schwab answered HTTP {status} to {what}"
    if reason:
        message += f": {reason}"
    if correlation_id:
        message += f" (Schwab-Client-CorrelId {correlation_id})"
    return message


def is_body_overflow(status: int, body: bytes) -> bool:
    """Schwab's gateway refusing an answer too large to buffer (a huge option chain).

    It comes as a 502 whose Apigee fault says "Body buffer overflow"; sending the same request
    again fails the same way, so it is never retried.
    """
    return status == 502 and b"buffer overflow" in body.lower()


def error_for_status(
    status: int,
    what: str,
    *,
    body: bytes,
    content_type: str,
    headers: Mapping[str, str],
) -> TradeAnalystError:
    """The port error for a non-2xx answer that retries did not (or must not) fix."""
    correlation = headers.get(CORRELATION_HEADER.lower()) or headers.get(CORRELATION_HEADER)
    reason = reason_from_body(body, content_type)
    message = describe(status, what, reason, correlation)
    if is_body_overflow(status, body):
        return ResponseTooLarge(
            message,
            "ask for less: an option chain with --from/--to (or --expiration) and --strikes",
            status=status,
        )
    if status == 401:
        return AuthRequired(
            message,
            "run 'ta auth login'; if it keeps happening, check that the app has the "
            "'Market Data Production' product on developer.schwab.com",
        )
    if status == 429:
        return RateLimited(message, retry_after=retry_after_seconds(headers.get("retry-after")))
    if status == 404:
        return NoData(message, "check the symbol: Schwab does not know it")
    if status == 400:
        return InvalidInput(message, "check the symbols, dates and options of the request")
    if status == 403:
        return ProviderError(
            message,
            "Schwab's gateway refused the request; this is usually transient, try again later",
            status=status,
        )
    return ProviderError(message, status=status)
