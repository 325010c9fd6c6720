"""The Python API: market data as pyarrow Tables, beside the ``ta`` command line.

``trade_analyst.connect(provider="mock")`` gives a ``Client`` whose calls (``history``,
``quotes``, ``chain``, ``levels``) check their input as ``ta`` does and return tables of the
columns ``ta`` writes to its datasets. ``trade_analyst.connect_async`` gives an
``AsyncClient`` with the same calls as coroutines, for apps that run their own event loop.
Failures raise ``trade_analyst.ports.TradeAnalystError`` subclasses carrying ``ta``'s exit
code, error code and hint.

Importing this package is cheap and works on the base install; the calls need the
``[all]`` extra, and ``connect`` says so when it is missing.
"""

from trade_analyst.entrypoints.api.client import AsyncClient, ValidationWarning
from trade_analyst.entrypoints.api.connection import connect, connect_async
from trade_analyst.entrypoints.api.sync_client import Client

__all__ = ["AsyncClient", "Client", "ValidationWarning", "connect", "connect_async"]
