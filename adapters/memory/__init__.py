"""In-memory implementations of the ports, for tests and for embedding without I/O.

They keep the same laws as the real adapters (the conformance suites in
``tests/conformance`` run against both), so a test on a fake tells the truth.
"""

from trade_analyst.adapters.memory.clock import FakeClock
from trade_analyst.adapters.memory.market_data import InMemoryMarketData
from trade_analyst.adapters.memory.sink import InMemorySink
from trade_analyst.adapters.memory.vault import InMemoryTokenVault

__all__ = ["FakeClock", "InMemoryMarketData", "InMemorySink", "InMemoryTokenVault"]
