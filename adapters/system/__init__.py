"""Adapters onto the host itself: the real clock."""

from trade_analyst.adapters.system.clock import SystemClock

__all__ = ["SystemClock"]
