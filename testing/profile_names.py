"""The names of the Hypothesis profiles (no Hypothesis import: the CLI lists them in its
help even where the ``[testing]`` extra is not installed)."""

from typing import Literal, get_args

ProfileName = Literal["quick", "dev", "ci", "deep"]
PROFILES: tuple[ProfileName, ...] = get_args(ProfileName)
