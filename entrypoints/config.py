"""Configuration: one TOML file, environment overrides, built-in defaults.

Lookup order for the file: ``--config PATH``, ``$TA_CONFIG``, ``./config.toml``,
``~/.config/trade-analyst/config.toml``; with none present the built-in defaults apply.
Every key can be overridden by ``TA_<SECTION>_<KEY>`` (``TA_FUTURES_ROLL_POLICY=expiry``).
Unknown sections and keys are errors, so a typo never silently falls back to a default.
"""

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

OUTPUT_FORMATS = ("auto", "table", "json", "csv")
ROLL_POLICIES = ("auto", "expiry")


class ConfigError(Exception):
    """The configuration file or an override is invalid; the message says which key."""


@attrs.frozen
class Settings:
    """Every configuration key, with its built-in default (mirrors config.toml)."""

    output_format: str = "auto"
    roll_policy: str = "auto"
    source: str = "built-in defaults"


# (section, key) -> (Settings field, allowed values)
_KEYS: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {
    ("general", "format"): ("output_format", OUTPUT_FORMATS),
    ("futures", "roll_policy"): ("roll_policy", ROLL_POLICIES),
}


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
    values: dict[str, Any] = {}
    source = "built-in defaults"
    for path in candidate_paths(explicit, env, cwd):
        if path.is_file():
            values.update(_read_file(path))
            source = str(path)
            break
        if explicit is not None or (env.get("TA_CONFIG") and path == Path(env["TA_CONFIG"])):
            # A file the user named must exist; silently using defaults would hide a typo.
            raise ConfigError(f"config file not found: {path}")
    values.update(_read_env(env))
    return Settings(**values, source=source)


def _read_file(path: Path) -> dict[str, Any]:
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read config file {path}: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"config file {path} is not valid TOML: {exc}") from exc
    values: dict[str, Any] = {}
    for section, table in document.items():
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: top-level key {section!r} must be a [section]")
        for key, value in table.items():
            field, allowed = _lookup(section, key, origin=str(path))
            values[field] = _check_value(section, key, value, allowed, origin=str(path))
    return values


def _read_env(env: Mapping[str, str]) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for (section, key), (field, allowed) in _KEYS.items():
        name = f"TA_{section}_{key}".upper()
        if name in env:
            values[field] = _check_value(section, key, env[name], allowed, origin=name)
    return values


def _lookup(section: str, key: str, *, origin: str) -> tuple[str, tuple[str, ...]]:
    try:
        return _KEYS[(section, key)]
    except KeyError:
        known = ", ".join(f"{s}.{k}" for s, k in _KEYS)
        raise ConfigError(f"{origin}: unknown key {section}.{key} (known keys: {known})") from None


def _check_value(
    section: str, key: str, value: object, allowed: tuple[str, ...], *, origin: str
) -> str:
    if not isinstance(value, str) or value not in allowed:
        choices = ", ".join(allowed)
        raise ConfigError(f"{origin}: {section}.{key} = {value!r} is not one of: {choices}")
    return value
