"""The built-in ``mock`` market-data provider: deterministic, synthetic, calendar-correct.

Prices follow a random walk seeded only by the request (instrument and trade date), so the
same request gives the same data on any machine and any day; bars exist only inside the
domain calendars' sessions, futures contracts stop on their real last trade dates, and option
chains are priced with the domain's Black-Scholes. Every quote says ``synthetic=True``,
provider ``mock``.

Importing this package computes nothing; data is generated on each call.
"""

from trade_analyst.adapters.mock.provider import PROVIDER_NAME, MockMarketData

__all__ = ["PROVIDER_NAME", "MockMarketData"]
