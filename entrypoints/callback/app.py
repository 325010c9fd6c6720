"""The raw ASGI app that receives Schwab's redirect and hands the code to the login."""

import secrets
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import parse_qs

import anyio
import attrs

# ASGI's connection scope and event messages: string-keyed, each value's type set by its key
# in the ASGI spec. The few values this app reads are checked where they are read.
Scope = Mapping[str, object]
Message = Mapping[str, object]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

_PAGE = (
    "<!doctype html><html><head><meta charset='utf-8'><title>trade-analyst</title></head>"
    "<body><h1>{title}</h1><p>{text}</p></body></html>"
)
# The URL carries the code: keep it out of caches and out of any Referer header.
_HEADERS = [
    (b"content-type", b"text/html; charset=utf-8"),
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-content-type-options", b"nosniff"),
    # Without it uvicorn waits for the browser's keep-alive socket before shutting down.
    (b"connection", b"close"),
]


@attrs.frozen
class CallbackOutcome:
    """What the redirect brought: a code, or the error Schwab reported."""

    code: str | None = attrs.field(repr=False)
    error: str | None = None


@attrs.define
class CallbackApp:
    """Answers only ``path``; accepts one redirect whose ``state`` matches, then is done.

    A wrong or missing state gets 400 and does not end the wait: a forged request cannot
    cancel or hijack the login. ``done`` is set once the real redirect has arrived.
    """

    path: str
    _state: str = attrs.field(repr=False, alias="state")
    outcome: CallbackOutcome | None = None
    done: anyio.Event = attrs.field(factory=anyio.Event, init=False, repr=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return  # lifespan is off; websockets are not served
        if scope["path"] != self.path:
            await _answer(send, 404, "Not found", "Nothing here.")
            return
        if scope["method"] not in ("GET", "HEAD"):
            await _answer(send, 405, "Method not allowed", "Use GET.")
            return
        raw_query = scope.get("query_string", b"")
        query_text = raw_query.decode("latin-1") if isinstance(raw_query, bytes) else ""
        query = parse_qs(query_text, keep_blank_values=True)
        states = query.get("state", [])
        if len(states) != 1 or not secrets.compare_digest(states[0].encode(), self._state.encode()):
            await _answer(
                send,
                400,
                "Login not accepted",
                "This redirect does not belong to the login in progress (wrong or missing state).",
            )
            return
        if self.outcome is not None:
            await _answer(send, 409, "Already done", "This login already finished; close this tab.")
            return
        codes = query.get("code", [])
        if "error" in query or len(codes) != 1 or not codes[0]:
            reason = (query.get("error") or ["no authorization code in the redirect"])[0][:80]
            self.outcome = CallbackOutcome(code=None, error=reason)
            await _answer(send, 400, "Login failed", "Schwab did not authorize the login.")
        else:
            self.outcome = CallbackOutcome(code=codes[0])
            await _answer(
                send, 200, "Logged in", "trade-analyst received the login. You can close this tab."
            )
        self.done.set()


async def _answer(send: Send, status: int, title: str, text: str) -> None:
    body = _PAGE.format(title=title, text=text).encode()
    headers = [*_HEADERS, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
