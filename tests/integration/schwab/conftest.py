from tests.fakes.fixtures import fake_schwab, fake_schwab_server
from tests.integration.auth.conftest import ta

__all__ = ["fake_schwab", "fake_schwab_server", "ta"]
