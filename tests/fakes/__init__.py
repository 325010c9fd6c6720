"""Fakes that stand in for outside systems in tests: a faithful local Schwab API server."""
