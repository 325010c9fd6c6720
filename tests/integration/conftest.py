"""Shared by the integration tests that run ``ta`` in process."""

from pathlib import Path

import pytest

from tests.integration.in_process import isolate
from tests.pinned_now import TA_NOW


@pytest.fixture
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty folder as cwd and HOME (no config file, no TA_* variables) and the clock
    pinned by ``TA_NOW``: the test's result does not depend on the day it runs."""
    isolate(monkeypatch, home=tmp_path, work=tmp_path)
    monkeypatch.setenv("TA_NOW", TA_NOW)
    return tmp_path
