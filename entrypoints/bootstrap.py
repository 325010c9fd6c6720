"""The composition root: the one place that reads settings and picks adapters.

Every function takes what it needs and returns a port; adapters are imported inside the
functions so a command pays only for the adapters it uses.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from trade_analyst.entrypoints.config import Settings, default_data_home
from trade_analyst.ports import AuthRequired, Clock, DatasetSink, MarketData, TokenVault


def build_clock() -> Clock:
    """The host clock (UTC)."""
    from trade_analyst.adapters.system import SystemClock

    return SystemClock()


def build_market_data(settings: Settings, clock: Clock, provider: str | None = None) -> MarketData:
    """The market-data provider named by ``provider`` (default: the configured one)."""
    name = provider or settings.provider
    if name == "mock":
        from trade_analyst.adapters.mock import MockMarketData

        return MockMarketData(clock=clock)
    if name == "schwab":
        from trade_analyst.adapters.schwab import create_market_data

        vault, _ = build_vault(settings)
        return create_market_data(schwab_config(settings), vault, clock)
    raise AssertionError(f"unvalidated provider {name!r}")  # config validates the choice


def schwab_config(settings: Settings):  # type: ignore[no-untyped-def]  # SchwabConfig, lazily
    """Schwab credentials and endpoints; exit 3 with the variables to set when missing."""
    from trade_analyst.adapters.schwab import SchwabConfig

    missing = [
        name
        for name, value in (
            ("TA_SCHWAB_CLIENT_ID", settings.schwab_client_id),
            ("TA_SCHWAB_CLIENT_SECRET", settings.schwab_client_secret),
        )
        if not value
    ]
    if missing:
        raise AuthRequired(
            f"Schwab credentials are not configured ({', '.join(missing)} unset)",
            "set TA_SCHWAB_CLIENT_ID and TA_SCHWAB_CLIENT_SECRET (your app's key and secret), "
            "or use --provider mock",
        )
    return SchwabConfig(
        client_id=str(settings.schwab_client_id),
        client_secret=str(settings.schwab_client_secret),
        redirect_uri=settings.schwab_redirect_uri,
        api_base=settings.schwab_api_base,
        requests_per_minute=settings.schwab_requests_per_minute,
    )


def vault_paths(settings: Settings, env: Mapping[str, str] | None = None) -> tuple[Path, Path]:
    """Where the vault and its key file live (configured, else the user's data folder)."""
    home = default_data_home(os.environ if env is None else env)
    return (
        settings.vault_path or home / "token-vault.json",
        settings.vault_key_file or home / "vault.key",
    )


def build_vault(settings: Settings, *, create_key: bool = False) -> tuple[TokenVault, Path | None]:
    """The encrypted token vault and, when this call created one, the new key file."""
    from trade_analyst.adapters.vault import open_vault

    path, key_file = vault_paths(settings)
    return open_vault(path, key=settings.vault_key, key_file=key_file, create_key=create_key)


def build_sink(out: Path, file_format: str, clock: Clock) -> DatasetSink:
    """Datasets under ``out`` in ``file_format`` (parquet, csv or jsonl)."""
    from trade_analyst.adapters.export import FileSink

    return FileSink(out=out, format=file_format, clock=clock)  # type: ignore[arg-type]
