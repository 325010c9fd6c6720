"""The ta script's check for the [all] extra names exactly what that extra installs."""

import re
import tomllib
from pathlib import Path

from trade_analyst.entrypoints.launcher import CLI_IMPORTS, missing_cli_packages

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _all_extra() -> set[str]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    names = project["optional-dependencies"]["all"]
    return {re.split(r"[\s<>=!~;\[]", name, maxsplit=1)[0].lower() for name in names}


def test_the_launcher_checks_every_package_of_the_all_extra() -> None:
    # Each of these distributions imports under its own name.
    assert set(CLI_IMPORTS) == _all_extra()


def test_nothing_is_missing_in_the_dev_environment() -> None:
    assert missing_cli_packages() == []
