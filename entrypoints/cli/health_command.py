"""``ta health``: is everything in place for the next run?

Checks, in order: configuration, vault, tokens, provider, output folder. Each yields ok,
warn or fail; warnings never fail the run. Exit 0 healthy, 3 on an authentication problem,
5 when the provider is unreachable, 1 when the output folder is unusable.
"""

import datetime as dt
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from trade_analyst.entrypoints.cli.context import CliContext, Context
from trade_analyst.entrypoints.cli.output import emit

if TYPE_CHECKING:
    from trade_analyst.ports import OAuthService, TokenSet


OK, WARN, FAIL = "ok", "warn", "fail"
EXIT_AUTH, EXIT_PROVIDER, EXIT_INTERNAL = 3, 5, 1


class _Check:
    """One line of the report, and the exit code it stands for when it fails."""

    def __init__(self, name: str, status: str, detail: str, exit_code: int = 0) -> None:
        self.name, self.status, self.detail, self.exit_code = name, status, detail, exit_code

    def record(self) -> dict[str, object]:
        return {"check": self.name, "status": self.status, "detail": self.detail}


def health(*, context: Context) -> int:
    """Check configuration, vault, tokens, provider reachability and the output folder.

    Exit 0 when healthy (warnings included), 3 on an authentication problem, 5 when the
    provider cannot be reached, 1 when the output folder is not writable.
    """
    from trade_analyst.entrypoints.cli.auth_commands import now_utc

    settings = context.settings
    now = now_utc()
    checks: list[_Check] = []
    schwab = context.provider == "schwab"

    oauth, config_check = _check_config(context)
    checks.append(config_check)
    tokens, vault_check = _check_vault(context, required=schwab)
    checks.append(vault_check)
    checks.append(_check_tokens(tokens, now=now, required=schwab))
    checks.append(_check_provider(context, oauth, tokens, now=now))
    checks.append(_check_output(settings.data_dir))

    emit([check.record() for check in checks], context.output_format)
    failed = [check for check in checks if check.status == FAIL]
    if failed:
        names = ", ".join(check.name for check in failed)
        sys.stderr.write(f"error: health check failed: {names}\nhint: {failed[0].detail}\n")
        return failed[0].exit_code
    return 0


def _check_config(context: CliContext) -> "tuple[OAuthService | None, _Check]":
    from trade_analyst.entrypoints.bootstrap import build_oauth
    from trade_analyst.ports import TradeAnalystError

    settings = context.settings
    where = f"provider {context.provider}, settings from {settings.source}"
    try:
        oauth = build_oauth(settings)
        oauth.check_redirect_uri(listening=False)  # the paste flow takes any https callback
    except TradeAnalystError as exc:
        if context.provider != "schwab":
            # Not needed for the mock provider, but worth knowing before switching.
            return None, _Check("config", OK, f"{where}; Schwab not usable: {exc.message}")
        return None, _Check("config", FAIL, f"{where}; {exc.message}; {exc.hint}", EXIT_AUTH)
    return oauth, _Check("config", OK, f"{where}; Schwab app {_masked(oauth.client_id)}")


def _masked(client_id: str) -> str:
    # The app key is not a secret, but there is no need to print all of it either.
    return f"{client_id[:4]}…{client_id[-2:]}" if len(client_id) > 8 else "(set)"


def _check_vault(context: CliContext, *, required: bool) -> "tuple[TokenSet | None, _Check]":
    from trade_analyst.entrypoints.cli.auth_commands import token_vault
    from trade_analyst.ports import TradeAnalystError

    try:
        vault = token_vault(context.settings)
        tokens = vault.load()
    except TradeAnalystError as exc:
        return None, _Check("vault", FAIL, f"{exc.message}; {exc.hint}", EXIT_AUTH)
    if tokens is None:
        status = FAIL if required else OK
        detail = f"no tokens stored in {vault.path}"
        if required:
            detail += "; run 'ta auth login'"
        return None, _Check("vault", status, detail, EXIT_AUTH)
    detail = f"{vault.path} readable and decrypted ({vault.key_source})"
    exposed = [path for path in _vault_files(context) if path.exists() and _shared(path)]
    if exposed:
        names = ", ".join(str(path) for path in exposed)
        return tokens, _Check(
            "vault", WARN, f"{detail}; readable by other users: {names} (chmod 600)"
        )
    return tokens, _Check("vault", OK, detail)


