"""Serve the callback app over https on 127.0.0.1 until the redirect arrives."""

import socket
from collections.abc import Callable
from pathlib import Path

import anyio

from trade_analyst.entrypoints.callback.app import CallbackApp, CallbackOutcome
from trade_analyst.ports import InvalidInput

LOOPBACK = "127.0.0.1"
# uvicorn has no "started" event; its startup takes a few milliseconds.
_STARTUP_POLL_SECONDS = 0.01


def bind_loopback(port: int) -> socket.socket:
    """A listening socket on 127.0.0.1 only, so nothing off this machine can reach it."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((LOOPBACK, port))
    except OSError as exc:
        sock.close()
        raise InvalidInput(
            f"cannot listen on {LOOPBACK}:{port} for the login callback: {exc.strerror}",
            "free that port, or log in headless with 'ta auth login --no-browser'",
        ) from None
    sock.listen(16)
    return sock


async def serve_until_redirect(
    app: CallbackApp,
    sock: socket.socket,
    *,
    certfile: Path,
    keyfile: Path,
    wait_seconds: float,
    on_started: Callable[[], None] = lambda: None,
) -> CallbackOutcome | None:
    """Run uvicorn on ``sock`` until ``app`` has its redirect; None after ``wait_seconds``.

    Ctrl-C is uvicorn's: it stops the server gracefully and re-raises the signal, which ends
    the run as an interrupt. Where SIGINT is ignored (a background job) uvicorn still stops,
    and that is reported as ``KeyboardInterrupt`` too, not as a timeout. The socket is
    closed whatever happens. ``on_started`` runs once uvicorn serves (and handles signals),
    so whatever it tells the user to do next can be answered and interrupted.
    """
    import uvicorn

    config = uvicorn.Config(
        app,
        lifespan="off",
        # log_config None leaves the host's logging alone; access_log off because the
        # request line holds the authorization code.
        log_config=None,
        log_level="warning",
        access_log=False,
        ssl_certfile=str(certfile),
        ssl_keyfile=str(keyfile),
        timeout_graceful_shutdown=2,
        timeout_keep_alive=1,
    )
    server = uvicorn.Server(config)
    stopped_early = False
    server_told_to_stop = False
    try:
        async with anyio.create_task_group() as group:

            async def run() -> None:
                nonlocal stopped_early
                await server.serve(sockets=[sock])
                if not server_told_to_stop:
                    stopped_early = True  # a signal stopped it: stop waiting too
                    group.cancel_scope.cancel()

            group.start_soon(run)
            with anyio.move_on_after(wait_seconds):
                while not server.started:  # noqa: ASYNC110 (uvicorn offers no started event)
                    await anyio.sleep(_STARTUP_POLL_SECONDS)
                on_started()
                await app.done.wait()
            server_told_to_stop = True
            server.should_exit = True
    finally:
        sock.close()
    if stopped_early:
        raise KeyboardInterrupt
    return app.outcome
