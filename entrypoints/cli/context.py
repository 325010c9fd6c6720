"""What every command receives from the launcher: settings and output choices."""

import sys
from typing import Annotated

import attrs
from cyclopts import Parameter

from trade_analyst.entrypoints.config import Settings


@attrs.frozen
class CliContext:
    """Resolved global options, handed to commands instead of module-level state."""

    settings: Settings
    # "table" | "json" | "csv" | "jsonl" | "parquet": already resolved from "auto".
    output_format: str
    verbosity: int = 0  # -1 quiet, 0 normal, 1+ verbose
    provider: str = "mock"  # --provider, else the configured provider

    def note(self, message: str) -> None:
        """A line for people on stderr (silent with --quiet)."""
        if self.verbosity >= 0:
            sys.stderr.write(message + "\n")

    def detail(self, message: str) -> None:
        """A line shown only with -v."""
        if self.verbosity > 0:
            sys.stderr.write(message + "\n")


# How a command declares it: injected by the launcher, never read from the command line.
# Here, not beside the shared options, so a command that needs only this imports nothing
# of the domain.
Context = Annotated[CliContext, Parameter(parse=False)]
