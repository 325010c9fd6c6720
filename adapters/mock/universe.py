"""The built-in universe: real, well-known instruments with plausible reference levels.

Names and exchanges are real; prices, volatilities and volumes are round reference levels
for the synthetic walk, not market data. ``members`` says which mover lists include a stock.
"""

import attrs

AssetType = str  # "EQUITY", "ETF", "INDEX", "FUTURE", "FOREX" (Schwab's spellings)


@attrs.frozen
class Listing:
    symbol: str
    name: str
    asset_type: AssetType
    exchange: str
    price: float
    volatility: float
    daily_volume: int = 0
    members: tuple[str, ...] = ()


_SPX, _NDX, _DJI = "$SPX", "$COMPX", "$DJI"
_EQ, _ETF, _NAS, _NYS, _ARCA = "EQUITY", "ETF", "NASDAQ", "NYSE", "NYSE Arca"

STOCKS: tuple[Listing, ...] = (
    Listing("AAPL", "Apple Inc", _EQ, _NAS, 190.0, 0.25, 55_000_000, (_SPX, _NDX, _DJI)),
    Listing("MSFT", "Microsoft Corp", _EQ, _NAS, 420.0, 0.24, 22_000_000, (_SPX, _NDX, _DJI)),
    Listing("NVDA", "NVIDIA Corp", _EQ, _NAS, 120.0, 0.50, 250_000_000, (_SPX, _NDX, _DJI)),
    Listing("AMZN", "Amazon.com Inc", _EQ, _NAS, 185.0, 0.30, 40_000_000, (_SPX, _NDX, _DJI)),
    Listing("GOOGL", "Alphabet Inc Class A", _EQ, _NAS, 170.0, 0.28, 25_000_000, (_SPX, _NDX)),
    Listing("META", "Meta Platforms Inc", _EQ, _NAS, 520.0, 0.35, 15_000_000, (_SPX, _NDX)),
    Listing("TSLA", "Tesla Inc", _EQ, _NAS, 240.0, 0.60, 95_000_000, (_SPX, _NDX)),
    Listing("AMD", "Advanced Micro Devices Inc", _EQ, _NAS, 150.0, 0.45, 45_000_000, (_SPX, _NDX)),
    Listing("NFLX", "Netflix Inc", _EQ, _NAS, 650.0, 0.35, 4_000_000, (_SPX, _NDX)),
    Listing("INTC", "Intel Corp", _EQ, _NAS, 30.0, 0.40, 50_000_000, (_SPX, _NDX)),
    Listing("BRK.B", "Berkshire Hathaway Inc Class B", _EQ, _NYS, 420.0, 0.16, 3_500_000, (_SPX,)),
    Listing("JPM", "JPMorgan Chase & Co", _EQ, _NYS, 200.0, 0.22, 9_000_000, (_SPX, _DJI)),
    Listing("V", "Visa Inc Class A", _EQ, _NYS, 270.0, 0.20, 6_000_000, (_SPX, _DJI)),
    Listing("JNJ", "Johnson & Johnson", _EQ, _NYS, 155.0, 0.15, 7_000_000, (_SPX, _DJI)),
    Listing("WMT", "Walmart Inc", _EQ, _NYS, 70.0, 0.18, 15_000_000, (_SPX, _DJI)),
    Listing("XOM", "Exxon Mobil Corp", _EQ, _NYS, 115.0, 0.25, 16_000_000, (_SPX,)),
    Listing("KO", "Coca-Cola Co", _EQ, _NYS, 62.0, 0.14, 13_000_000, (_SPX, _DJI)),
    Listing("DIS", "Walt Disney Co", _EQ, _NYS, 95.0, 0.28, 9_000_000, (_SPX, _DJI)),
    Listing("BA", "Boeing Co", _EQ, _NYS, 175.0, 0.35, 7_000_000, (_SPX, _DJI)),
    Listing("GS", "Goldman Sachs Group Inc", _EQ, _NYS, 470.0, 0.25, 2_300_000, (_SPX, _DJI)),
    Listing("ES", "Eversource Energy", _EQ, _NYS, 60.0, 0.20, 2_000_000, (_SPX,)),
    Listing("SPY", "SPDR S&P 500 ETF Trust", _ETF, _ARCA, 550.0, 0.16, 60_000_000),
    Listing("QQQ", "Invesco QQQ Trust Series 1", _ETF, _NAS, 470.0, 0.20, 40_000_000),
    Listing("IWM", "iShares Russell 2000 ETF", _ETF, _ARCA, 210.0, 0.22, 30_000_000),
    Listing("DIA", "SPDR Dow Jones Industrial Average ETF", _ETF, _ARCA, 400.0, 0.15, 3_000_000),
    Listing("GLD", "SPDR Gold Shares", _ETF, _ARCA, 220.0, 0.14, 8_000_000),
    Listing("TLT", "iShares 20+ Year Treasury Bond ETF", _ETF, _NAS, 92.0, 0.15, 35_000_000),
)  # fmt: skip

