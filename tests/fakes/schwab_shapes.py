"""Port and domain records re-dressed in Schwab's real JSON shapes (as captured from the
live API, where they differ from its published spec)."""

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from trade_analyst.domain.models import BarSeries, OptionChain, OptionContract, Quote
from trade_analyst.ports import Instrument, MarketHours, Mover, QuoteBatch, to_epoch_ms

NEW_YORK = ZoneInfo("America/New_York")
CHICAGO = ZoneInfo("America/Chicago")
SENTINEL = -999.0  # what Schwab sends where it has no value (e.g. a greek)

_MAIN_TYPES = {"ETF": ("EQUITY", "ETF"), "EQUITY": ("EQUITY", "COE")}


def _ms(value: dt.datetime | None) -> int:
    return 0 if value is None else to_epoch_ms(value)


def _put(target: dict[str, object], key: str, value: object) -> None:
    if value is not None:
        target[key] = value


def quote_entry(quote: Quote) -> dict[str, object]:
    main, sub = _MAIN_TYPES.get(quote.asset_type, (quote.asset_type, None))
    body: dict[str, object] = {}
    for key, value in (
        ("bidPrice", quote.bid),
        ("askPrice", quote.ask),
        ("lastPrice", quote.last),
        ("mark", quote.mark),
        ("bidSize", quote.bid_size),
        ("askSize", quote.ask_size),
        ("totalVolume", quote.volume),
        ("openPrice", quote.open),
        ("highPrice", quote.high),
        ("lowPrice", quote.low),
        ("closePrice", quote.close),
        ("netChange", quote.net_change),
    ):
        _put(body, key, value)
    body["quoteTime"] = _ms(quote.quote_time)  # 0 when unknown, as Schwab's futures send
    body["tradeTime"] = _ms(quote.trade_time)
    body["securityStatus"] = "Normal"
    if quote.asset_type == "OPTION":
        body.setdefault("vega", SENTINEL)
    reference: dict[str, object] = {"description": quote.symbol}
    if quote.asset_type == "FUTURE":
        reference["futureActiveSymbol"] = quote.contract or quote.symbol
        reference["futureIsActive"] = True
        reference["product"] = quote.symbol[:3] if quote.contract else quote.symbol
    entry: dict[str, object] = {
        "assetMainType": main,
        "symbol": quote.contract
        if quote.contract and quote.asset_type != "FUTURE"
        else quote.symbol,
        "realtime": True,
        "ssid": 0,
        "quote": body,
        "reference": reference,
    }
    if sub is not None:
        entry["assetSubType"] = sub
        entry["quoteType"] = "NBBO"
    return entry


# Price fields Schwab fills with 0 for an instrument that has not traded.
UNTRADED_ZEROS = ("lastPrice", "openPrice", "highPrice", "lowPrice", "closePrice")


def untraded(entry: dict[str, object]) -> dict[str, object]:
    """``entry`` as Schwab sends a never-traded instrument: zeros, not missing fields."""
    quote = dict(entry["quote"])  # type: ignore[call-overload]
    quote.update(dict.fromkeys(UNTRADED_ZEROS, 0.0), totalVolume=0)
    if entry.get("assetMainType") == "FUTURE":
        quote["mark"] = 0.0
    return {**entry, "quote": quote}


def fund_entry(symbol: str, nav: float) -> dict[str, object]:
    """A mutual fund as Schwab answers it: ``nAV`` 0, the NAV in ``closePrice``."""
    return {
        "assetMainType": "MUTUAL_FUND",
        "symbol": symbol,
        "realtime": False,
        "ssid": 0,
        "quote": {"nAV": 0.0, "closePrice": nav, "lastPrice": 0.0, "totalVolume": 0},
        "reference": {"description": f"{symbol} fund"},
    }


def regular_group(entry: dict[str, object]) -> dict[str, object]:
    """The ``regular`` field group: the regular session's last trade."""
    quote = entry.get("quote")
    last = quote.get("lastPrice") if isinstance(quote, dict) else None
    return {"regularMarketLastPrice": last, "regularMarketLastSize": 100}


def quotes_body(batch: QuoteBatch) -> dict[str, object]:
    body: dict[str, object] = {q.symbol: quote_entry(q) for q in batch.quotes}
    if batch.invalid:
        body["errors"] = {"invalidSymbols": list(batch.invalid)}
    return body


def candles(series: BarSeries, *, daily: bool) -> list[dict[str, object]]:
    out: list[dict[str, object]] = []
    for bar in series.bars():
        stamp = bar.timestamp
        if daily:
            # Schwab stamps daily, weekly and monthly candles at midnight US/Central.
            day = stamp.astimezone(NEW_YORK).date()
            stamp = dt.datetime.combine(day, dt.time(), CHICAGO)
        out.append(
            {
                "open": bar.open,
                "high": bar.high,
                "low": bar.low,
                "close": bar.close,
                "volume": int(bar.volume) if float(bar.volume).is_integer() else bar.volume,
                "datetime": to_epoch_ms(stamp),
            }
        )
    return out


def _number(value: float | None) -> float:
    return SENTINEL if value is None else value


