"""The browser half of ``ta auth login``: serve the callback, open the browser, get the code."""

import datetime as dt
import threading
from collections.abc import Callable
from pathlib import Path

from trade_analyst.entrypoints.callback.app import CallbackApp
from trade_analyst.entrypoints.callback.certificate import ensure_certificate
from trade_analyst.entrypoints.callback.server import bind_loopback, serve_until_redirect
from trade_analyst.ports import AuthRequired

BrowserOpener = Callable[[str], object]


async def code_from_browser(
    authorization_url: str,
    *,
    path: str,
    port: int,
    state: str,
    cert_folder: Path,
    open_browser: BrowserOpener,
    announce: Callable[[str], None],
    wait_seconds: float,
    now: dt.datetime,
) -> str:
    """Serve the callback on 127.0.0.1:``port``, send the user to Schwab, return the code.

    The socket is bound before the browser opens, so the redirect can never arrive first.
    """
    certfile, keyfile = ensure_certificate(cert_folder, now=now)
    sock = bind_loopback(port)
    app = CallbackApp(path, state=state)

    def started() -> None:
        announce(
            f"Opening the browser to log in to Schwab (waiting up to {wait_seconds:g} s for "
            f"the redirect to https://127.0.0.1:{port}{path}; the browser will warn once about "
            "the self-signed certificate). If no browser opens, visit:"
        )
        announce(authorization_url)
        # webbrowser.open can block (it may start a browser), so it runs on its own daemon
        # thread: it never stalls the server, and nobody waits for it once the login is over.
        threading.Thread(
            target=_open_quietly, args=(open_browser, authorization_url), daemon=True
        ).start()

    outcome = await serve_until_redirect(
        app,
        sock,
        certfile=certfile,
        keyfile=keyfile,
        wait_seconds=wait_seconds,
        on_started=started,
    )
    # Raised here, outside the task group, so callers see the error itself, not a group.
    if outcome is None:
        raise AuthRequired(
            f"no login redirect arrived within {wait_seconds:g} seconds",
            "run 'ta auth login' again (--timeout gives more time; --no-browser lets you "
            "paste the redirected URL instead)",
        )
    if outcome.code is None:
        raise AuthRequired(
            f"Schwab did not authorize the login ({outcome.error})",
            "run 'ta auth login' again and accept the terms and account selection",
        )
    return outcome.code


def _open_quietly(open_browser: BrowserOpener, url: str) -> None:
    try:
        open_browser(url)
    except Exception:  # no browser is fine: the URL was printed
        return