INDICES: tuple[Listing, ...] = (
    Listing("$SPX", "S&P 500 Index", "INDEX", "INDEX", 5500.0, 0.16),
    Listing("$COMPX", "NASDAQ Composite", "INDEX", "INDEX", 17500.0, 0.20),
    Listing("$DJI", "Dow Jones Industrial Average", "INDEX", "INDEX", 40000.0, 0.14),
    Listing("$NDX", "NASDAQ-100 Index", "INDEX", "INDEX", 19500.0, 0.20),
    Listing("$RUT", "Russell 2000 Index", "INDEX", "INDEX", 2100.0, 0.22),
    Listing("$VIX", "CBOE Volatility Index", "INDEX", "INDEX", 16.0, 0.50),
)

FOREX: tuple[Listing, ...] = (
    Listing("EUR/USD", "Euro / US Dollar", "FOREX", "FOREX", 1.08, 0.07),
    Listing("GBP/USD", "British Pound / US Dollar", "FOREX", "FOREX", 1.27, 0.08),
    Listing("USD/JPY", "US Dollar / Japanese Yen", "FOREX", "FOREX", 150.0, 0.09),
    Listing("USD/CHF", "US Dollar / Swiss Franc", "FOREX", "FOREX", 0.88, 0.07),
    Listing("USD/CAD", "US Dollar / Canadian Dollar", "FOREX", "FOREX", 1.36, 0.06),
    Listing("AUD/USD", "Australian Dollar / US Dollar", "FOREX", "FOREX", 0.66, 0.09),
    Listing("NZD/USD", "New Zealand Dollar / US Dollar", "FOREX", "FOREX", 0.60, 0.10),
    Listing("EUR/GBP", "Euro / British Pound", "FOREX", "FOREX", 0.85, 0.05),
    Listing("EUR/JPY", "Euro / Japanese Yen", "FOREX", "FOREX", 162.0, 0.09),
)

# Reference level, annual volatility and daily volume per futures root; roots the domain
# knows but this table does not get a generic level (see ``futures_level``).
FUTURES_LEVELS: dict[str, tuple[float, float, int]] = {
    "ES": (5500.0, 0.16, 1_500_000), "MES": (5500.0, 0.16, 1_000_000),
    "NQ": (19500.0, 0.20, 600_000), "MNQ": (19500.0, 0.20, 900_000),
    "RTY": (2100.0, 0.22, 150_000), "M2K": (2100.0, 0.22, 100_000),
    "YM": (40000.0, 0.14, 150_000), "MYM": (40000.0, 0.14, 100_000),
    "CL": (75.0, 0.35, 300_000), "MCL": (75.0, 0.35, 50_000),
    "NG": (2.5, 0.60, 150_000), "RB": (2.3, 0.35, 50_000), "HO": (2.5, 0.35, 50_000),
    "GC": (2400.0, 0.15, 200_000), "MGC": (2400.0, 0.15, 50_000),
    "SI": (29.0, 0.28, 60_000), "SIL": (29.0, 0.28, 5_000),
    "HG": (4.3, 0.25, 60_000), "PL": (1000.0, 0.25, 20_000),
    "ZT": (102.0, 0.02, 300_000), "ZF": (106.0, 0.04, 400_000),
    "ZN": (110.0, 0.06, 1_200_000), "TN": (113.0, 0.07, 200_000),
    "ZB": (118.0, 0.12, 300_000), "UB": (124.0, 0.14, 150_000),
    "SR3": (95.5, 0.01, 800_000),
    "ZC": (420.0, 0.22, 250_000), "ZS": (1100.0, 0.18, 150_000), "ZW": (560.0, 0.28, 80_000),
    "ZM": (330.0, 0.22, 80_000), "ZL": (45.0, 0.25, 80_000),
    "LE": (185.0, 0.12, 40_000), "HE": (90.0, 0.22, 30_000),
    "6E": (1.08, 0.07, 200_000), "6J": (0.0067, 0.09, 150_000), "6B": (1.27, 0.08, 80_000),
    "6A": (0.66, 0.09, 80_000), "6C": (0.73, 0.06, 60_000), "6S": (1.13, 0.07, 20_000),
    "6N": (0.60, 0.10, 20_000),
    "VX": (17.0, 0.50, 80_000), "BTC": (65000.0, 0.55, 10_000), "MBT": (65000.0, 0.55, 30_000),
}  # fmt: skip

_GENERIC_FUTURE = (100.0, 0.20, 50_000)


def futures_level(root: str) -> tuple[float, float, int]:
    """(reference price, annual volatility, daily volume) for a futures root."""
    return FUTURES_LEVELS.get(root, _GENERIC_FUTURE)


def find_listing(symbol: str) -> Listing | None:
    """The stock, ETF, index or forex pair spelt exactly ``symbol`` (canonical form)."""
    for listing in (*STOCKS, *INDICES, *FOREX):
        if listing.symbol == symbol:
            return listing
    return None


def mover_members(index: str) -> tuple[Listing, ...]:
    """What a movers list ranks: index members, an exchange's stocks, every stock, or the
    indices themselves. The universe has no OTC stocks and the mock ranks no options, so
    OTCBB and the OPTION_* lists are empty."""
    stocks = tuple(s for s in STOCKS if s.asset_type == "EQUITY")
    if index in ("$SPX", "$COMPX", "$DJI"):
        return tuple(s for s in stocks if index in s.members)
    if index in ("NYSE", "NASDAQ"):
        return tuple(s for s in stocks if s.exchange == index)
    if index == "EQUITY_ALL":
        return stocks
    if index == "INDEX_ALL":
        return INDICES
    return ()
