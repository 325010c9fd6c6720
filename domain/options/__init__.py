"""Options analytics: Black-Scholes and Black-76, implied volatility, put-call parity, chain
statistics (put/call ratios, ATM IV, 25-delta skew, expected move, max pain) and IV rank.

Pure functions over the domain's models: no I/O, no clock (``as_of`` comes in).
"""

from trade_analyst.domain.options.black76 import black76_greeks, black76_price
from trade_analyst.domain.options.black_scholes import DAYS_PER_YEAR, Right, bs_greeks, bs_price
from trade_analyst.domain.options.chain_stats import (
    SKEW_DELTA,
    ChainStats,
    ContractView,
    ExpirationStats,
    PricingModel,
    chain_stats,
    contract_view,
)
from trade_analyst.domain.options.expiry import SECONDS_PER_YEAR, expires_at, years_to_expiry
from trade_analyst.domain.options.greeks import Greeks
from trade_analyst.domain.options.implied_vol import (
    MAX_VOLATILITY,
    ImpliedVolatility,
    IvStatus,
    black76_implied_volatility,
    bs_implied_volatility,
)
from trade_analyst.domain.options.iv_rank import (
    DEFAULT_MIN_OBSERVATIONS,
    DEFAULT_WINDOW,
    IvObservation,
    IvRank,
    daily_series,
    iv_rank,
)
from trade_analyst.domain.options.max_pain import max_pain
from trade_analyst.domain.options.parity import implied_forward, parity_gap
from trade_analyst.domain.options.ratios import PutCallRatio, put_call_ratio
from trade_analyst.domain.options.term_structure import (
    TARGET_DAYS,
    ConstantMaturityIv,
    constant_maturity_iv,
)

__all__ = [
    "DAYS_PER_YEAR",
    "DEFAULT_MIN_OBSERVATIONS",
    "DEFAULT_WINDOW",
    "MAX_VOLATILITY",
    "SECONDS_PER_YEAR",
    "SKEW_DELTA",
    "TARGET_DAYS",
    "ChainStats",
    "ConstantMaturityIv",
    "ContractView",
    "ExpirationStats",
    "Greeks",
    "ImpliedVolatility",
    "IvObservation",
    "IvRank",
    "IvStatus",
    "PricingModel",
    "PutCallRatio",
    "Right",
    "black76_greeks",
    "black76_implied_volatility",
    "black76_price",
    "bs_greeks",
    "bs_implied_volatility",
    "bs_price",
    "chain_stats",
    "constant_maturity_iv",
    "contract_view",
    "daily_series",
    "expires_at",
    "implied_forward",
    "iv_rank",
    "max_pain",
    "parity_gap",
    "put_call_ratio",
    "years_to_expiry",
]
