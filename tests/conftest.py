"""Shared test configuration: Hypothesis profiles.

The profiles live in the package (``trade_analyst.testing.profiles``), beside the laws they
run. ``dev`` is the default for local runs; ``ci`` when the ``CI`` environment variable is
set. Choose explicitly with ``--hypothesis-profile`` (``quick`` and ``deep`` too).
"""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from trade_analyst.domain.futures import clear_caches
from trade_analyst.testing.profiles import register_profiles

# Processes the tests start (the CLI in a subprocess) import the working tree, like the tests
# themselves (pytest's pythonpath): the editable install links only the modules that existed
# at the last `make`.
_SOURCE_TREE = str(Path(__file__).resolve().parents[1] / ".package")
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [_SOURCE_TREE, os.environ.get("PYTHONPATH")])
)

register_profiles()
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def _cold_domain_caches() -> None:
    """Each test computes its dates from the rules, not from what an earlier test cached.

    The suite runs in random order (pytest-randomly), so a test that passed only thanks to
    another's cached calendars or expiries would fail on some seed; and a mutated rule
    (mutation testing) must not hide behind dates cached before it changed.
    """
    clear_caches()
