"""Opening a client: the settings ``ta`` reads, the provider bootstrap builds."""

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trade_analyst.entrypoints.api.client import AsyncClient
    from trade_analyst.entrypoints.api.sync_client import Client


def connect(provider: str | None = None, *, config: str | Path | None = None) -> "Client":
    """A client for ``provider`` (``"mock"`` or ``"schwab"``; default: the configured one).

    Settings come from where ``ta`` reads them: ``config`` (as ``--config``), else
    ``$TA_CONFIG``, ``./config.toml``, ``~/.config/trade-analyst/config.toml``, then the
    ``TA_*`` variables. Close the client when done (``with connect() as client:`` or
    ``client.close()``): for Schwab that releases its HTTP connections.
    """
    from trade_analyst.entrypoints.api.sync_client import Client

    _require_extra()
    return Client(lambda: connect_async(provider, config=config))


def connect_async(
    provider: str | None = None, *, config: str | Path | None = None
) -> "AsyncClient":
    """As ``connect``, for code running in an event loop: every call is a coroutine.

    Use it as ``async with connect_async() as client:`` (or ``await client.aclose()``).
    """
    _require_extra()
    from trade_analyst.entrypoints.api.client import AsyncClient
    from trade_analyst.entrypoints.bootstrap import build_clock, build_market_data
    from trade_analyst.entrypoints.config import PROVIDERS, ConfigError, load_settings
    from trade_analyst.entrypoints.jobs.requests import check_choice
    from trade_analyst.ports import InvalidInput

    try:
        settings = load_settings(None if config is None else Path(config))
    except ConfigError as exc:
        raise InvalidInput(str(exc), exc.hint) from None
    name = provider or settings.provider
    check_choice("provider", name, PROVIDERS)
    clock = build_clock()
    return AsyncClient(build_market_data(settings, clock, name), settings, clock, name)


def _require_extra() -> None:
    """``ImportError`` naming the missing packages and the install command, on the base
    install (the pure domain), instead of a failure deep inside a call."""
    from trade_analyst.entrypoints.launcher import INSTALL_HINT, missing_cli_packages

    missing = missing_cli_packages()
    if missing:
        raise ImportError(
            f"trade_analyst.connect needs the [all] extra; not installed: {', '.join(missing)}. "
            f"Install it with: {INSTALL_HINT}"
        )
