"""What every command receives from the launcher: settings and output choices."""

import attrs

from entrypoints.config import Settings


@attrs.frozen
class CliContext:
    """Resolved global options, handed to commands instead of module-level state."""

    settings: Settings
    output_format: str  # "table" | "json" | "csv": already resolved from "auto"
    verbosity: int = 0  # -1 quiet, 0 normal, 1+ verbose
