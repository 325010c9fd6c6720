"""The OAuth token set and where it is kept between runs."""

import datetime as dt
from contextlib import AbstractContextManager
from typing import Protocol

import attrs

from trade_analyst.ports._times import to_utc


@attrs.frozen(kw_only=True)
class TokenSet:
    """One login's tokens. Secrets are left out of ``repr`` so they never reach a log.

    ``access_expires_at`` comes from ``expires_in`` at issue time; ``refresh_issued_at`` is
    when the user authorised (the refresh token's 7 days run from there and are not extended
    by refreshing).
    """

    access_token: str = attrs.field(repr=False)
    refresh_token: str = attrs.field(repr=False)
    access_expires_at: dt.datetime = attrs.field(converter=to_utc)
    refresh_issued_at: dt.datetime = attrs.field(converter=to_utc)
    token_type: str = "Bearer"  # noqa: S105 (a scheme name, not a secret)
    scope: str = "api"
    id_token: str | None = attrs.field(default=None, repr=False)


class TokenVault(Protocol):
    """Keeps one token set across runs and processes.

    ``load`` returns None when nothing is stored and raises ``AuthRequired`` when something is
    stored but unusable (wrong key, corrupt). ``save`` replaces atomically; ``clear`` is
    idempotent. ``lock`` is a cross-process mutex: hold it around load-refresh-save so two
    processes never both refresh (the loser's refresh token would be invalidated).
    """

    def load(self) -> TokenSet | None: ...

    def save(self, tokens: TokenSet) -> None: ...

    def clear(self) -> None: ...

    def lock(self) -> AbstractContextManager[None]: ...
