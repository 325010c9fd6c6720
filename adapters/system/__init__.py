"""Adapters onto the host itself: the real clock."""

from adapters.system.clock import SystemClock

__all__ = ["SystemClock"]
