"""The token vault: a Fernet-encrypted file, written atomically, guarded by a file lock.

``cryptography`` is imported only when a vault is opened, so importing this package is free.
"""

from trade_analyst.adapters.vault.fernet_file import FernetFileVault
from trade_analyst.adapters.vault.keys import open_vault, shared_with_others
from trade_analyst.ports import PendingLogin

__all__ = ["FernetFileVault", "PendingLogin", "open_vault", "shared_with_others"]