def contract_entry(contract: OptionContract, today: dt.date) -> dict[str, object]:
    iv = contract.implied_volatility
    bid, ask = contract.bid, contract.ask
    return {
        "putCall": "CALL" if contract.right == "C" else "PUT",
        "symbol": contract.symbol,
        "description": f"{contract.underlying} {contract.expiration:%m/%d/%Y} "
        f"{contract.strike:.2f} {contract.right}",
        "exchangeName": "OPR",
        "bid": _number(bid),
        "ask": _number(ask),
        "last": _number(contract.last),
        "mark": _number(contract.mark),
        "bidSize": 10,
        "askSize": 10,
        "bidAskSize": "10X10",
        "lastSize": 0,
        "totalVolume": contract.volume or 0,
        "tradeTimeInLong": 0,
        "quoteTimeInLong": 0,
        "netChange": 0.0,
        # Schwab sends volatility in percent (25.667), -999 where it has none.
        "volatility": SENTINEL if iv is None else round(iv * 100.0, 3),
        "delta": _number(contract.delta),
        "gamma": _number(contract.gamma),
        "theta": _number(contract.theta),
        "vega": _number(contract.vega),
        "rho": _number(contract.rho),
        "openInterest": contract.open_interest or 0,
        "strikePrice": contract.strike,
        "expirationDate": f"{contract.expiration.isoformat()}T21:00:00.000+00:00",
        "daysToExpiration": (contract.expiration - today).days,
        "expirationType": "S" if 15 <= contract.expiration.day <= 21 else "W",
        "multiplier": 100.0,
        "settlementType": "P",
        "deliverableNote": f"100 {contract.underlying}",
        "optionDeliverablesList": [
            {
                "symbol": contract.underlying,
                "assetType": "STOCK",
                "deliverableUnits": 100.0,
                "currencyType": None,
            }
        ],
        "optionRoot": contract.symbol[:6].strip(),
        "exerciseType": "A",
        "pennyPilot": True,
        "inTheMoney": bool(contract.in_the_money),
        "mini": False,
        "nonStandard": False,
    }


def chain_body(
    symbol: str, chain: OptionChain | None, today: dt.date, *, is_index: bool
) -> dict[str, object]:
    calls: dict[str, dict[str, list[dict[str, object]]]] = {}
    puts: dict[str, dict[str, list[dict[str, object]]]] = {}
    contracts = chain.contracts if chain is not None else ()
    for contract in contracts:
        side = calls if contract.right == "C" else puts
        key = f"{contract.expiration.isoformat()}:{(contract.expiration - today).days}"
        strikes = side.setdefault(key, {})
        strikes.setdefault(str(float(contract.strike)), []).append(contract_entry(contract, today))
    return {
        "symbol": symbol,
        "status": "SUCCESS" if chain is not None else "FAILED",
        "underlying": None,
        "strategy": "SINGLE",
        "interval": 0.0,
        "isDelayed": False,
        "isIndex": is_index,
        "interestRate": 4.5,
        "underlyingPrice": chain.underlying_price if chain is not None else 0.0,
        "volatility": 29.0,
        "daysToExpiration": 0.0,
        "dividendYield": 0.0,
        "numberOfContracts": len(contracts),
        "assetMainType": "INDEX" if is_index else "EQUITY",
        "assetSubType": "INDEX" if is_index else "COE",
        "isChainTruncated": False,
        "callExpDateMap": calls,
        "putExpDateMap": puts,
    }


def untraded_contracts(body: dict[str, object]) -> None:
    """Every contract of a chain body answered as never traded (in place)."""
    for side in ("callExpDateMap", "putExpDateMap"):
        for strikes in body[side].values():  # type: ignore[attr-defined]
            for entries in strikes.values():
                for contract in entries:
                    contract.update(last=0.0, totalVolume=0, openInterest=0)


def expirations_body(symbol: str, dates: Sequence[dt.date], today: dt.date) -> dict[str, object]:
    return {
        "expirationList": [
            {
                "expirationDate": day.isoformat(),
                "daysToExpiration": (day - today).days,
                "expirationType": "S" if 15 <= day.day <= 21 and day.weekday() == 4 else "W",
                "settlementType": "P",
                "optionRoots": symbol.lstrip("$"),
                "standard": True,
            }
            for day in dates
        ]
    }


_SESSION_KEYS = {"pre": "preMarket", "regular": "regularMarket", "post": "postMarket"}


def hours_body(hours: Sequence[MarketHours]) -> dict[str, object]:
    body: dict[str, object] = {}
    for entry in hours:
        item: dict[str, object] = {
            "date": entry.date.isoformat(),
            "marketType": entry.market.upper(),
            "product": entry.product,
            "productName": entry.product_name or entry.product,
            "isOpen": entry.is_open,
        }
        if entry.is_open:
            spans: dict[str, list[dict[str, str]]] = {}
            for window in entry.sessions:
                spans.setdefault(_SESSION_KEYS[window.kind], []).append(
                    {
                        "start": window.start.astimezone(NEW_YORK).isoformat(),
                        "end": window.end.astimezone(NEW_YORK).isoformat(),
                    }
                )
            item["sessionHours"] = spans
        products = body.setdefault(entry.market, {})
        assert isinstance(products, dict)
        products[entry.product] = item
    return body


def movers_body(movers: Sequence[Mover]) -> dict[str, object]:
    return {
        "screeners": [
            {
                "description": m.description,
                "volume": m.volume,
                "lastPrice": m.last,
                "netChange": m.net_change,
                "marketShare": 1.0,
                "totalVolume": m.total_volume,
                "trades": m.trades,
                "netPercentChange": m.net_percent_change,
                "symbol": m.symbol,
            }
            for m in movers
        ]
    }


def instruments_body(found: Sequence[Instrument]) -> dict[str, object]:
    return {
        "instruments": [
            {
                "cusip": i.cusip,
                "symbol": i.symbol,
                "description": i.description,
                "exchange": i.exchange,
                "assetType": i.asset_type,
            }
            for i in found
        ]
    }
