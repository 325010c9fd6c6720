"""``ta options stats``: chain statistics, and the day's ATM IV recorded for IV rank.

One run fetches the chain (all listed expirations, or the one asked for plus the ones
around 30 days out that the constant-maturity IV needs), computes the statistics in the
domain, records today's 30-day ATM IV in the ``iv_history`` dataset (one row per
underlying, provider and New York date: a re-run the same day replaces it) and ranks it
against the last ``window`` observations of the same provider. Synthetic (mock)
observations are never ranked against real ones.
"""

import datetime as dt
import math
from collections.abc import Sequence
from typing import cast

import attrs

from trade_analyst.domain.models import OptionChain
from trade_analyst.domain.options import (
    TARGET_DAYS,
    ChainStats,
    ConstantMaturityIv,
    ExpirationStats,
    IvObservation,
    IvRank,
    PricingModel,
    chain_stats,
    constant_maturity_iv,
    daily_series,
    iv_rank,
)
from trade_analyst.entrypoints.jobs.chains import fetch_chain_in_windows
from trade_analyst.ports import (
    IV_HISTORY,
    ChainQuery,
    DatasetSink,
    ExpirationsQuery,
    MarketData,
    NoData,
    OutputFailed,
    Provenance,
    Table,
    to_epoch_ms,
)

IV_HISTORY_DATASET = "iv_history"

__all__ = [
    "IV_HISTORY_DATASET",
    "IvRanked",
    "OptionsStats",
    "OptionsStatsRequest",
    "compute_stats",
    "fetch_chain",
    "rank_and_record",
]


@attrs.frozen(kw_only=True)
class OptionsStatsRequest:
    underlying: str
    expiration: dt.date | None = None
    rate: float = 0.04
    window: int = 252
    min_history: int = 20
    record: bool = True
    # black76 when the underlying is a futures price (options on futures).
    model: PricingModel = "black_scholes"


@attrs.frozen(kw_only=True)
class OptionsStats:
    """Everything one run found: statistics, the 30-day IV and where it ranks."""

    stats: ChainStats
    shown: tuple[ExpirationStats, ...]
    iv_30d: ConstantMaturityIv
    rank: IvRank
    recorded: bool


@attrs.frozen(kw_only=True)
class IvRanked:
    """Where today's 30-day ATM IV ranks, and whether it was stored in iv_history.

    ``record_failure``: the storage refused the write (disk full, read-only folder...);
    the statistics stand, only the recording is lost.
    """

    rank: IvRank
    recorded: bool
    record_failure: OutputFailed | None = None


async def fetch_chain(
    market: MarketData, request: OptionsStatsRequest, today: dt.date
) -> OptionChain:
    """The chain the statistics need; NoData naming the expirations when one is unlisted."""
    if request.expiration is None:
        return await fetch_chain_in_windows(market, ChainQuery(request.underlying))
    wanted = request.expiration
    listed = await market.option_expirations(ExpirationsQuery(request.underlying))
    if wanted not in listed:
        near = sorted(listed, key=lambda day: abs((day - wanted).days))[:4]
        raise NoData(
            f"{request.underlying} has no option expiration on {wanted}",
            f"nearest listed: {', '.join(d.isoformat() for d in sorted(near)) or 'none'}",
        )
    needed = [wanted, *_around(listed, today + dt.timedelta(days=TARGET_DAYS))]
    return await market.option_chain(ChainQuery(request.underlying, min(needed), max(needed)))


def _around(listed: Sequence[dt.date], target: dt.date) -> list[dt.date]:
    """The listed expirations on either side of ``target`` (what interpolation needs)."""
    before = [day for day in listed if day <= target]
    after = [day for day in listed if day >= target]
    return [*before[-1:], *after[:1]]


def compute_stats(
    chain: OptionChain, request: OptionsStatsRequest, as_of: dt.datetime
) -> tuple[ChainStats, tuple[ExpirationStats, ...], ConstantMaturityIv]:
    """Statistics of every fetched expiration, the ones to show, and the 30-day ATM IV."""
    if not chain.contracts:
        raise NoData(f"{chain.underlying} has an empty option chain", "try another underlying")
    stats = chain_stats(chain, as_of, request.rate, request.model)
    shown = tuple(s for s in stats.expirations if request.expiration in (None, s.expiration))
    return stats, shown, constant_maturity_iv(stats.expirations)


def rank_and_record(
    sink: DatasetSink | None,
    request: OptionsStatsRequest,
    iv_30d: ConstantMaturityIv,
    *,
    symbol: str,
    provider: str,
    synthetic: bool,
    underlying_price: float | None,
    as_of: dt.datetime,
    today: dt.date,
    provenance: Provenance,
) -> IvRanked:
    """Rank today's 30-day ATM IV in its history, then store it (unless told not to).

    Without a sink (no data folder) there is no history: nothing is read or recorded.
    """
    stored = sink.read(IV_HISTORY_DATASET, [symbol]).rows() if sink is not None else []
    observations = [
        IvObservation(cast(dt.date, row["date"]), cast(float, row["atm_iv"]))
        for row in stored
        if row["provider"] == provider and row["date"] != today
    ]
    today_iv = iv_30d.value
    if today_iv is not None and math.isfinite(today_iv) and today_iv > 0:
        observations.append(IvObservation(today, today_iv))
    rank = iv_rank(
        daily_series(observations), window=request.window, min_observations=request.min_history
    )
    if today_iv is None or not math.isfinite(today_iv) or today_iv <= 0:
        # Ranking yesterday's value as if it were today's would mislead: say why instead.
        rank = attrs.evolve(
            rank, current=None, rank=None, percentile=None,
            reason=f"no ATM IV today ({iv_30d.note or 'none'}); nothing recorded or ranked",
        )  # fmt: skip
        return IvRanked(rank=rank, recorded=False)
    if sink is None or not request.record:
        return IvRanked(rank=rank, recorded=False)
    row: dict[str, object] = {
        "symbol": symbol,
        "date": today,
        "provider": provider,
        "synthetic": synthetic,
        "as_of": to_epoch_ms(as_of),
        "atm_iv": float(today_iv),
        "tenor_days": float(iv_30d.target_days),
        "method": iv_30d.method,
        "underlying_price": underlying_price,
    }
    try:
        sink.write(IV_HISTORY_DATASET, Table.from_rows(IV_HISTORY, [row]), provenance)
    except OutputFailed as failure:
        return IvRanked(rank=rank, recorded=False, record_failure=failure)
    return IvRanked(rank=rank, recorded=True)