def _vault_files(context: CliContext) -> list[Path]:
    from trade_analyst.entrypoints.bootstrap import vault_paths

    vault, key_file = vault_paths(context.settings)
    return [vault, key_file]


def _shared(path: Path) -> bool:
    from trade_analyst.entrypoints.bootstrap import vault_file_shared

    return vault_file_shared(path)


def _check_tokens(tokens: "TokenSet | None", *, now: dt.datetime, required: bool) -> _Check:
    from trade_analyst.entrypoints.cli.auth_commands import token_state

    if tokens is None:
        if required:
            return _Check("tokens", FAIL, "not logged in; run 'ta auth login'", EXIT_AUTH)
        return _Check("tokens", OK, "not logged in (not needed for the mock provider)")
    state = token_state(tokens, now=now, vault=Path())
    days = f"refresh token: {state['refresh_days_left']} days left"
    access = "access token valid" if state["access_token_valid"] else "access token expired"
    if not state["logged_in"]:
        return _Check("tokens", FAIL if required else WARN, str(state["warning"]), EXIT_AUTH)
    if state["warning"]:
        return _Check("tokens", WARN, f"{days}; {state['warning']}")
    return _Check("tokens", OK, f"{days}; {access} (renewed automatically)")


def _check_provider(
    context: CliContext,
    oauth: "OAuthService | None",
    tokens: "TokenSet | None",
    *,
    now: dt.datetime,
) -> _Check:
    if context.provider != "schwab":
        return _Check("provider", OK, "mock: built-in synthetic data, always reachable")
    if oauth is None or tokens is None:
        return _Check("provider", WARN, "schwab: not checked (configure and log in first)")
    from trade_analyst.entrypoints.cli.auth_commands import run_async

    return run_async(_probe_schwab(context, now=now))


async def _probe_schwab(context: CliContext, *, now: dt.datetime) -> _Check:
    """One cheap call through the Schwab adapter: today's equity market hours.

    The adapter does what every command does (refresh an expiring token under the vault
    lock, one refresh-and-retry on a 401) but is told not to retry failures, so an outage
    is reported at once instead of after a backoff.
    """
    from trade_analyst.entrypoints.bootstrap import build_clock, schwab_market_data_url
    from trade_analyst.entrypoints.cli.inputs import market_zone
    from trade_analyst.entrypoints.cli.runtime import open_market_data
    from trade_analyst.ports import AuthRequired, HoursQuery, TradeAnalystError

    today = now.astimezone(market_zone()).date()
    url = schwab_market_data_url(context.settings)
    what = f"schwab: market hours of {today.isoformat()} ({url}/markets)"
    try:
        async with open_market_data(context, build_clock(), retry_failures=False) as market_data:
            await market_data.market_hours(HoursQuery(["equity"], today))
    except AuthRequired as exc:
        return _Check("provider", FAIL, f"{what}: {exc.message}; {exc.hint}", EXIT_AUTH)
    except TradeAnalystError as exc:
        return _Check("provider", FAIL, f"{what}: {exc.message}", EXIT_PROVIDER)
    return _Check("provider", OK, f"{what}: answered")


def _check_output(folder: Path) -> _Check:
    target = folder.resolve()
    existing = target
    while not existing.exists():
        existing = existing.parent
    if not existing.is_dir():
        return _Check("output", FAIL, f"{existing} is not a folder", EXIT_INTERNAL)
    try:
        with tempfile.TemporaryFile(dir=existing):
            pass
    except OSError as exc:
        return _Check("output", FAIL, f"cannot write in {existing}: {exc.strerror}", EXIT_INTERNAL)
    if existing != target:
        return _Check("output", OK, f"{target} will be created (inside writable {existing})")
    return _Check("output", OK, f"{target} is writable")
