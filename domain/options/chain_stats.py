"""Statistics of one option chain snapshot, per expiration and in total.

Every figure comes from the chain as the provider quoted it; nothing is filled in. Each
contract's volatility is the provider's when it is a sane fraction, else solved from the
contract's mid (Black-Scholes on the spot at ``rate`` with no dividend yield, or Black-76
on a futures price); its delta is the provider's when within [-1, 1], else computed from
that volatility. Contracts left without a volatility are counted in the notes, by reason.
A figure that cannot be computed is None with a note saying why.

- ATM IV: the mean of call and put IV per strike, interpolated linearly in strike at the
  underlying price (the nearest strike when the price lies outside the strikes).
- 25-delta skew: IV of the 25-delta put minus IV of the 25-delta call, each interpolated
  linearly in delta between the two contracts around it (positive: puts are richer).
- Expected move: the ATM straddle's price (call mid + put mid at the strike nearest the
  underlying), the market's price of the move to expiry; also as % of the underlying.
- Max pain: see ``max_pain``; put/call ratios: see ``put_call_ratio``.
"""

import datetime as dt
import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from trade_analyst.domain.models import OptionChain, OptionContract
from trade_analyst.domain.options.black_scholes import bs_greeks
from trade_analyst.domain.options.expiry import years_to_expiry
from trade_analyst.domain.options.implied_vol import bs_implied_volatility
from trade_analyst.domain.options.iv_rank import MAX_SANE_IV
from trade_analyst.domain.options.max_pain import max_pain
from trade_analyst.domain.options.parity import implied_forward
from trade_analyst.domain.options.ratios import PutCallRatio, put_call_ratio

SKEW_DELTA = 0.25
PricingModel = Literal["black_scholes", "black76"]

__all__ = [
    "SKEW_DELTA",
    "ChainStats",
    "ContractView",
    "ExpirationStats",
    "PricingModel",
    "chain_stats",
    "contract_view",
]


@attrs.frozen
class ContractView:
    """What the statistics use of one contract: its mid, volatility and delta."""

    right: str
    strike: float
    volume: int
    open_interest: int
    mid: float | None
    iv: float | None
    delta: float | None
    # "provider", "solved", or why there is no volatility (a solver status, "no_price"...).
    iv_source: str = "provider"


@attrs.frozen(kw_only=True)
class ExpirationStats:
    expiration: dt.date
    days: float  # calendar days to the 16:00 ET expiry
    contracts: int
    volume_ratio: PutCallRatio
    oi_ratio: PutCallRatio
    atm_strike: float | None
    atm_iv: float | None
    put_25d_iv: float | None
    call_25d_iv: float | None
    skew_25d: float | None
    straddle: float | None  # the expected move, in price units
    expected_move_pct: float | None
    implied_forward: float | None
    max_pain: float | None
    notes: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class ChainStats:
    underlying: str
    underlying_price: float | None
    as_of: dt.datetime
    rate: float
    expirations: tuple[ExpirationStats, ...]
    volume_ratio: PutCallRatio
    oi_ratio: PutCallRatio


def _mid(contract: OptionContract) -> float | None:
    bid, ask = contract.bid, contract.ask
    if bid is not None and ask is not None and 0 <= bid <= ask and ask > 0:
        return 0.5 * (bid + ask)
    for value in (contract.mark, contract.last):
        if value is not None and math.isfinite(value) and value >= 0:
            return value
    return None


def contract_view(
    contract: OptionContract,
    spot: float | None,
    years: float,
    rate: float,
    model: PricingModel = "black_scholes",
) -> ContractView:
    """The contract's mid, volatility and delta as the statistics use them.

    ``model`` says what ``spot`` is: the underlying's price (``black_scholes``, no yield)
    or a futures price (``black76``: the same formula with a yield equal to the rate).
    """
    carry_yield = rate if model == "black76" else 0.0
    mid = _mid(contract)
    iv = contract.implied_volatility
    source = "provider"
    if iv is None or not (math.isfinite(iv) and 0.0 < iv <= MAX_SANE_IV):
        iv, source = _solved_iv(contract, mid, spot, years, rate, carry_yield)
    delta = contract.delta
    if delta is None or not (math.isfinite(delta) and -1.0 <= delta <= 1.0):
        delta = None
        if iv is not None and spot is not None and spot > 0 and years > 0:
            values = bs_greeks(contract.right, spot, contract.strike, years, iv, rate, carry_yield)
            delta = values.delta
    return ContractView(
        right=contract.right,
        strike=contract.strike,
        volume=max(contract.volume or 0, 0),
        open_interest=max(contract.open_interest or 0, 0),
        mid=mid,
        iv=iv,
        delta=delta,
        iv_source=source,
    )


def _solved_iv(
    contract: OptionContract,
    mid: float | None,
    spot: float | None,
    years: float,
    rate: float,
    carry_yield: float,
) -> tuple[float | None, str]:
    if mid is None:
        return None, "no_price"
    if spot is None or spot <= 0:
        return None, "no_underlying_price"
    solved = bs_implied_volatility(
        mid, contract.right, spot, contract.strike, years, rate, carry_yield
    )
    if not solved.volatility:  # None, or 0.0: a price without time value says nothing
        return None, solved.status
    return solved.volatility, "solved"


