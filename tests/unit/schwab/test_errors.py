"""Error bodies of every shape Schwab (or its gateways) sends become short readable reasons,
and statuses map to the port errors."""

import pytest

from trade_analyst.adapters.schwab.errors import (
    error_for_status,
    reason_from_body,
    retry_after_seconds,
)
from trade_analyst.ports import AuthRequired, InvalidInput, NoData, ProviderError, RateLimited


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        (
            b'{"errors":[{"id":"1","status":"400","title":"Bad Request",'
            b'"detail":"Search combination should not exceed 500."}]}',
            "application/json",
            "Bad Request: Search combination should not exceed 500.",
        ),
        (
            b'{"errors":[{"status":401,"title":"Unauthorized","detail":"Client not authorized"}]}',
            "application/json",
            "Unauthorized: Client not authorized",
        ),
        (
            b'{"error":"invalid_client","error_description":"refresh token invalid"}',
            "application/json",
            "invalid_client: refresh token invalid",
        ),
        (
            b'{"fault":{"faultstring":"Body buffer overflow","detail":{"errorcode":"x"}}}',
            "application/json",
            "Body buffer overflow",
        ),
        (
            b'{"message":"Bad request","errors":["account not found"]}',
            "application/json",
            "account not found",
        ),
        (
            b"<html><body><h1>Whitelabel Error Page</h1><p>This application has no explicit "
            b"mapping</p></body></html>",
            "text/html",
            "Whitelabel Error Page",
        ),
        (
            b"<HTML><HEAD><TITLE>Access Denied</TITLE></HEAD><BODY>You don&#39;t have "
            b"permission</BODY></HTML>",
            "text/html",
            "Access Denied",
        ),
        (
            b"404 Not Found: Requested route ('x.schwab.com') does not exist.",
            "text/plain",
            "404 Not Found: Requested route ('x.schwab.com') does not exist.",
        ),
        (b"", "text/plain", ""),
        (b"{not json", "application/json", "{not json"),
    ],
)
def test_every_error_shape_gives_a_readable_reason(
    body: bytes, content_type: str, reason: str
) -> None:
    assert reason_from_body(body, content_type) == reason


def test_long_reasons_are_cut() -> None:
    assert len(reason_from_body(b"x" * 5000, "text/plain")) == 200


@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (400, InvalidInput),
        (401, AuthRequired),
        (403, ProviderError),
        (404, NoData),
        (429, RateLimited),
        (500, ProviderError),
        (502, ProviderError),
    ],
)
def test_statuses_map_to_port_errors_naming_the_correlation_id(
    status: int, kind: type[Exception]
) -> None:
    error = error_for_status(
        status,
        "a quotes request",
        body=b"",
        content_type="",
        headers={"schwab-client-correlid": "c0ffee", "retry-after": "3"},
    )
    assert type(error) is kind
    assert f"HTTP {status}" in error.message
    assert "c0ffee" in error.message
    if isinstance(error, RateLimited):
        assert error.retry_after == 3.0


@pytest.mark.parametrize(
    ("value", "seconds"), [("3", 3.0), (" 1.5 ", 1.5), ("-1", None), ("soon", None), (None, None)]
)
def test_retry_after_is_read_in_seconds(value: str | None, seconds: float | None) -> None:
    assert retry_after_seconds(value) == seconds
