"""Domain market data as dataset tables (the columns of ``ports.datasets``)."""

import datetime as dt
from collections.abc import Iterable

from trade_analyst.domain.calendars import Calendar
from trade_analyst.domain.errors import DomainError
from trade_analyst.domain.futures import symbol_calendar
from trade_analyst.domain.models import OptionChain, Quote
from trade_analyst.domain.symbols import parse_symbol
from trade_analyst.domain.validation import PERIOD_INTERVALS, bar_trade_date
from trade_analyst.ports._times import to_epoch_ms
from trade_analyst.ports.bar_columns import BarColumns
from trade_analyst.ports.datasets import BARS, OPTION_CHAINS, QUOTES
from trade_analyst.ports.errors import InvalidInput
from trade_analyst.ports.tables import Table


def _whole(value: float, row: int) -> int:
    # Datasets store int64 volumes; silently truncating 12.5 would corrupt the record.
    if not value.is_integer():
        raise InvalidInput(
            f"bar {row} has a fractional volume {value!r}", "datasets store whole volumes"
        )
    return int(value)


def bar_calendar(symbol: str) -> Calendar | None:
    """The calendar that dates the bars of ``symbol`` (text as a bars table holds it);
    None when it names none (forex, or text no symbol form reads)."""
    try:
        return symbol_calendar(parse_symbol(symbol))
    except DomainError:
        return None


def bar_trade_dates(bars: BarColumns) -> list[dt.date | None]:
    """Each bar's ``bar_trade_date`` by its symbol's calendar; None where there is none
    (intraday bars, no calendar, a date outside the calendar's range)."""
    calendar = bar_calendar(bars.symbol)
    if calendar is None or bars.interval not in PERIOD_INTERVALS:
        return [None] * len(bars)
    dates: list[dt.date | None] = []
    for ts in bars.times():
        try:
            dates.append(bar_trade_date(calendar, bars.interval, ts))
        except DomainError:
            dates.append(None)
    return dates


def bars_table(bars: BarColumns, contract: str | None = None, *, synthetic: bool = False) -> Table:
    """Bars as a bars table; ``contract`` names the contract behind a root, ``synthetic``
    whether the bars are made up (mock)."""
    size = len(bars)
    return Table.from_columns(
        BARS,
        {
            "symbol": [bars.symbol] * size,
            "contract": [contract] * size,
            "timestamp": bars.timestamps.tolist(),
            "trade_date": bar_trade_dates(bars),
            "open": bars.open.tolist(),
            "high": bars.high.tolist(),
            "low": bars.low.tolist(),
            "close": bars.close.tolist(),
            "volume": [_whole(v, row) for row, v in enumerate(bars.volume)],
            "synthetic": [synthetic] * size,
        },
    )


def _ms(value: dt.datetime | None) -> int | None:
    return None if value is None else to_epoch_ms(value)


def quotes_table(quotes: Iterable[Quote], fetched_at: dt.datetime) -> Table:
    """Quotes as a quotes table; ``as_of`` falls back to ``fetched_at`` when none is known."""
    rows = []
    for quote in quotes:
        as_of = quote.quote_time or quote.trade_time or fetched_at
        rows.append(
            {
                "symbol": quote.symbol,
                "asset_type": quote.asset_type,
                "contract": quote.contract,
                "as_of": to_epoch_ms(as_of),
                "bid": quote.bid,
                "ask": quote.ask,
                "last": quote.last,
                "mark": quote.mark,
                "bid_size": quote.bid_size,
                "ask_size": quote.ask_size,
                "volume": quote.volume,
                "open": quote.open,
                "high": quote.high,
                "low": quote.low,
                "close": quote.close,
                "net_change": quote.net_change,
                "regular_last": quote.regular_last,
                "quote_time": _ms(quote.quote_time),
                "trade_time": _ms(quote.trade_time),
                "provider": quote.provider,
                "synthetic": quote.synthetic,
            }
        )
    return Table.from_rows(QUOTES, rows)


def chain_table(chain: OptionChain, as_of: dt.datetime, *, synthetic: bool = False) -> Table:
    """An option chain snapshot taken at ``as_of`` as an option_chains table; ``synthetic``
    says whether it is made up (mock)."""
    stamp = to_epoch_ms(as_of)
    rows = [
        {
            "symbol": chain.underlying,
            "as_of": stamp,
            "underlying_price": chain.underlying_price,
            "contract": contract.symbol,
            "expiration": contract.expiration,
            "right": contract.right,
            "strike": contract.strike,
            "bid": contract.bid,
            "ask": contract.ask,
            "last": contract.last,
            "mark": contract.mark,
            "volume": contract.volume,
            "open_interest": contract.open_interest,
            "implied_volatility": contract.implied_volatility,
            "delta": contract.delta,
            "gamma": contract.gamma,
            "theta": contract.theta,
            "vega": contract.vega,
            "rho": contract.rho,
            "in_the_money": contract.in_the_money,
            "synthetic": synthetic,
        }
        for contract in chain.contracts
    ]
    return Table.from_rows(OPTION_CHAINS, rows)
