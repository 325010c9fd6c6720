"""trade-analyst: market data for Schwab traders, as one importable package.

The repository keeps five top-level folders, and they install and import as the
subpackages of this one package, so nothing we ship can collide with an embedding
app's own ``domain`` or ``ports``:

- ``trade_analyst.domain``: the pure core (stdlib + attrs): symbols, calendars,
  futures, models, validation, analytics. The base install is enough for it.
- ``trade_analyst.ports``: the Protocols the core needs from the world, and errors.
- ``trade_analyst.adapters``: Schwab, the mock provider, the vault, exporters.
- ``trade_analyst.entrypoints``: the ``ta`` CLI, the Python API, the OAuth callback,
  the wiring.
- ``trade_analyst.testing``: Hypothesis strategies for the domain's types and its laws.

Adapters and entrypoints need the ``[all]`` extra, testing the ``[testing]`` extra.
Importing this package imports nothing else: ``trade_analyst.connect`` and
``trade_analyst.connect_async`` (the Python API, see ``trade_analyst.entrypoints.api``) load
on first use.
"""

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from trade_analyst.entrypoints.api import connect, connect_async

__all__ = ["connect", "connect_async"]


def __getattr__(name: str) -> object:
    # Module-level __getattr__ (PEP 562): the API is imported when first asked for.
    if name in __all__:
        from trade_analyst.entrypoints import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
