"""A ``trade_analyst.connect`` client on the mock provider, in the ``isolated`` environment
(no config file, no TA_* variables, the clock pinned) that in-process ``ta`` runs get."""

from collections.abc import Iterator

import pytest

import trade_analyst
from trade_analyst.entrypoints.api import Client


@pytest.fixture
def client(isolated: object) -> Iterator[Client]:
    with trade_analyst.connect(provider="mock") as opened:
        yield opened
