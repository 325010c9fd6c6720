"""``Client``: the ``AsyncClient``'s calls, blocking, for scripts and notebooks.

The calls run on an event loop in a thread of the client's own, kept for its life: the
provider's HTTP connections belong to one loop, so they are reused from call to call, and
a call works where a loop already runs in the caller's thread (Jupyter).
"""

import functools
import queue
import threading
import weakref
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import TYPE_CHECKING, Concatenate, ParamSpec, TypeVar

from trade_analyst.entrypoints.api.client import CLOSED_HINT, AsyncClient
from trade_analyst.ports import TradeAnalystError

if TYPE_CHECKING:
    pass

P = ParamSpec("P")
R = TypeVar("R")


class _LoopThread:
    """An event loop in a daemon thread (a client left open never holds up the exit)."""

    def __init__(self) -> None:
        import anyio
        from anyio.from_thread import BlockingPortal

        started: queue.Queue[BlockingPortal] = queue.Queue(maxsize=1)

        async def serve() -> None:
            async with BlockingPortal() as portal:
                started.put(portal)
                await portal.sleep_until_stopped()

        self._thread = threading.Thread(
            target=anyio.run, args=(serve,), name="trade-analyst-client", daemon=True
        )
        self._thread.start()
        self.portal: BlockingPortal = started.get()

    def stop(self) -> None:
        self.portal.call(self.portal.stop)
        self._thread.join()


def _shut(loop: _LoopThread, client: AsyncClient) -> None:
    """Close ``client`` on its loop, then end the loop (once, however it is reached)."""
    try:
        loop.portal.call(client.aclose)
    finally:
        loop.stop()


def _blocking(
    call: Callable[Concatenate[AsyncClient, P], Awaitable[R]],
) -> Callable[Concatenate["Client", P], R]:
    """``call`` of the ``AsyncClient``, run to its end on the client's loop."""

    def run(self: "Client", /, *args: P.args, **kwargs: P.kwargs) -> R:
        if not self._close.alive:
            from trade_analyst.ports import InvalidInput

            raise InvalidInput("the client is closed", CLOSED_HINT)
        work = functools.partial(call, self._client, *args, **kwargs)
        try:
            result: R = self._loop.portal.call(work)
        except TradeAnalystError as error:
            # A failure the user can act on: its message and hint, not the frames of the
            # loop thread it crossed (its cause, if any, is kept).
            raise error.with_traceback(None)  # noqa: B904 (the same error, not a new one)
        return result

    functools.update_wrapper(run, call)  # its name, docstring and signature, for help()
    return run


class Client:
    """Market data from one provider; every call answers a pyarrow Table.

    Made by ``trade_analyst.connect``. ``with`` closes it, as does ``close()``; one left
    open is closed when it is garbage-collected or the interpreter exits.
    """

    def __init__(self, open_client: Callable[[], AsyncClient]) -> None:
        self._loop = _LoopThread()
        try:
            # Built on its loop: whatever the provider binds to a loop is bound to that one.
            self._client: AsyncClient = self._loop.portal.call(open_client)
        except BaseException:
            self._loop.stop()
            raise
        self._close = weakref.finalize(self, _shut, self._loop, self._client)

    @property
    def provider(self) -> str:
        return self._client.provider

    @property
    def synthetic(self) -> bool:
        """Whether this provider makes its data up (the mock), as every row also says."""
        return self._client.synthetic

    def close(self) -> None:
        """Release the provider's connections and the client's thread; twice is fine."""
        self._close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        state = "open" if self._close.alive else "closed"
        return f"<trade_analyst Client provider={self.provider!r} {state}>"

    history = _blocking(AsyncClient.history)
    quotes = _blocking(AsyncClient.quotes)
    chain = _blocking(AsyncClient.chain)
    levels = _blocking(AsyncClient.levels)
