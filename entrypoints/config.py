"""Configuration: one TOML file, environment overrides, built-in defaults.

Lookup order for the file: ``--config PATH``, ``$TA_CONFIG``, ``./config.toml``,
``~/.config/trade-analyst/config.toml``; with none present the built-in defaults apply.
Every key can be overridden by ``TA_<SECTION>_<KEY>`` (``TA_FUTURES_ROLL_POLICY=expiry``).
Unknown sections and keys are errors, so a typo never silently falls back to a default.
Secrets (client secret, vault key) are accepted from the environment or a user's own file,
are never shown in ``repr`` and never echoed in error messages.
"""

import os
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path

import attrs

OUTPUT_FORMATS = ("auto", "table", "json", "csv")
ROLL_POLICIES = ("auto", "expiry")
PROVIDERS = ("mock", "schwab")
DEFAULT_REDIRECT_URI = "https://127.0.0.1:8182"
DEFAULT_API_BASE = "https://api.schwabapi.com"


class ConfigError(Exception):
    """The configuration file or an override is invalid; the message says which key."""

    hint = "fix the file or variable named above; see config.toml for every key"


def default_data_home(env: Mapping[str, str]) -> Path:
    """Per-user data folder (XDG): where the token vault and its key live by default."""
    base = env.get("XDG_DATA_HOME") or str(Path(env.get("HOME", "~")).expanduser() / ".local/share")
    return Path(base) / "trade-analyst"


@attrs.frozen
class Settings:
    """Every configuration key, with its built-in default (mirrors config.toml)."""

    output_format: str = "auto"
    roll_policy: str = "auto"
    provider: str = "mock"
    data_dir: Path = Path("data")
    # Whether a config file or TA_OUTPUT_DATA_DIR set data_dir: only then may a command
    # that was given no --out write there on its own (options stats' iv_history).
    data_dir_configured: bool = False
    schwab_client_id: str | None = None
    schwab_client_secret: str | None = attrs.field(default=None, repr=False)
    schwab_redirect_uri: str = DEFAULT_REDIRECT_URI
    schwab_api_base: str = DEFAULT_API_BASE
    schwab_requests_per_minute: int = 120
    schwab_request_deadline_seconds: float = 60.0
    vault_path: Path | None = None  # None: <data home>/token-vault.json
    vault_key: str | None = attrs.field(default=None, repr=False)
    vault_key_file: Path | None = None  # None: <data home>/vault.key
    source: str = "built-in defaults"


# What a key's parser returns: a value of the ``Settings`` field the key sets.
ConfigValue = str | int | float | Path | None


@attrs.frozen
class _Key:
    field: str
    parse: Callable[[object], ConfigValue]
    secret: bool = False


def _choice(*allowed: str) -> Callable[[object], str]:
    def parse(value: object) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(f"must be one of: {', '.join(allowed)}")
        return value

    return parse


def _text(value: object) -> str | None:
    if not isinstance(value, str):
        raise ValueError("must be a string")
    return value.strip() or None


_LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


def _api_url(value: object) -> str:
    # The client secret and tokens travel to this address: plain http is allowed only on
    # this machine (a local test server), where nothing crosses a network.
    text = _text(value)
    if text is None or not text.startswith(("http://", "https://")):
        raise ValueError("must be an http:// or https:// URL")
    if text.startswith("http://"):
        from urllib.parse import urlsplit

        if urlsplit(text).hostname not in _LOOPBACK_HOSTS:
            raise ValueError(
                "must use https:// (plain http only for 127.0.0.1, localhost or ::1): the "
                "client secret and tokens would travel in clear"
            )
    return text.rstrip("/") if text.count("/") > 2 else text


def _redirect_uri(value: object) -> str:
    # Kept exactly as written: Schwab compares it byte for byte with the registered URL,
    # so a trailing slash must reach the login's own check (which explains the mismatch).
    text = _text(value)
    if text is None or not text.startswith(("http://", "https://")):
        raise ValueError("must be an http:// or https:// URL")
    return text


def _path(value: object) -> Path | None:
    text = _text(value)
    return Path(text).expanduser() if text else None


def _positive_int(value: object) -> int:
    try:
        number = int(str(value))
    except ValueError:
        raise ValueError("must be a whole number") from None
    if number < 1:
        raise ValueError("must be at least 1")
    return number


