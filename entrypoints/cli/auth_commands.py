"""``ta auth ...``: log in to Schwab, show the token state, refresh it, log out.

Secrets (tokens, the client secret, the code, the PKCE verifier, the vault key) are never
written anywhere but the vault: not to stdout, stderr, logs or error messages.
"""

import contextlib
import datetime as dt
import functools
import os
import sys
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO, TypeVar

import attrs
from cyclopts import App, Parameter

from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.output import emit
from trade_analyst.entrypoints.cli.view_options import TimeZone
from trade_analyst.entrypoints.config import Settings

if TYPE_CHECKING:  # the real imports happen inside the commands, when they run
    from trade_analyst.ports import LoginVault, OAuthService, TokenSet

T = TypeVar("T")

auth_app = App(name="auth", help="Schwab login: log in, token status, refresh, log out.")


# A headless login printed in one run may be finished by --redirected-url in another.
PENDING_LOGIN_LIFETIME = dt.timedelta(hours=1)
# From this long before the 7-day limit, status and health warn that a login is due.
WARN_BEFORE_REFRESH_EXPIRY = dt.timedelta(hours=24)


def open_in_browser(url: str, command: str | None = None) -> object:
    """Open ``url`` with ``command`` (the URL appended) or else the user's browser.

    On a Linux box without a display, webbrowser would fall back to a console browser
    (lynx, w3m...) that takes over the terminal; there the printed URL is enough.
    """
    if command:
        import shlex
        import subprocess

        # The user chose this command on their own command line: run it as given.
        argv = [*shlex.split(command), url]
        return subprocess.run(argv, check=False).returncode == 0  # noqa: S603

    import webbrowser

    graphical = any(os.environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "BROWSER"))
    if sys.platform.startswith("linux") and not graphical:
        return False
    return webbrowser.open(url)


# ---------------------------------------------------------------- wiring (from bootstrap)


def token_vault(
    settings: Settings, *, create_key: bool = False, err: TextIO | None = None
) -> "LoginVault":
    """The token vault; says on ``err`` (stderr) when this call created its key file."""
    from trade_analyst.entrypoints.bootstrap import build_vault

    vault, created = build_vault(settings, create_key=create_key)
    if created is not None:
        (err or sys.stderr).write(
            f"created a new vault key file: {created} (mode 0600). Keep it: the stored tokens "
            "cannot be read without it. Set TA_VAULT_KEY or TA_VAULT_KEY_FILE to use another.\n"
        )
    return vault


def now_utc() -> dt.datetime:
    from trade_analyst.entrypoints.bootstrap import build_clock

    return build_clock().now()


# ---------------------------------------------------------------- token state


def token_state(tokens: "TokenSet | None", *, now: dt.datetime, vault: Path) -> dict[str, object]:
    """What ``ta auth status`` reports about a token set (None: not logged in)."""
    from trade_analyst.entrypoints.bootstrap import build_refresh_expiry

    if tokens is None:
        return {
            "logged_in": False,
            "vault": str(vault),
            "access_expires_at": None,
            "access_token_valid": False,
            "refresh_issued_at": None,
            "refresh_age_days": None,
            "refresh_expires_at": None,
            "refresh_days_left": None,
            "warning": "not logged in; run 'ta auth login'",
        }
    expires = build_refresh_expiry()(tokens)
    left = expires - now
    logged_in = left > dt.timedelta(0)
    warning = None
    if not logged_in:
        warning = (
            f"the refresh token expired at {_rfc3339(expires)} (7 days after login); "
            "run 'ta auth login'"
        )
    elif left <= WARN_BEFORE_REFRESH_EXPIRY:
        warning = (
            f"the refresh token expires in {left / dt.timedelta(hours=1):.1f} h (7 days after "
            "login); run 'ta auth login' before then"
        )
    return {
        "logged_in": logged_in,
        "vault": str(vault),
        "access_expires_at": tokens.access_expires_at,
        "access_token_valid": tokens.access_expires_at > now,
        "refresh_issued_at": tokens.refresh_issued_at,
        "refresh_age_days": round((now - tokens.refresh_issued_at) / dt.timedelta(days=1), 2),
        "refresh_expires_at": expires,
        "refresh_days_left": round(max(left, dt.timedelta(0)) / dt.timedelta(days=1), 2),
        "warning": warning,
    }


