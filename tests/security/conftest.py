import pytest

from tests.fakes.fixtures import fake_schwab, fake_schwab_server  # noqa: F401
from tests.integration.auth.conftest import ta  # noqa: F401


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
