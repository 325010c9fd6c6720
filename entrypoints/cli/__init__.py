"""The ``ta`` command-line interface (cyclopts)."""

from trade_analyst.entrypoints.cli.app import app, main

__all__ = ["app", "main"]
