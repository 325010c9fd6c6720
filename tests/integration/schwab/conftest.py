from tests.fakes.fixtures import fake_schwab, fake_schwab_server

__all__ = ["fake_schwab", "fake_schwab_server"]
