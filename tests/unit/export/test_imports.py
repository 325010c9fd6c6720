"""Importing the export package (as the CLI does at start-up) must not load pyarrow."""

import subprocess
import sys


def test_import_is_cheap() -> None:
    code = (
        "import sys, adapters.export, adapters.memory, ports; "
        "heavy = sorted(m for m in ('pyarrow', 'duckdb') if m in sys.modules); "
        "print(','.join(heavy))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""
