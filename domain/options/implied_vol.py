"""Implied volatility: the volatility at which a model reproduces a price, or why none does.

The solver brackets the root (a model price rises strictly with volatility, from the
no-arbitrage lower bound at zero volatility towards the upper bound as it grows) and takes
Newton steps while they stay inside the bracket and shrink the error fast enough, bisecting
otherwise (the ``rtsafe`` scheme). It therefore always terminates, and every answer is either
a volatility or a stated reason: never a silent NaN.
"""

import math
from collections.abc import Callable
from typing import Literal

import attrs

from trade_analyst.domain.options.black_scholes import Right, bs_greeks, check_inputs
from trade_analyst.domain.options.greeks import Greeks

IvStatus = Literal[
    "solved",
    "at_lower_bound",
    "below_lower_bound",
    "above_upper_bound",
    "above_max_volatility",
    "expired",
    "invalid_input",
]
# 10,000% a year: beyond this no quoted price means anything a trader could use.
MAX_VOLATILITY = 100.0
MAX_ITERATIONS = 200
_Pricer = Callable[[float], Greeks]

__all__ = [
    "MAX_VOLATILITY",
    "ImpliedVolatility",
    "IvStatus",
    "black76_implied_volatility",
    "bs_implied_volatility",
]


@attrs.frozen
class ImpliedVolatility:
    """The outcome of one solve.

    ``volatility`` is the annualised fraction when one exists (``0.0`` for a price exactly
    at the lower bound: nothing but intrinsic value), else None and ``reason`` says why.
    """

    status: IvStatus
    volatility: float | None = None
    reason: str | None = None
    iterations: int = 0

    @property
    def solved(self) -> bool:
        return self.volatility is not None


def bs_implied_volatility(
    price: float,
    right: Right,
    spot: float,
    strike: float,
    years: float,
    rate: float,
    dividend_yield: float = 0.0,
    *,
    tolerance: float = 1e-12,
) -> ImpliedVolatility:
    """The Black-Scholes-Merton volatility that prices the option at ``price``.

    ``tolerance`` is the price error accepted, relative to max(1, price): the solve stops
    within it, and a price that far from the lower bound is read as being on it. A price
    below zero by no more than ``tolerance`` (rounding noise from another pricer) is zero.
    """
    try:
        return _solve(price, right, spot, strike, years, rate, dividend_yield, tolerance)
    except (OverflowError, ValueError) as exc:  # rates and times no market has
        return ImpliedVolatility("invalid_input", reason=f"inputs out of range: {exc}")


def black76_implied_volatility(
    price: float,
    right: Right,
    forward: float,
    strike: float,
    years: float,
    rate: float,
    *,
    tolerance: float = 1e-12,
) -> ImpliedVolatility:
    """The Black-76 volatility that prices an option on ``forward`` at ``price``.

    Black-76 is Black-Scholes on the forward with a yield equal to the rate, so the
    Black-Scholes solver answers it.
    """
    return bs_implied_volatility(
        price, right, forward, strike, years, rate, rate, tolerance=tolerance
    )