def _rfc3339(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _report(state: dict[str, object], context: CliContext, tz: str | None = None) -> None:
    from trade_analyst.entrypoints.cli.table_view import View

    emit([state], context.output_format, single=True, view=View(tz=tz))
    if state["warning"] and context.verbosity >= 0:
        sys.stderr.write(f"warning: {state['warning']}\n")


# ---------------------------------------------------------------- commands


@auth_app.command
def login(
    *,
    browser: Annotated[
        bool,
        Parameter(
            help="Open a browser and catch the redirect on 127.0.0.1 (--no-browser: print "
            "the URL on stderr and read the redirected URL from stdin)."
        ),
    ] = True,
    redirected_url: Annotated[
        str | None,
        Parameter(
            help="Finish the login started by an earlier --no-browser run with the URL the "
            "browser was redirected to."
        ),
    ] = None,
    pkce: Annotated[bool, Parameter(help="Send a PKCE S256 challenge (on by default).")] = True,
    timeout: Annotated[
        float, Parameter(help="Seconds to wait for the browser's redirect.")
    ] = 300.0,
    browser_command: Annotated[
        str | None,
        Parameter(
            help="Open the authorization URL with this command (the URL is appended), "
            "e.g. 'firefox --private-window'; default: the system browser."
        ),
    ] = None,
    context: Context,
) -> int:
    """Log in to Schwab and store the tokens in the encrypted vault.

    TA_SCHWAB_REDIRECT_URI must equal your app's registered callback; it is checked first.
    """
    from trade_analyst.entrypoints.bootstrap import build_oauth, vault_paths
    from trade_analyst.ports import InvalidInput

    oauth = build_oauth(context.settings)
    # Only a browser login catches the redirect itself; a pasted one may go anywhere https.
    oauth.check_redirect_uri(listening=browser and redirected_url is None)
    if timeout <= 0:
        raise InvalidInput(f"--timeout must be positive, got {timeout}", "try --timeout 300")
    new_files = [path for path in vault_paths(context.settings) if not path.exists()]
    vault = token_vault(context.settings, create_key=True)
    vault.load()  # an unreadable vault stops the login here, before anything is replaced
    if redirected_url is not None:
        code, verifier = _finish_pending(vault, oauth, redirected_url)
        tokens = _exchange(oauth, code, verifier)
    elif browser:
        code, verifier = _login_in_browser(
            vault, oauth, pkce=pkce, wait_seconds=timeout, command=browser_command
        )
        tokens = _exchange(oauth, code, verifier)
    else:
        pasted = _login_headless(vault, oauth, pkce=pkce, stdin=sys.stdin)
        with _undone_on_failure(vault, new_files):
            code = oauth.code_from_redirect(pasted.url, state=pasted.state)
            tokens = _exchange(oauth, code, pasted.verifier)
    with vault.lock():
        vault.save(tokens)
        vault.take_pending()
    if context.verbosity >= 0:
        sys.stderr.write(f"logged in; tokens saved to {vault.path}\n")
    _report(token_state(tokens, now=now_utc(), vault=vault.path), context)
    return 0


@auth_app.command
def status(*, tz: TimeZone = None, context: Context) -> int:
    """Whether you are logged in, when the access token expires, the refresh token's days left.

    Exits 0 when logged in and 3 when a login is needed.
    """
    vault = token_vault(context.settings)
    state = token_state(vault.load(), now=now_utc(), vault=vault.path)
    _report(state, context, tz)
    return 0 if state["logged_in"] else 3


@auth_app.command(name="refresh")
def refresh_command(*, tz: TimeZone = None, context: Context) -> int:
    """Get a new access token now (the refresh token's 7 days are not extended)."""
    from trade_analyst.entrypoints.bootstrap import build_oauth
    from trade_analyst.ports import AuthRequired

    oauth = build_oauth(context.settings)
    vault = token_vault(context.settings)
    with vault.lock():  # held across load-refresh-save: a rotated token is never lost
        tokens = vault.load()
        if tokens is None:
            raise AuthRequired("not logged in to Schwab", "run 'ta auth login'")
        tokens = run_async(oauth.refresh(tokens, now=now_utc()))
        vault.save(tokens)
    _report(token_state(tokens, now=now_utc(), vault=vault.path), context, tz)
    return 0


@auth_app.command
def logout(*, context: Context) -> int:
    """Delete the stored tokens (also an unreadable vault); the key file is kept."""
    from trade_analyst.entrypoints.bootstrap import build_keyless_vault, vault_paths

    path, _ = vault_paths(context.settings)
    # No key needed to delete, and a malformed key must not stand in the way of a logout.
    vault = build_keyless_vault(context.settings)
    existed = path.exists()
    if existed:  # nothing to do (and no folder to create for a lock) otherwise
        with vault.lock():
            vault.clear()
    record = {"logged_out": True, "vault": str(path), "removed": existed}
    emit([record], context.output_format, single=True)
    return 0


# ---------------------------------------------------------------- login flows


def _login_in_browser(
    vault: "LoginVault",
    oauth: "OAuthService",
    *,
    pkce: bool,
    wait_seconds: float,
    command: str | None,
) -> tuple[str, str | None]:
    from trade_analyst.entrypoints.callback.browser_login import code_from_browser

    request = oauth.authorization_request(pkce=pkce)

    def announce(line: str) -> None:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()

    code = run_async(
        code_from_browser(
            request.url,
            path=request.callback_path,
            port=request.callback_port,
            state=request.state,
            cert_folder=vault.path.parent,
            open_browser=functools.partial(open_in_browser, command=command),
            announce=announce,
            wait_seconds=wait_seconds,
            now=now_utc(),
        )
    )
    return code, request.code_verifier


@attrs.frozen
class _Pasted:
    """What the user pasted for a headless login, and that login's state and verifier."""

    url: str = attrs.field(repr=False)  # holds the authorization code
    state: str = attrs.field(repr=False)
    verifier: str | None = attrs.field(repr=False)


def _login_headless(
    vault: "LoginVault", oauth: "OAuthService", *, pkce: bool, stdin: TextIO
) -> _Pasted:
    from trade_analyst.ports import AuthRequired, PendingLogin

    request = oauth.authorization_request(pkce=pkce)
    # Kept in the vault so --redirected-url can finish this login from another run.
    vault.save_pending(
        PendingLogin(
            state=request.state,
            code_verifier=request.code_verifier,
            redirect_uri=oauth.redirect_uri,
            created_at=now_utc(),
        )
    )
    sys.stderr.write(
        "Open this URL in a browser, log in, then paste the full address you are redirected "
        "to (the page itself may fail to load) and press Enter:\n"
    )
    sys.stderr.write(request.url + "\n")
    sys.stderr.flush()
    line = stdin.readline()
    if not line.strip():
        raise AuthRequired(
            "no redirected URL was read from stdin; the login is still pending",
            "open the URL printed above, log in, then run: ta auth login --redirected-url "
            "'<the address you were redirected to>' (within an hour; Schwab's codes expire "
            "about 30 seconds after the redirect)",
        )
    return _Pasted(line, request.state, request.code_verifier)


def _exchange(oauth: "OAuthService", code: str, verifier: str | None) -> "TokenSet":
    return run_async(oauth.exchange_code(code, code_verifier=verifier, now=now_utc()))


@contextlib.contextmanager
def _undone_on_failure(vault: "LoginVault", new_files: list[Path]) -> Iterator[None]:
    """Leave no trace of a headless login that failed (a wrong paste, a refused code): the
    pending login is dropped, and the vault and key file go if this run created them.

    A login still pending (nothing pasted, or Ctrl-C) is not a failure: it keeps them, so
    ``--redirected-url`` can finish it from another run.
    """
    from trade_analyst.ports import TradeAnalystError

    try:
        yield
    except TradeAnalystError:
        with contextlib.suppress(TradeAnalystError, OSError):
            vault.take_pending()
        removed = [path for path in new_files if path.exists()]
        for path in removed:
            path.unlink()
        if removed:
            names = ", ".join(str(path) for path in removed)
            sys.stderr.write(f"the login failed: removed what it had created ({names})\n")
        raise


def _finish_pending(
    vault: "LoginVault", oauth: "OAuthService", redirected_url: str
) -> tuple[str, str | None]:
    from trade_analyst.ports import AuthRequired

    pending = vault.take_pending()  # single use, whatever happens next
    if pending is None:
        raise AuthRequired(
            "no login is in progress to finish with --redirected-url",
            "run 'ta auth login --no-browser', open the URL it prints and log in, then pass "
            "the address you were redirected to",
        )
    if now_utc() - pending.created_at > PENDING_LOGIN_LIFETIME:
        raise AuthRequired(
            "the login in progress is more than an hour old", "run 'ta auth login' again"
        )
    if pending.redirect_uri != oauth.redirect_uri:
        raise AuthRequired(
            f"the login in progress used redirect URI {pending.redirect_uri}, but "
            f"{oauth.redirect_uri} is configured now",
            "run 'ta auth login --no-browser' again with the redirect URI you mean to use",
        )
    return oauth.code_from_redirect(redirected_url, state=pending.state), pending.code_verifier


# ---------------------------------------------------------------- async calls from a command


def run_async(awaitable: Coroutine[Any, Any, T]) -> T:
    import anyio

    async def main() -> T:
        return await awaitable

    return anyio.run(main)
