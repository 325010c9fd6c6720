"""The ``ta`` command-line interface (cyclopts)."""

from entrypoints.cli.app import app, main

__all__ = ["app", "main"]
