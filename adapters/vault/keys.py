"""Where the vault key comes from: ``TA_VAULT_KEY``, a key file, or a new key file."""

import logging
import os
import stat
from pathlib import Path

from trade_analyst.adapters.vault.fernet_file import FernetFileVault
from trade_analyst.ports import AuthRequired

log = logging.getLogger(__name__)


def shared_with_others(path: Path) -> bool:
    """Whether users other than the owner may read or write ``path`` (absent: False)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return bool(stat.S_IMODE(mode) & 0o077)


def warn_if_shared(*paths: Path) -> None:
    """A warning for each vault file others can read: tokens and the key are secrets."""
    for path in paths:
        if shared_with_others(path):
            log.warning("%s is readable by other users; run: chmod 600 %s", path, path)


def open_vault(
    path: Path, *, key: str | None, key_file: Path, create_key: bool
) -> tuple[FernetFileVault, Path | None]:
    """The vault at ``path`` and, when this call created one, the new key file.

    The key is ``key`` (from ``TA_VAULT_KEY``) when given, else the content of ``key_file``.
    With neither, ``create_key`` makes a new key file (0600) unless a vault already exists,
    since a new key could never read it. Without a key, the vault reads as empty when no file
    exists and as unreadable when one does. Each call warns when the vault or the key file
    is readable by other users.
    """
    warn_if_shared(path, key_file)
    if key is not None:
        return FernetFileVault(
            path, key=_checked(key, "TA_VAULT_KEY"), key_source="TA_VAULT_KEY"
        ), None
    source = f"key file {key_file}"
    try:
        text = key_file.read_text(encoding="ascii")
    except FileNotFoundError:
        text = None
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not text"
        raise AuthRequired(
            f"cannot read the vault key file {key_file}: {reason}",
            "check the file, or set TA_VAULT_KEY",
        ) from None
    if text is not None:
        return FernetFileVault(path, key=_checked(text.strip(), source), key_source=source), None
    if not create_key:
        return FernetFileVault(path, key=None), None
    if path.exists():
        raise AuthRequired(
            f"the token vault {path} exists but its key is missing (no TA_VAULT_KEY, no "
            f"{key_file}); a new key could not read it",
            "set TA_VAULT_KEY or TA_VAULT_KEY_FILE to the original key, or run "
            "'ta auth logout' to delete the vault and log in again",
        )
    from cryptography.fernet import Fernet

    new_key = Fernet.generate_key()
    _create_key_file(key_file, new_key)
    return FernetFileVault(path, key=new_key, key_source=source), key_file


def _checked(key: str, source: str) -> bytes:
    from cryptography.fernet import Fernet

    raw = key.strip().encode("ascii", errors="replace")
    try:
        Fernet(raw)
    except ValueError:
        # The key itself is never quoted: it is a secret even when malformed.
        raise AuthRequired(
            f"the vault key from {source} is not a Fernet key (32 url-safe base64-encoded bytes)",
            "generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'",
        ) from None
    return raw


def _create_key_file(key_file: Path, key: bytes) -> None:
    key_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # O_EXCL: never clobber a key file another process created a moment ago.
    fd = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(key + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