def _solve(
    price: float,
    right: Right,
    underlying: float,
    strike: float,
    years: float,
    rate: float,
    dividend_yield: float,
    tolerance: float,
) -> ImpliedVolatility:
    # Price tolerance scaled to the price: quotes are cents, but index options run to 1000s.
    # It also bounds the rounding noise accepted below zero: another pricer's far
    # out-of-the-money value of -2e-15 is a zero time value, not an invalid price.
    tol = tolerance * max(1.0, price)
    problem = _check(price, right, underlying, strike, years, rate, dividend_yield, tol)
    if problem is not None:
        return problem
    carry = math.exp(-dividend_yield * years)
    discount = math.exp(-rate * years)
    sign = 1.0 if right == "C" else -1.0
    lower = max(sign * (underlying * carry - strike * discount), 0.0)
    upper = underlying * carry if right == "C" else strike * discount
    if price < lower - tol:
        return ImpliedVolatility(
            "below_lower_bound",
            reason=f"price {price:g} is below the no-arbitrage lower bound {lower:.6g} "
            "(discounted intrinsic value): no volatility gives it",
        )
    if price >= upper:
        what = "underlying's discounted value" if right == "C" else "strike's discounted value"
        return ImpliedVolatility(
            "above_upper_bound",
            reason=f"price {price:g} is at or above the upper bound {upper:.6g} (the {what}): "
            "no finite volatility gives it",
        )
    if price <= lower + tol:
        return ImpliedVolatility(
            "at_lower_bound",
            volatility=0.0,
            reason=f"price {price:g} equals the lower bound {lower:.6g}: no time value",
        )

    def value(vol: float) -> Greeks:
        return bs_greeks(right, underlying, strike, years, vol, rate, dividend_yield)

    return _bracket_and_polish(value, price, tol, _first_guess(price, lower, underlying, years))


def _check(
    price: float,
    right: Right,
    underlying: float,
    strike: float,
    years: float,
    rate: float,
    dividend_yield: float,
    noise: float,
) -> ImpliedVolatility | None:
    if not all(math.isfinite(v) for v in (price, rate, dividend_yield)) or price < -noise:
        return ImpliedVolatility(
            "invalid_input",
            reason=f"price, rate and yield must be finite and the price >= 0; got price "
            f"{price}, rate {rate}, yield {dividend_yield}",
        )
    try:
        check_inputs(right, underlying, strike, years, 0.0)
    except ValueError as exc:
        return ImpliedVolatility("invalid_input", reason=str(exc))
    if years == 0:
        return ImpliedVolatility(
            "expired", reason="the option has expired: no time left to imply a volatility over"
        )
    return None


def _first_guess(price: float, lower: float, underlying: float, years: float) -> float:
    # Brenner-Subrahmanyam: time value ~ 0.4 * S * sigma * sqrt(T) near the money.
    guess = math.sqrt(2.0 * math.pi / years) * (price - lower) / underlying
    return min(max(guess, 0.05), 3.0)


def _bracket_and_polish(
    value: _Pricer, price: float, tol: float, guess: float
) -> ImpliedVolatility:
    low, high = 0.0, guess
    iterations = 0
    # Widen until the model price passes the target (f(0) < 0 is known from the checks).
    while value(high).price < price:
        iterations += 1
        low, high = high, high * 2.0
        if high > MAX_VOLATILITY:
            return ImpliedVolatility(
                "above_max_volatility",
                reason=f"price {price:g} implies a volatility above {MAX_VOLATILITY:.0%}",
                iterations=iterations,
            )
    vol = 0.5 * (low + high) if low > 0 else guess
    step_before = step = high - low
    for _ in range(MAX_ITERATIONS):
        iterations += 1
        greeks = value(vol)
        error = greeks.price - price
        if abs(error) <= tol:
            return ImpliedVolatility("solved", volatility=vol, iterations=iterations)
        if error < 0:
            low = vol
        else:
            high = vol
        slope = greeks.vega * 100.0  # per unit of volatility, not per point
        newton = vol - error / slope if slope > 0 else math.nan
        # Newton only when it lands inside the bracket and beats halving the step before.
        if low < newton < high and abs(2.0 * error) <= abs(step_before * slope):
            step_before, step = step, abs(newton - vol)
            vol = newton
        else:
            step_before = step = 0.5 * (high - low)
            vol = low + step
        if high - low <= 4.0 * math.ulp(high):
            break  # the bracket is a few floats wide: no closer volatility exists
    # Only reached when vega vanishes (far from the money): the price cannot tell closer
    # volatilities apart, so the bracket's point is the answer to the price's precision.
    return ImpliedVolatility("solved", volatility=vol, iterations=iterations)
