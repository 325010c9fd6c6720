"""Schwab's JSON (the shapes the real API sends, where they differ from its published
spec) mapped to the port and domain types. Pure functions: no I/O, no clock."""
