"""A token vault in a variable."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import attrs

from trade_analyst.ports import AuthRequired, TokenSet


@attrs.define
class InMemoryTokenVault:
    """Holds one ``TokenSet``; ``corrupt`` makes ``load`` fail the way an unreadable file does.

    The lock is a thread lock: "cross-process" degenerates to cross-thread in one process.
    """

    tokens: TokenSet | None = None
    _corrupt: bool = False
    _lock: threading.Lock = attrs.field(factory=threading.Lock, init=False, repr=False)

    def load(self) -> TokenSet | None:
        if self._corrupt:
            raise AuthRequired("the stored tokens cannot be read", "run 'ta auth login' again")
        return self.tokens

    def save(self, tokens: TokenSet) -> None:
        self.tokens = tokens
        self._corrupt = False

    def clear(self) -> None:
        self.tokens = None
        self._corrupt = False

    def corrupt(self) -> None:
        self._corrupt = True

    @contextmanager
    def lock(self) -> Iterator[None]:
        with self._lock:
            yield
