"""The ``ta`` console script: the CLI needs the ``[all]`` extra, so check for it first.

The base install (``pip install trade-analyst``) is the pure domain for embedding apps;
it still installs the ``ta`` script, which must then say what is missing instead of
failing with an ImportError traceback.
"""

import sys
from importlib.util import find_spec

from trade_analyst.entrypoints.start_up import start_up_begins, start_up_done

# Import names of the third-party packages the CLI and its adapters load. Kept in step
# with pyproject's [all] extra by a test.
CLI_IMPORTS = ("anyio", "cryptography", "cyclopts", "httpx", "numpy", "pyarrow", "rich", "uvicorn")
INSTALL_HINT = "pip install 'trade-analyst[all]'"


class _WithoutPandas:
    """An import hook for which pandas is not installed.

    pyarrow converts values through pandas when it can import it, so where a user has
    pandas installed (beside a notebook, say) a command's first Arrow conversion imports it:
    0.2-0.3 s and 40 MB before the first row. No ta command hands data to pandas, so the
    ta process runs as if pandas were absent, as it is from the zipapp.
    """

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas":
            raise ModuleNotFoundError("the ta command does not use pandas", name=name)


def missing_cli_packages() -> list[str]:
    """The CLI's packages that are not importable here."""
    return [name for name in CLI_IMPORTS if find_spec(name) is None]


def main() -> int:
    missing = missing_cli_packages()
    if missing:
        print(
            f"error: the ta command needs the [all] extra; not installed: {', '.join(missing)}",
            file=sys.stderr,
        )
        print(f"hint: {INSTALL_HINT}", file=sys.stderr)
        return 1
    sys.meta_path.insert(0, _WithoutPandas())
    start_up_begins()
    from trade_analyst.entrypoints.cli import main as run_cli

    try:
        return run_cli()
    finally:
        start_up_done()  # if no command ran: help, version, a usage error
