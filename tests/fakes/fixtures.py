"""Pytest fixtures for the fake Schwab server; import them into a ``conftest.py``:

    from tests.fakes.fixtures import fake_schwab, fake_schwab_server  # noqa: F401

``fake_schwab_server`` starts one server per session; ``fake_schwab`` hands each test that
server with its state reset (only the default app registered, no tokens, no faults,
120/minute, no latency).
"""

from collections.abc import Iterator

import pytest

from tests.fakes.schwab_server import FakeSchwab, running_fake_schwab


@pytest.fixture(scope="session")
def fake_schwab_server() -> Iterator[FakeSchwab]:
    with running_fake_schwab() as fake:
        yield fake


@pytest.fixture
def fake_schwab(fake_schwab_server: FakeSchwab) -> Iterator[FakeSchwab]:
    fake_schwab_server.state.reset()
    yield fake_schwab_server
    fake_schwab_server.state.reset()
