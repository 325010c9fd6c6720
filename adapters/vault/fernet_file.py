"""``FernetFileVault``: the ``LoginVault`` port (a ``TokenVault``) on an encrypted file."""

import contextlib
import os
import re
import tempfile
from contextlib import AbstractContextManager
from pathlib import Path

import attrs

from trade_analyst.adapters.vault import document
from trade_analyst.adapters.vault.document import VaultDocument
from trade_analyst.adapters.vault.locking import file_lock
from trade_analyst.ports import AuthRequired, InvalidInput, PendingLogin, TokenSet

# Every Fernet token starts with version byte 0x80 and a 64-bit time whose high bytes are 0
# ("gAAAAA" in base64), then stays in the url-safe base64 alphabet: a vault, even truncated.
_VAULT_SHAPE = re.compile(rb"gAAAAA[A-Za-z0-9_=-]*")

UNREADABLE_HINT = (
    "set TA_VAULT_KEY or TA_VAULT_KEY_FILE to the key this vault was made with, or run "
    "'ta auth logout' to delete it and then 'ta auth login'"
)


@attrs.define
class FernetFileVault:
    """Tokens in one Fernet-encrypted file (mode 0600), replaced atomically.

    ``key`` None means no key is configured yet: an absent file reads as "not logged in",
    a present one as unreadable. A file that cannot be decrypted is never overwritten:
    ``save`` refuses and only ``clear`` (an explicit logout) removes it.
    """

    path: Path
    _key: bytes | None = attrs.field(repr=False, alias="key")
    key_source: str = "no key"
    # Longer than one token refresh can take (30 s HTTP timeout), so a waiter outlasts it.
    lock_timeout: float = 90.0

    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def load(self) -> TokenSet | None:
        return self.read().tokens

    def save(self, tokens: TokenSet) -> None:
        current = self.read()  # refuses to replace a file it cannot read
        self._write(attrs.evolve(current, tokens=tokens))

    def clear(self) -> None:
        """Delete the vault, also an unreadable or empty one, but never a file that is no
        vault: a mistyped path (``TA_VAULT_PATH=notes.txt``) must not cost the user that file."""
        try:
            blob = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as exc:
            raise AuthRequired(
                f"cannot read the token vault {self.path}: {exc.strerror}",
                "check the file's owner and permissions",
            ) from None
        if blob.strip() and not _VAULT_SHAPE.fullmatch(blob.strip()):
            raise InvalidInput(
                f"{self.path} is not a token vault (not an encrypted vault file); it was "
                "left untouched",
                "check TA_VAULT_PATH or [vault] path: it must name the token vault file",
            )
        self.path.unlink(missing_ok=True)

    def lock(self) -> AbstractContextManager[None]:
        return file_lock(self.lock_path, timeout=self.lock_timeout)

    def exists(self) -> bool:
        return self.path.exists()

    def save_pending(self, pending: PendingLogin) -> None:
        """Remember a headless login in progress (replacing any earlier one)."""
        self._write(attrs.evolve(self.read(), pending=pending))

    def take_pending(self) -> PendingLogin | None:
        """The login in progress, removed from the vault so it can be used only once."""
        current = self.read()
        if current.pending is not None:
            self._write(attrs.evolve(current, pending=None))
        return current.pending

    def read(self) -> VaultDocument:
        """Everything stored; an empty document when there is no file."""
        try:
            blob = self.path.read_bytes()
        except FileNotFoundError:
            return VaultDocument()
        except OSError as exc:
            raise AuthRequired(
                f"cannot read the token vault {self.path}: {exc.strerror}",
                "check the file's owner and permissions",
            ) from None
        if self._key is None:
            raise AuthRequired(
                f"the token vault {self.path} exists but no vault key is configured "
                "(TA_VAULT_KEY, TA_VAULT_KEY_FILE or the default key file)",
                UNREADABLE_HINT,
            )
        from cryptography.fernet import Fernet, InvalidToken

        try:
            raw = Fernet(self._key).decrypt(blob)
        except InvalidToken:
            what = "was changed or damaged" if _looks_like_fernet(blob) else "is not a vault file"
            raise AuthRequired(
                f"the token vault {self.path} cannot be decrypted with the key from "
                f"{self.key_source}: wrong key, or the file {what}; it was left untouched",
                UNREADABLE_HINT,
            ) from None
        try:
            return document.load(raw)
        except document.MalformedDocument as exc:
            raise AuthRequired(
                f"the token vault {self.path} is corrupted ({exc}); it was left untouched",
                "run 'ta auth logout' to delete it, then 'ta auth login'",
            ) from None

    def _write(self, content: VaultDocument) -> None:
        if self._key is None:
            raise AuthRequired(
                "no vault key is configured, so tokens cannot be stored",
                "set TA_VAULT_KEY or TA_VAULT_KEY_FILE, or run 'ta auth login' to create a key",
            )
        from cryptography.fernet import Fernet

        blob = Fernet(self._key).encrypt(document.dump(content))
        atomic_write(self.path, blob)


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` (mode 0600) so readers see the old or new file, whole."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkstemp creates the file 0600 before anything is written to it.
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(folder: Path) -> None:
    # Makes the rename itself durable; some file systems refuse, which is harmless.
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _looks_like_fernet(blob: bytes) -> bool:
    import base64
    import binascii

    try:
        raw = base64.urlsafe_b64decode(blob.strip())
    except (binascii.Error, ValueError):
        return False
    # Version byte 0x80, 8-byte time, 16-byte IV, at least one cipher block, 32-byte HMAC.
    return len(raw) >= 73 and raw[0] == 0x80
