"""trade-analyst: market data for Schwab traders, as one importable package.

The repository keeps four top-level folders, and they install and import as the
subpackages of this one package, so nothing we ship can collide with an embedding
app's own ``domain`` or ``ports``:

- ``trade_analyst.domain``: the pure core (stdlib + attrs): symbols, calendars,
  futures, models, validation, analytics. The base install is enough for it.
- ``trade_analyst.ports``: the Protocols the core needs from the world, and errors.
- ``trade_analyst.adapters``: Schwab, the mock provider, the vault, exporters.
- ``trade_analyst.entrypoints``: the ``ta`` CLI, the OAuth callback, the wiring.

The last two need the ``[all]`` extra. Importing this package imports nothing else.
"""
