"""Ctrl-C and SIGTERM stop a run the same way: promptly, cleanly, with the signal's exit code.

Python turns SIGINT into ``KeyboardInterrupt``; inside ``anyio.run`` the event loop turns the
first one into cancelling the running command, so its ``finally`` blocks and temp-file
cleanup run. SIGTERM's default ends the process on the spot, skipping all of that; while
``sigterm_stops_like_ctrl_c`` is active it does whatever SIGINT would do. Long async work
runs under ``run_until_stopped``, which turns either signal into cancellation. The run
remembers which signal stopped it, for the message and the exit code.
"""

import signal
import threading
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TypeVar

import attrs

if TYPE_CHECKING:
    from anyio import CancelScope

T = TypeVar("T")


@attrs.frozen
class Stop:
    """How a run stopped by a signal reports itself."""

    word: str
    exit_code: int  # 128 + the signal number, as shells report a process a signal ended


INTERRUPTED = Stop("interrupted", 130)  # SIGINT (2): Ctrl-C
TERMINATED = Stop("terminated", 143)  # SIGTERM (15): kill, systemd, docker stop


@attrs.define
class _Received:
    """Signals are process-wide, so is the record of one: set by the handlers, read on exit."""

    first: int | None = None

    def record(self, signum: int) -> None:
        if self.first is None:
            self.first = signum


_RECEIVED = _Received()


def stop_reason() -> Stop:
    """What stopped the run that raised ``KeyboardInterrupt``: the first signal received."""
    return TERMINATED if _RECEIVED.first == signal.SIGTERM else INTERRUPTED


@contextmanager
def sigterm_stops_like_ctrl_c() -> Iterator[None]:
    """While inside, SIGTERM stops the run as Ctrl-C does; the previous handler after.

    Only from the main thread (the only one Python lets set handlers), and only when SIGTERM
    has its default action: an ignored SIGTERM, or an embedding app's handler, is kept.
    """
    _RECEIVED.first = None
    if not _on_main_thread() or signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL:
        yield
        return
    signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_until_stopped(main: Callable[[], Awaitable[T]]) -> T:
    """``anyio.run(main)``, cancelled by the first SIGINT or SIGTERM: then KeyboardInterrupt.

    Cancelling ends every task at its next await (and worker threads at their next
    cancellation check), so ``finally`` blocks run and the loop shuts down in order before
    the interrupt is raised. Raised inside the loop instead (Python's default), it can leave
    idle worker threads that the process then waits for forever. Later signals add nothing:
    the stop is already under way. A SIGINT ignored at start (a background job) stays ignored.
    """
    import anyio

    if not _on_main_thread():
        return anyio.run(main)  # only the main thread receives signals
    outcome: list[T] = []

    async def cancellable() -> None:
        import asyncio

        loop = asyncio.get_running_loop()  # anyio.run runs asyncio
        watched = [s for s in (signal.SIGINT, signal.SIGTERM) if _stops_the_run(s)]
        previous = {s: signal.getsignal(s) for s in watched}
        with anyio.CancelScope() as work:
            for signum in watched:
                loop.add_signal_handler(signum, _cancel, signum, work)
            try:
                outcome.append(await main())
            finally:
                for signum in watched:
                    loop.remove_signal_handler(signum)
                    signal.signal(signum, previous[signum])

    anyio.run(cancellable)
    if not outcome:
        raise KeyboardInterrupt  # cancelled by a signal: nothing else cancels ``work``
    return outcome[0]


def _cancel(signum: int, work: "CancelScope") -> None:
    _RECEIVED.record(signum)
    work.cancel()


def _stops_the_run(signum: int) -> bool:
    handler = signal.getsignal(signum)
    return handler is not signal.SIG_IGN and (signum != signal.SIGTERM or handler is _on_sigterm)


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    _RECEIVED.record(signum)
    # The SIGINT handler of the moment knows how to stop what is running (the event loop
    # installs its own); with SIGINT ignored (a background job) stop as Python's default would.
    handler = signal.getsignal(signal.SIGINT)
    if not callable(handler):
        handler = signal.default_int_handler
    handler(signal.SIGINT, frame)


def _on_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()
