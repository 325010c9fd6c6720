"""The ta script's check for the [all] extra names exactly what that extra installs."""

import re
import subprocess
import sys
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


def test_the_ta_process_converts_arrow_values_without_loading_pandas() -> None:
    # pandas is installed here (a dev dependency): the hook must keep it out, and pyarrow
    # must still convert Python values (its pandas probe then finds no pandas).
    code = (
        "import sys\n"
        "from trade_analyst.entrypoints.launcher import _WithoutPandas\n"
        "sys.meta_path.insert(0, _WithoutPandas())\n"
        "import pyarrow as pa, pyarrow.compute as pc\n"
        "assert pc.greater(pa.array([1.0, -1.0]), 0.0).to_pylist() == [True, False]\n"
        "print('pandas' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_commands_run_with_the_garbage_collector_on() -> None:
    # The launcher pauses the collector for start-up; the command must not inherit the
    # pause (a long history run would then never free its cycles).
    code = (
        "import gc, sys\n"
        "from trade_analyst.entrypoints.cli import app\n"
        "@app.command(name='probe')\n"
        "def probe() -> int:\n"
        "    print(gc.isenabled())\n"
        "    return 0\n"
        "sys.argv = ['ta', 'probe']\n"
        "from trade_analyst.entrypoints.launcher import main\n"
        "assert main() == 0\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines() == ["True"]


def test_the_collector_is_on_again_when_no_command_ran() -> None:
    code = (
        "import gc, sys\n"
        "sys.argv = ['ta', '--help']\n"
        "from trade_analyst.entrypoints.launcher import main\n"
        "assert main() == 0\n"
        "print(gc.isenabled())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "True"
