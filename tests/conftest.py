"""Shared test configuration: Hypothesis profiles.

``dev`` is the default for quick local runs; ``ci`` (auto-loaded by Hypothesis when the
``CI`` environment variable is set) is derandomised and deadline-free so a loaded 2-core
runner never flakes. Choose explicitly with ``--hypothesis-profile``.
"""

import os
from pathlib import Path

from hypothesis import HealthCheck, settings

# Processes the tests start (the CLI in a subprocess) import the working tree, like the tests
# themselves (pytest's pythonpath): the editable install links only the modules that existed
# at the last `make`.
_SOURCE_TREE = str(Path(__file__).resolve().parents[1] / ".package")
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [_SOURCE_TREE, os.environ.get("PYTHONPATH")])
)

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
