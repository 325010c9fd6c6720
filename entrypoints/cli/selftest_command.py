"""``ta selftest``: check the domain's laws on this machine's Python and time-zone data."""

from importlib.util import find_spec
from typing import Annotated

from cyclopts import Parameter

from trade_analyst.entrypoints.cli.errors import EXIT_INTERNAL, CliError
from trade_analyst.testing.profile_names import ProfileName


def selftest(
    *,
    examples: Annotated[
        int | None, Parameter(help="Examples a law (default: the profile's).")
    ] = None,
    seed: Annotated[int | None, Parameter(help="Seed of a run to replay.")] = None,
    profile: Annotated[ProfileName, Parameter(help="Hypothesis profile.")] = "quick",
) -> int:
    """Run the domain's laws (symbol round trips, calendar and roll invariants, expiries
    against real dates, pricing laws) against this installation and print a summary.

    Catches a broken time-zone database, a different platform or a damaged extraction.
    Exits 0 when every law holds, 6 with the falsifying example when one does not. The
    quick profile takes seconds; deep is for nightly runs.
    """
    if find_spec("hypothesis") is None:
        raise CliError(
            "ta selftest needs the [testing] extra; not installed: hypothesis",
            "pip install 'trade-analyst[testing]'",
            EXIT_INTERNAL,
        )
    from trade_analyst.testing.runner import run

    return run(examples=examples, seed=seed, profile=profile)
