"""The launcher checks for exactly the packages the [all] extra installs."""

import re
import tomllib
from pathlib import Path

from trade_analyst.entrypoints.launcher import CLI_IMPORTS

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def test_cli_imports_name_every_package_of_the_all_extra_and_no_other():
    project = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]
    requirements = project["optional-dependencies"]["all"]
    # Each of these distributions is imported under its own name; a package imported under
    # another name would need mapping here.
    distributions = {re.split(r"[\s<>=!~;\[]", r, maxsplit=1)[0].lower() for r in requirements}
    assert distributions == set(CLI_IMPORTS)
