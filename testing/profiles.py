"""The Hypothesis profiles for the three ways the laws run.

- ``quick``: ``ta selftest`` on a server or a laptop; a few examples a law, seconds in all.
- ``dev``: the project's default for local test runs.
- ``ci``: the project's CI runs (chosen when ``CI`` is set): derandomised and deadline-free
  on top of Hypothesis' own ``ci`` profile, so a loaded 2-core runner never flakes.
- ``deep``: nightly runs: many examples, no deadline, no example database.

``quick`` and ``deep`` keep no example database: they run where nobody wants a
``.hypothesis`` folder written (a server's working directory, a throw-away CI job).

    from hypothesis import settings
    from trade_analyst.testing.profiles import register_profiles

    register_profiles()
    settings.load_profile("deep")
"""

from hypothesis import HealthCheck, settings

from trade_analyst.testing.profile_names import PROFILES, ProfileName

__all__ = ["PROFILES", "ProfileName", "register_profiles"]


def register_profiles() -> None:
    """Register the four profiles with Hypothesis (safe to call more than once)."""
    settings.register_profile(
        "quick",
        max_examples=10,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile("dev", max_examples=100, deadline=None)
    settings.register_profile(
        "ci",
        settings.get_profile("ci"),
        max_examples=200,
        suppress_health_check=[HealthCheck.too_slow],
    )
    settings.register_profile(
        "deep",
        max_examples=5_000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow],
    )
