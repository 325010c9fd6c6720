"""``import trade_analyst`` stays cheap: the Python API loads when first asked for."""

import subprocess
import sys

import pytest

import trade_analyst
from trade_analyst.entrypoints import api

HEAVY = ("pyarrow", "anyio", "httpx", "numpy", "cryptography", "cyclopts", "rich", "uvicorn")


def test_importing_the_package_loads_none_of_its_subpackages_or_libraries() -> None:
    probe = (
        "import sys, trade_analyst; "
        "print(sorted(m for m in sys.modules if m.startswith('trade_analyst.') "
        f"or m.split('.')[0] in {HEAVY!r}))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"


def test_asking_for_connect_loads_the_api_but_no_heavy_library() -> None:
    probe = (
        "import sys, trade_analyst; trade_analyst.connect; trade_analyst.connect_async; "
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    shown = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout
    assert shown.strip() == "[]"


def test_connect_is_the_apis_and_listed() -> None:
    assert trade_analyst.connect is api.connect
    assert trade_analyst.connect_async is api.connect_async
    assert {"connect", "connect_async"} <= set(dir(trade_analyst))


def test_other_names_are_still_attribute_errors() -> None:
    with pytest.raises(AttributeError, match="no attribute 'conect'"):
        trade_analyst.conect  # noqa: B018
