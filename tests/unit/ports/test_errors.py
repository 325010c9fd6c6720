"""Every port error carries a hint and its documented exit code."""

import pytest

from trade_analyst.ports import (
    AuthRequired,
    DatasetDamaged,
    DatasetUnreadable,
    DatasetWriteFailed,
    DataValidationFailed,
    InvalidInput,
    NoData,
    OutputFailed,
    ProviderError,
    RateLimited,
    TradeAnalystError,
)


@pytest.mark.parametrize(
    ("error", "exit_code", "code"),
    [
        (InvalidInput("bad"), 2, "E-USAGE"),
        (AuthRequired("bad"), 3, "E-AUTH"),
        (ProviderError("bad"), 5, "E-PROVIDER"),
        (RateLimited("bad"), 5, "E-PROVIDER"),
        (NoData("bad"), 4, "E-NODATA"),
        (DataValidationFailed("bad"), 6, "E-VALIDATION"),
        (OutputFailed("bad", path="/x"), 7, "E-OUTPUT"),
        (DatasetWriteFailed("bad", path="/x"), 7, "E-OUTPUT"),
        (DatasetDamaged("bad", paths=("/x", "/y")), 7, "E-OUTPUT"),
        (DatasetUnreadable("bad", path="/x"), 1, "E-INTERNAL"),
    ],
)
def test_exit_codes_and_codes(error: TradeAnalystError, exit_code: int, code: str) -> None:
    assert isinstance(error, TradeAnalystError)
    assert (error.exit_code, error.code) == (exit_code, code)
    assert error.message == "bad" == str(error)
    assert error.hint  # a default hint, never empty


def test_a_given_hint_replaces_the_default() -> None:
    assert InvalidInput("bad interval", "intervals are: 1m, 5m").hint == "intervals are: 1m, 5m"


def test_rate_limited_is_a_provider_error_with_retry_after() -> None:
    error = RateLimited("slow down", retry_after=12.5)
    assert isinstance(error, ProviderError)
    assert (error.retry_after, error.status) == (12.5, 429)


def test_write_failures_name_the_path() -> None:
    assert DatasetWriteFailed("cannot write", path="/data/x").path == "/data/x"
