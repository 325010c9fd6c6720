"""The fake's market-data endpoints, answering in Schwab's real JSON shapes."""

from tests.fakes.schwab_http import Request, Response, schwab_error
from tests.fakes.schwab_state import FakeSchwabState


def handle(state: FakeSchwabState, request: Request, route: str) -> Response:
    return schwab_error(404, f"no route {route}")
