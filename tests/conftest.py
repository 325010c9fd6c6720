"""Shared test configuration: Hypothesis profiles.

``dev`` is the default for quick local runs; ``ci`` (auto-loaded by Hypothesis when the
``CI`` environment variable is set) is derandomised and deadline-free so a loaded 2-core
runner never flakes. Choose explicitly with ``--hypothesis-profile``.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    max_examples=200,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile("ci" if os.environ.get("CI") else "dev")
