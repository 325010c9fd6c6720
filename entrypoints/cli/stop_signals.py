"""Ctrl-C and SIGTERM stop a run the same way: promptly, cleanly, with the signal's exit code.

Python turns SIGINT into ``KeyboardInterrupt``; inside ``anyio.run`` the event loop turns the
first one into cancelling the running command, so its ``finally`` blocks and temp-file
cleanup run (a second one raises at once). SIGTERM's default ends the process on the spot,
skipping all of that; while ``sigterm_stops_like_ctrl_c`` is active it does whatever SIGINT
would do, and the run remembers that SIGTERM stopped it, for the message and the exit code.
"""

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

import attrs


@attrs.frozen
class Stop:
    """How a run stopped by a signal reports itself."""

    word: str
    exit_code: int  # 128 + the signal number, as shells report a process a signal ended


INTERRUPTED = Stop("interrupted", 130)  # SIGINT (2): Ctrl-C
TERMINATED = Stop("terminated", 143)  # SIGTERM (15): kill, systemd, docker stop


@attrs.define
class _Received:
    """Signals are process-wide, so is the record of one: set by the handler, read on exit."""

    sigterm: bool = False


_RECEIVED = _Received()


def stop_reason() -> Stop:
    """What stopped the run that just raised ``KeyboardInterrupt``: SIGTERM if one came."""
    return TERMINATED if _RECEIVED.sigterm else INTERRUPTED


@contextmanager
def sigterm_stops_like_ctrl_c() -> Iterator[None]:
    """While inside, SIGTERM stops the run as Ctrl-C does; the previous handler after.

    Only from the main thread (the only one Python lets set handlers), and only when SIGTERM
    has its default action: an ignored SIGTERM, or an embedding app's handler, is kept.
    """
    _RECEIVED.sigterm = False
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
    ):
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    _RECEIVED.sigterm = True
    # The SIGINT handler of the moment knows how to stop what is running (the event loop
    # installs its own); with SIGINT ignored (a background job) stop as Python's default would.
    handler = signal.getsignal(signal.SIGINT)
    if not callable(handler):
        handler = signal.default_int_handler
    handler(signal.SIGINT, frame)
