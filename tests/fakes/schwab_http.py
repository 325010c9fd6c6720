"""Request and response plumbing of the fake Schwab server (raw ASGI, no framework)."""

import gzip
import json
import urllib.parse
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import attrs

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]


@attrs.frozen
class Request:
    method: str
    path: str  # percent-decoded
    raw_path: str  # as sent, so ``%2FES`` in a path can be told from a real ``/``
    query_string: str
    headers: dict[str, str]  # lower-cased names; repeated headers joined with ", "
    body: bytes

    def query(self) -> dict[str, str]:
        """Query parameters, ``+`` read as space; a repeated one keeps its last value."""
        pairs = urllib.parse.parse_qsl(self.query_string, keep_blank_values=True)
        return dict(pairs)

    def form(self) -> dict[str, str]:
        return dict(urllib.parse.parse_qsl(self.body.decode("latin-1"), keep_blank_values=True))


@attrs.frozen
class Response:
    status: int
    body: bytes = b""
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()


def json_response(status: int, payload: object, *headers: tuple[str, str]) -> Response:
    body = json.dumps(payload, separators=(",", ":")).encode()
    return Response(status, body, "application/json", headers)


_TITLES = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def schwab_error(
    status: int, detail: str | None = None, *headers: tuple[str, str], numeric: bool = False
) -> Response:
    """Schwab's market-data error body; ``status`` is a string or a number, as in real traffic."""
    error: dict[str, object] = {
        "id": str(uuid.uuid4()),
        "status": status if numeric else str(status),
        "title": _TITLES.get(status, "Error"),
    }
    if detail is not None:
        error["detail"] = detail
    return json_response(status, {"errors": [error]}, *headers)


def body_overflow() -> Response:
    """What Schwab's Apigee gateway answers when a response is too large to buffer."""
    fault = {
        "faultstring": "Body buffer overflow",
        "detail": {"errorcode": "protocol.http.TooBigBody"},
    }
    return json_response(502, {"fault": fault})


def oauth_error(status: int, error: str, description: str) -> Response:
    return json_response(status, {"error": error, "error_description": description})


def html_page(status: int, title: str, text: str) -> Response:
    body = (
        f"<HTML><HEAD><TITLE>{title}</TITLE></HEAD><BODY><H1>{title}</H1>{text}"
        "<P>Reference&#32;&#35;18&#46;5c3f1402&#46;1700000000&#46;1a2b3c4d</P></BODY></HTML>"
    ).encode()
    return Response(status, body, "text/html")


async def read_request(scope: Scope, receive: Receive) -> Request:
    chunks: list[bytes] = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    headers: dict[str, str] = {}
    for name, value in scope["headers"]:
        key = name.decode("latin-1").lower()
        text = value.decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    raw = scope.get("raw_path") or scope["path"].encode()
    return Request(
        method=scope["method"],
        path=scope["path"],
        raw_path=raw.decode("latin-1"),
        query_string=scope["query_string"].decode("latin-1"),
        headers=headers,
        body=b"".join(chunks),
    )


async def send_response(send: Send, response: Response, *, gzip_body: bool) -> None:
    body = response.body
    headers = [
        (b"content-type", response.content_type.encode()),
        # Every real answer carries one; clients quote it in error reports.
        (b"schwab-client-correlid", str(uuid.uuid4()).encode()),
    ]
    if gzip_body and body:
        body = gzip.compress(body, compresslevel=1)
        headers.append((b"content-encoding", b"gzip"))
    headers.append((b"content-length", str(len(body)).encode()))
    headers.extend((name.encode(), value.encode()) for name, value in response.headers)
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
