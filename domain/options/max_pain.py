"""Max pain: the settlement price at which option holders' payout is smallest."""

from collections.abc import Iterable

__all__ = ["max_pain"]


def max_pain(positions: Iterable[tuple[str, float, int]]) -> float | None:
    """The listed strike minimising the total payout to holders of ``(right, strike, oi)``.

    Payout at settlement S: sum of oi * max(S - K, 0) over calls plus oi * max(K - S, 0)
    over puts. Both sums are piecewise linear in S, so a running sweep over the sorted
    strikes finds the minimum in O(n log n). Ties go to the lowest strike; with no open
    interest at all there is nothing to minimise and the answer is None.
    """
    calls: dict[float, int] = {}
    puts: dict[float, int] = {}
    for right, strike, interest in positions:
        book = calls if right == "C" else puts
        book[strike] = book.get(strike, 0) + max(interest, 0)
    strikes = sorted(set(calls) | set(puts))
    if not any(calls.values()) and not any(puts.values()):
        return None
    # Call payout at S: S * (call oi below S) - (oi-weighted strikes below S).
    call_pain: list[float] = []
    below_oi = below_weighted = 0.0
    for strike in strikes:
        call_pain.append(strike * below_oi - below_weighted)
        below_oi += calls.get(strike, 0)
        below_weighted += calls.get(strike, 0) * strike
    put_pain = [0.0] * len(strikes)
    above_oi = above_weighted = 0.0
    for index in range(len(strikes) - 1, -1, -1):
        strike = strikes[index]
        put_pain[index] = above_weighted - strike * above_oi
        above_oi += puts.get(strike, 0)
        above_weighted += puts.get(strike, 0) * strike
    totals = [c + p for c, p in zip(call_pain, put_pain, strict=True)]
    best = min(totals)
    return strikes[totals.index(best)]
