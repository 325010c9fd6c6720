"""Adapters onto the host itself: the real clock, or one pinned to an instant."""

from trade_analyst.adapters.system.clock import FixedClock, SystemClock

__all__ = ["FixedClock", "SystemClock"]
