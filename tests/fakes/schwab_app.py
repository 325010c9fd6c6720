"""The fake Schwab API as a raw ASGI application.

Market-data requests pass, in order: a scripted fault if one is queued, the bearer token
check (401 when expired or unknown), the per-app rate limit (429), the configured latency,
then the endpoint. Every answer carries ``Schwab-Client-CorrelId`` and is gzipped when the
``gzip`` knob is on and the client accepts it.
"""

import asyncio
import math

from tests.fakes import schwab_marketdata, schwab_oauth
from tests.fakes.schwab_http import (
    Receive,
    Request,
    Response,
    Scope,
    Send,
    html_page,
    read_request,
    schwab_error,
    send_response,
)
from tests.fakes.schwab_state import FakeSchwabState, Fault, RequestRecord

MARKET_DATA_ROOT = "/marketdata/v1"


class FakeSchwabApp:
    def __init__(self, state: FakeSchwabState) -> None:
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # lifespan is off; nothing else is served
            return
        request = await read_request(scope, receive)
        generation = self.state.generation
        self.state.arrived(request.path)
        response = await self._answer(request)
        self.state.record(
            RequestRecord(request.method, request.path, request.query_string, response.status),
            generation,
        )
        accepts_gzip = "gzip" in request.headers.get("accept-encoding", "")
        await send_response(send, response, gzip_body=self.state.gzip and accepts_gzip)

    async def _answer(self, request: Request) -> Response:
        path = request.path
        if path.startswith("/v1/oauth/"):
            fault = self.state.take_fault("oauth", path[len("/v1/oauth") :])
            if fault is not None:
                faulted = await _apply(fault)
                if faulted is not None:
                    return faulted
            if path == "/v1/oauth/authorize":
                return schwab_oauth.authorize(self.state, request)
            if path == "/v1/oauth/token":
                return schwab_oauth.token(self.state, request)
        elif path.startswith(MARKET_DATA_ROOT + "/"):
            return await self._market_data(request)
        return html_page(404, "Not Found", "<P>Requested route does not exist.</P>")

    async def _market_data(self, request: Request) -> Response:
        route = request.path[len(MARKET_DATA_ROOT) :]
        fault = self.state.take_fault("marketdata", route)
        if fault is not None:
            faulted = await _apply(fault)
            if faulted is not None:
                return faulted
        authorization = request.headers.get("authorization", "")
        if not authorization:
            return schwab_error(400, "Missing header")
        scheme, _, token = authorization.partition(" ")
        client_id = self.state.check_access(token) if scheme.lower() == "bearer" else None
        if client_id is None:
            return schwab_error(401, None, numeric=True)
        wait = self.state.throttle(client_id)
        if wait is not None:
            headers: tuple[tuple[str, str], ...] = ()
            if self.state.rate_limit_retry_after:
                headers = (("retry-after", str(max(1, math.ceil(wait)))),)
            return schwab_error(429, "Too many requests", *headers)
        if self.state.latency > 0:
            await asyncio.sleep(self.state.latency)
        if request.method != "GET":
            return schwab_error(405, "Only GET is served")
        return await schwab_marketdata.handle(self.state, request, route)


async def _apply(fault: Fault) -> Response | None:
    """The response a fault forces, or None when it only delays the normal answer."""
    if fault.kind == "slow":
        await asyncio.sleep(fault.delay)
        return None
    if fault.kind == "rate_limited":
        headers: tuple[tuple[str, str], ...] = ()
        if fault.retry_after is not None:
            headers = (("retry-after", _seconds(fault.retry_after)),)
        return schwab_error(429, "Too many requests", *headers)
    if fault.kind == "expired_token":
        return schwab_error(401, None, numeric=True)
    if fault.kind == "malformed_json":
        return Response(200, b'{"candles": [{"open": 1.0, "high"', "application/json")
    if fault.kind == "html":
        return html_page(
            fault.status,
            "Access Denied",
            "<P>You don't have permission to access this resource on this server.</P>",
        )
    return schwab_error(fault.status, "fault injected by the test", numeric=fault.status >= 500)


def _seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