def chain_stats(
    chain: OptionChain, as_of: dt.datetime, rate: float, model: PricingModel = "black_scholes"
) -> ChainStats:
    """Statistics of every expiration in ``chain`` seen at ``as_of``, and their totals."""
    spot = chain.underlying_price
    per_expiration: list[ExpirationStats] = []
    for expiration in chain.expirations():
        contracts = [c for c in chain.contracts if c.expiration == expiration]
        years = years_to_expiry(expiration, as_of)
        views = [contract_view(c, spot, years, rate, model) for c in contracts]
        per_expiration.append(_expiration_stats(expiration, years, views, spot, rate))
    return ChainStats(
        underlying=chain.underlying,
        underlying_price=spot,
        as_of=as_of,
        rate=rate,
        expirations=tuple(per_expiration),
        volume_ratio=_sum_ratio((s.volume_ratio for s in per_expiration), "volume"),
        oi_ratio=_sum_ratio((s.oi_ratio for s in per_expiration), "open interest"),
    )


def _sum_ratio(ratios: Iterable[PutCallRatio], what: str) -> PutCallRatio:
    puts = calls = 0
    for ratio in ratios:
        puts += ratio.puts
        calls += ratio.calls
    return put_call_ratio(puts, calls, what)


def _expiration_stats(
    expiration: dt.date,
    years: float,
    views: Sequence[ContractView],
    spot: float | None,
    rate: float,
) -> ExpirationStats:
    notes: list[str] = []
    calls = [v for v in views if v.right == "C"]
    puts = [v for v in views if v.right == "P"]
    volume = put_call_ratio(sum(v.volume for v in puts), sum(v.volume for v in calls), "volume")
    interest = put_call_ratio(
        sum(v.open_interest for v in puts), sum(v.open_interest for v in calls), "open interest"
    )
    without: dict[str, int] = {}
    for view in views:
        if view.iv is None:
            without[view.iv_source] = without.get(view.iv_source, 0) + 1
    if without:
        why = ", ".join(f"{reason} {count}" for reason, count in sorted(without.items()))
        notes.append(f"no volatility for {sum(without.values())} contract(s): {why}")
    pain = max_pain((v.right, v.strike, v.open_interest) for v in views)
    if pain is None:
        notes.append("max pain: no open interest")
    atm_strike = atm_iv = straddle = move_pct = forward = None
    put_iv = call_iv = skew = None
    if spot is None or spot <= 0:
        notes.append("no underlying price: ATM, skew and expected move need one")
    else:
        atm_iv = _atm_iv(views, spot)
        if atm_iv is None:
            notes.append("ATM IV: no contract near the money has a usable volatility")
        atm_strike, straddle, forward = _straddle(calls, puts, spot, years, rate)
        if straddle is None:
            notes.append("expected move: no strike with both a call and a put mid")
        else:
            move_pct = 100.0 * straddle / spot
        put_iv = _iv_at_delta(puts, -SKEW_DELTA)
        call_iv = _iv_at_delta(calls, SKEW_DELTA)
        if put_iv is not None and call_iv is not None:
            skew = put_iv - call_iv
        else:
            side = "put" if put_iv is None else "call"
            notes.append(f"25-delta skew: the chain does not reach the 25-delta {side}")
    return ExpirationStats(
        expiration=expiration,
        days=years * 365.0,
        contracts=len(views),
        volume_ratio=volume,
        oi_ratio=interest,
        atm_strike=atm_strike,
        atm_iv=atm_iv,
        put_25d_iv=put_iv,
        call_25d_iv=call_iv,
        skew_25d=skew,
        straddle=straddle,
        expected_move_pct=move_pct,
        implied_forward=forward,
        max_pain=pain,
        notes=tuple(notes),
    )


def _atm_iv(views: Sequence[ContractView], spot: float) -> float | None:
    by_strike: dict[float, list[float]] = {}
    for view in views:
        if view.iv is not None:
            by_strike.setdefault(view.strike, []).append(view.iv)
    points = sorted((strike, sum(ivs) / len(ivs)) for strike, ivs in by_strike.items())
    return _interpolate(points, spot)


def _interpolate(points: Sequence[tuple[float, float]], at: float) -> float | None:
    """Linear interpolation in sorted (x, y) points; the nearest end outside their range."""
    if not points:
        return None
    if at <= points[0][0]:
        return points[0][1]
    if at >= points[-1][0]:
        return points[-1][1]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        if x0 <= at <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (at - x0) / (x1 - x0)
    return None  # unreachable for sorted points; keeps the function total


def _straddle(
    calls: Sequence[ContractView],
    puts: Sequence[ContractView],
    spot: float,
    years: float,
    rate: float,
) -> tuple[float | None, float | None, float | None]:
    call_mids = {v.strike: v.mid for v in calls if v.mid is not None}
    put_mids = {v.strike: v.mid for v in puts if v.mid is not None}
    both = set(call_mids) & set(put_mids)
    if not both:
        return None, None, None
    strike = min(both, key=lambda k: (abs(k - spot), k))
    call, put = call_mids[strike], put_mids[strike]
    return strike, call + put, implied_forward(call, put, strike, years, rate)


def _iv_at_delta(views: Sequence[ContractView], target: float) -> float | None:
    """IV at ``target`` delta, interpolated between the contracts on either side of it."""
    points = sorted((v.delta, v.iv) for v in views if v.delta is not None and v.iv is not None)
    if not points or not (points[0][0] <= target <= points[-1][0]):
        return None
    return _interpolate(points, target)
