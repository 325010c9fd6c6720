"""Schwab's JSON (``reference/schwab_api.md`` §2, real shapes where they differ from the
spec) mapped to the port and domain types. Pure functions: no I/O, no clock."""
