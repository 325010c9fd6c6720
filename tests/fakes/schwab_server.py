"""Runs the fake Schwab API on a loopback port in a background thread.

    with running_fake_schwab() as fake:
        config = fake.config()              # a SchwabConfig pointing at the fake
        url = fake.authorize_redirect()     # where the browser lands after logging in
        fake.state.add_fault(Fault("rate_limited", retry_after=1))

The socket is bound before uvicorn starts (no port race) and only on 127.0.0.1.
"""

import datetime as dt
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import attrs
import uvicorn

from tests.fakes.schwab_app import FakeSchwabApp
from tests.fakes.schwab_state import (
    DEFAULT_CLIENT_ID,
    FakeSchwabState,
    IssuedTokens,
)
from trade_analyst.adapters.schwab.config import SchwabConfig
from trade_analyst.ports import TokenSet

_START_DEADLINE = 10.0


@attrs.frozen
class FakeSchwab:
    """A running fake: its address, its state (knobs and records), and login helpers."""

    base_url: str
    state: FakeSchwabState

    def config(self, client_id: str = DEFAULT_CLIENT_ID, **overrides: Any) -> SchwabConfig:
        """A ``SchwabConfig`` for a registered app, with ``api_base`` at this server."""
        app = self.state.apps[client_id]
        fields: dict[str, object] = {
            "client_id": app.client_id,
            "client_secret": app.client_secret,
            "redirect_uri": app.redirect_uri,
            "api_base": self.base_url,
        }
        fields.update(overrides)
        return SchwabConfig(**fields)  # type: ignore[arg-type]  # overrides are checked by attrs

    def authorize_redirect(
        self,
        client_id: str = DEFAULT_CLIENT_ID,
        state: str | None = None,
        redirect_uri: str | None = None,
    ) -> str:
        """The redirected URL (``<callback>?code=C0.…%40&session=…[&state=…]``) a browser
        would show after the user logged in; the code in it is fresh and single-use."""
        uri = redirect_uri if redirect_uri is not None else self.state.apps[client_id].redirect_uri
        return self.state.authorize(client_id, uri, state)

    def mint_code(self, client_id: str = DEFAULT_CLIENT_ID) -> str:
        """A fresh authorization code, already URL-decoded."""
        return self.state.mint_code(client_id)

    def login_tokens(self, client_id: str = DEFAULT_CLIENT_ID) -> TokenSet:
        """A complete login done server-side, as the ``TokenSet`` a vault would hold."""
        issued: IssuedTokens = self.state.login(client_id)
        now = self.state.clock.now()
        return TokenSet(
            access_token=issued.access_token,
            refresh_token=issued.refresh_token,
            access_expires_at=now + dt.timedelta(seconds=issued.expires_in),
            refresh_issued_at=now,
            id_token=issued.id_token,
        )


class _Server(uvicorn.Server):
    def install_signal_handlers(self) -> None:  # the test runner owns the signals
        return None


@contextmanager
def running_fake_schwab(state: FakeSchwabState | None = None) -> Iterator[FakeSchwab]:
    """Serve the fake on ``http://127.0.0.1:<free port>`` until the block ends."""
    state = state if state is not None else FakeSchwabState()
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(
        FakeSchwabApp(state),
        lifespan="off",
        log_level="warning",
        access_log=False,
        timeout_graceful_shutdown=1,
        timeout_keep_alive=30,
    )
    server = _Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="fake-schwab", daemon=True
    )
    thread.start()
    try:
        deadline = time.monotonic() + _START_DEADLINE
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the fake Schwab server did not start")
            time.sleep(0.01)
        yield FakeSchwab(f"http://127.0.0.1:{port}", state)
    finally:
        server.should_exit = True
        thread.join(_START_DEADLINE)
        sock.close()
