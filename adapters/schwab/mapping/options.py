"""``GET /chains`` and ``GET /expirationchain``.

Chains nest ``callExpDateMap``/``putExpDateMap`` as ``"YYYY-MM-DD:<days>"`` → strike text →
a list of contracts, with the real field names (``bid``, ``ask``, ``inTheMoney``...), not
the spec's. ``volatility`` is in percent and is stored as a fraction; -999 and NaN are None,
and so is a last or mark of 0 (an untraded contract). ``isChainTruncated`` says Schwab cut
the chain short: ``is_truncated`` reads it so the caller can warn.
"""

import datetime as dt
from collections.abc import Mapping

from trade_analyst.adapters.schwab.mapping.values import (
    JsonObject,
    mapping,
    number,
    price,
    text,
    whole,
)
from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.ports import NoData, ProviderError

_SIDES = (("callExpDateMap", "C"), ("putExpDateMap", "P"))


def _date(value: object) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _fraction(percent: object) -> float | None:
    value = number(percent)
    return None if value is None else value / 100.0


def to_contract(
    raw: JsonObject, underlying: str, expiration: dt.date, right: str, strike: float
) -> OptionContract:
    in_the_money = raw.get("inTheMoney", raw.get("isInTheMoney"))
    return OptionContract(
        symbol=text(raw.get("symbol")) or "",
        underlying=underlying,
        expiration=expiration,
        right="C" if right == "C" else "P",
        strike=number(raw.get("strikePrice")) or strike,
        bid=number(raw.get("bid", raw.get("bidPrice"))),
        ask=number(raw.get("ask", raw.get("askPrice"))),
        last=price(raw.get("last", raw.get("lastPrice"))),  # 0: never traded
        mark=price(raw.get("mark", raw.get("markPrice"))),
        volume=whole(raw.get("totalVolume")),
        open_interest=whole(raw.get("openInterest")),
        implied_volatility=_fraction(raw.get("volatility")),
        delta=number(raw.get("delta")),
        gamma=number(raw.get("gamma")),
        theta=number(raw.get("theta")),
        vega=number(raw.get("vega")),
        rho=number(raw.get("rho")),
        in_the_money=in_the_money if isinstance(in_the_money, bool) else None,
    )


def map_chain(payload: JsonObject, underlying: str) -> OptionChain:
    status = text(payload.get("status"))
    contracts: list[OptionContract] = []
    for side, right in _SIDES:
        for expiry_key, strikes in mapping(payload.get(side)).items():
            expiration = _date(expiry_key)
            if expiration is None:
                raise ProviderError(f"Schwab sent an option chain expiration {expiry_key!r}")
            for strike_key, entries in mapping(strikes).items():
                strike = number(strike_key)
                if strike is None or not isinstance(entries, list):
                    raise ProviderError(f"Schwab sent an option chain strike {strike_key!r}")
                contracts.extend(
                    to_contract(raw, underlying, expiration, right, strike)
                    for raw in entries
                    if isinstance(raw, Mapping)
                )
    if status == "FAILED" and not contracts:
        raise NoData(
            f"Schwab has no option chain for {underlying}",
            "check the symbol (indices need a $, e.g. $SPX; futures have no chains here)",
        )
    contracts.sort(key=lambda c: (c.expiration, c.right, c.strike))
    # An empty or failed chain says underlyingPrice 0: no price, not a worthless underlying.
    return OptionChain(underlying, price(payload.get("underlyingPrice")), tuple(contracts))


def map_expirations(payload: JsonObject) -> list[dt.date]:
    entries = payload.get("expirationList", [])
    if not isinstance(entries, list):
        raise ProviderError("Schwab answered the expiration chain without a list")
    dates = set()
    for entry in entries:
        item = mapping(entry)
        # Real answers say ``expirationDate``; the spec's schema says ``expiration``.
        day = _date(item.get("expirationDate", item.get("expiration")))
        if day is not None:
            dates.add(day)
    return sorted(dates)


def is_truncated(payload: JsonObject) -> bool:
    """Whether Schwab says it left contracts out of this chain."""
    return payload.get("isChainTruncated") is True
