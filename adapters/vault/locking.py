"""A cross-process lock on a file next to the vault (``fcntl.flock``)."""

import errno
import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from trade_analyst.ports import ProviderError

_POLL_SECONDS = 0.05


@contextmanager
def file_lock(path: Path, *, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created 0600) until the block ends.

    ``flock`` locks belong to the open file, so two threads of one process exclude each other
    too, and the kernel drops the lock if the holder dies. A holder that hangs would block us
    forever, hence polling with a deadline instead of a blocking call.
    """
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise
                if time.monotonic() >= deadline:
                    raise ProviderError(
                        f"the token vault is locked by another process ({path})",
                        "another 'ta' run is refreshing the tokens; try again, or remove the "
                        "lock file if no other 'ta' process is running",
                    ) from None
                time.sleep(_POLL_SECONDS)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
