"""The client-side limiter: even spacing shared by concurrent tasks, and server pauses."""

import itertools

import anyio
import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.unit.schwab.fakes import VirtualTime
from trade_analyst.adapters.schwab.ratelimit import RateLimiter


@given(st.integers(1, 1200), st.integers(1, 40))
def test_grants_are_spaced_by_the_interval(per_minute: int, n: int) -> None:
    time = VirtualTime()
    limiter = RateLimiter(per_minute, now=time.monotonic, sleep=time.sleep)

    async def run() -> list[float]:
        return [await limiter.acquire() for _ in range(n)]

    grants = anyio.run(run)
    gaps = [b - a for a, b in itertools.pairwise(grants)]
    assert all(gap >= 60.0 / per_minute - 1e-9 for gap in gaps)
    # ...and no slower than the limit: n requests take (n - 1) intervals.
    assert grants[-1] - grants[0] == pytest.approx((n - 1) * 60.0 / per_minute)


@pytest.mark.anyio
async def test_concurrent_tasks_share_one_pace() -> None:
    time = VirtualTime()
    limiter = RateLimiter(120, now=time.monotonic, sleep=time.sleep)
    grants: list[float] = []

    async def one() -> None:
        grants.append(await limiter.acquire())

    async with anyio.create_task_group() as group:
        for _ in range(10):
            group.start_soon(one)
    grants.sort()
    assert [round(b - a, 9) for a, b in itertools.pairwise(grants)] == [0.5] * 9


@pytest.mark.anyio
async def test_hold_off_delays_everyone_including_tasks_already_waiting() -> None:
    time = VirtualTime()
    limiter = RateLimiter(None, now=time.monotonic, sleep=time.sleep)
    first = await limiter.acquire()
    limiter.hold_off(5.0)
    second = await limiter.acquire()
    assert second - first >= 5.0


@pytest.mark.anyio
async def test_unlimited_never_sleeps() -> None:
    time = VirtualTime()
    limiter = RateLimiter(None, now=time.monotonic, sleep=time.sleep)
    for _ in range(100):
        await limiter.acquire()
    assert time.sleeps == []