def _positive_seconds(value: object) -> float:
    try:
        number = float(str(value))
    except ValueError:
        raise ValueError("must be a number of seconds") from None
    if not number > 0 or number == float("inf"):
        raise ValueError("must be a positive number of seconds")
    return number


_KEYS: dict[tuple[str, str], _Key] = {
    ("general", "format"): _Key("output_format", _choice(*OUTPUT_FORMATS)),
    ("general", "provider"): _Key("provider", _choice(*PROVIDERS)),
    ("futures", "roll_policy"): _Key("roll_policy", _choice(*ROLL_POLICIES)),
    ("output", "data_dir"): _Key("data_dir", lambda v: _path(v) or Path("data")),
    ("schwab", "client_id"): _Key("schwab_client_id", _text),
    ("schwab", "client_secret"): _Key("schwab_client_secret", _text, secret=True),
    ("schwab", "redirect_uri"): _Key("schwab_redirect_uri", _redirect_uri),
    ("schwab", "api_base"): _Key("schwab_api_base", _api_url),
    ("schwab", "requests_per_minute"): _Key("schwab_requests_per_minute", _positive_int),
    ("schwab", "request_deadline_seconds"): _Key(
        "schwab_request_deadline_seconds", _positive_seconds
    ),
    ("vault", "path"): _Key("vault_path", _path),
    ("vault", "key"): _Key("vault_key", _text, secret=True),
    ("vault", "key_file"): _Key("vault_key_file", _path),
}


def env_var_name(section: str, key: str) -> str:
    """The environment variable that overrides ``section.key``."""
    return f"TA_{section}_{key}".upper()


def candidate_paths(explicit: Path | None, env: Mapping[str, str], cwd: Path) -> list[Path]:
    """The config files to try, in order of precedence."""
    if explicit is not None:
        return [explicit]
    if env.get("TA_CONFIG"):
        return [Path(env["TA_CONFIG"])]
    home = Path(env.get("HOME", "~")).expanduser()
    return [cwd / "config.toml", home / ".config" / "trade-analyst" / "config.toml"]


def load_settings(
    explicit: Path | None = None,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
) -> Settings:
    """Read the first config file found, then apply ``TA_*`` environment overrides."""
    env = os.environ if env is None else env
    cwd = Path.cwd() if cwd is None else cwd
    values: dict[str, ConfigValue] = {}
    source = "built-in defaults"
    named = explicit is not None or bool(env.get("TA_CONFIG"))
    for path in candidate_paths(explicit, env, cwd):
        if path.is_file():
            values.update(_read_file(path))
            source = str(path)
            break
        if named:
            # A file the user named must exist; silently using defaults would hide a typo.
            raise ConfigError(f"config file not found: {path}")
    values.update(_read_env(env))
    # Each parser returns its field's type; mypy cannot follow the pairing through _KEYS.
    configured = "data_dir" in values
    return Settings(**values, data_dir_configured=configured, source=source)  # type: ignore[arg-type]


def _read_file(path: Path) -> dict[str, ConfigValue]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    values: dict[str, ConfigValue] = {}
    for section, table in document.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: top-level key {section!r} must be a [section]")
        for key, value in table.items():
            spec = _lookup(section, key, origin=str(path))
            values[spec.field] = _parse(spec, section, key, value, origin=str(path))
    return values


def _read_env(env: Mapping[str, str]) -> dict[str, ConfigValue]:
    values: dict[str, ConfigValue] = {}
    for (section, key), spec in _KEYS.items():
        name = env_var_name(section, key)
        if name in env:
            values[spec.field] = _parse(spec, section, key, env[name], origin=name)
    return values


def _lookup(section: str, key: str, *, origin: str) -> _Key:
    try:
        return _KEYS[(section, key)]
    except KeyError:
        known = ", ".join(f"{s}.{k}" for s, k in _KEYS)
        raise ConfigError(f"{origin}: unknown key {section}.{key} (known keys: {known})") from None


def _parse(spec: _Key, section: str, key: str, value: object, *, origin: str) -> ConfigValue:
    try:
        return spec.parse(value)
    except ValueError as exc:
        shown = "(hidden)" if spec.secret else repr(value)
        raise ConfigError(f"{origin}: {section}.{key} = {shown} {exc}") from None
