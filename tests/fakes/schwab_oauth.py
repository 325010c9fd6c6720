"""The fake's ``/v1/oauth/authorize`` and ``/v1/oauth/token`` endpoints.

Authorize stands in for the whole browser login: a known app with its exact registered
redirect URI is sent straight back with a code, as if the user had logged in and consented.
The token endpoint keeps the real service's rules: Basic client auth, single-use codes that
expire in about 30 seconds, 30-minute access tokens, 7-day refresh tokens.
"""

import base64
import binascii

from tests.fakes.schwab_http import Request, Response, html_page, json_response, oauth_error
from tests.fakes.schwab_state import FakeSchwabState, IssuedTokens, TokenError, TokenRequestRecord


def authorize(state: FakeSchwabState, request: Request) -> Response:
    if request.method != "GET":
        return html_page(405, "Method Not Allowed", "<P>Use GET.</P>")
    params = request.query()
    state.authorize_params.append(frozenset(params))
    client_id = params.get("client_id", "")
    redirect_uri = params.get("redirect_uri", "")
    try:
        location = state.authorize(client_id, redirect_uri, params.get("state"))
    except ValueError:
        # Schwab shows an error page and never redirects to an unregistered callback.
        return html_page(400, "Access Denied", "<P>We are unable to complete your request.</P>")
    return Response(302, b"", "text/html", (("location", location),))


def _basic_credentials(header: str | None) -> tuple[str, str] | None:
    if not header or not header.lower().startswith("basic "):
        return None
    try:
        decoded = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    client_id, colon, secret = decoded.partition(":")
    return (client_id, secret) if colon else None


def _token_body(tokens: IssuedTokens) -> dict[str, object]:
    return {
        "expires_in": tokens.expires_in,
        "token_type": "Bearer",
        "scope": "api",
        "refresh_token": tokens.refresh_token,
        "access_token": tokens.access_token,
        "id_token": tokens.id_token,
    }


def token(state: FakeSchwabState, request: Request) -> Response:
    form = request.form() if request.method == "POST" else {}
    grant_type = form.get("grant_type", "")
    response = _token(state, request, form, grant_type)
    state.record_token_request(TokenRequestRecord(grant_type, frozenset(form), response.status))
    return response


def _token(
    state: FakeSchwabState, request: Request, form: dict[str, str], grant_type: str
) -> Response:
    if request.method != "POST":
        return oauth_error(405, "invalid_request", "use POST")
    content_type = request.headers.get("content-type", "")
    if not content_type.startswith("application/x-www-form-urlencoded"):
        return oauth_error(400, "invalid_request", "form-encoded body required")
    credentials = _basic_credentials(request.headers.get("authorization"))
    if credentials is None:
        return oauth_error(401, "invalid_client", "Basic client authentication required")
    try:
        app = state.check_client(*credentials)
        if form.get("client_id", app.client_id) != app.client_id:
            raise TokenError(401, "invalid_client", "client_id does not match")
        # PKCE fields (code_verifier) are accepted and ignored, as Schwab does.
        if grant_type == "authorization_code":
            if "code" not in form or "redirect_uri" not in form:
                raise TokenError(400, "invalid_request", "code and redirect_uri are required")
            issued = state.exchange_code(app, form["code"], form["redirect_uri"])
        elif grant_type == "refresh_token":
            if "refresh_token" not in form:
                raise TokenError(400, "invalid_request", "refresh_token is required")
            issued = state.refresh(app, form["refresh_token"])
        else:
            raise TokenError(400, "unsupported_grant_type", "grant_type is not supported")
    except TokenError as error:
        return oauth_error(error.status, error.error, error.description)
    return json_response(200, _token_body(issued), ("cache-control", "no-store"))
