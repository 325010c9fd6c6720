"""The composition root: the one place that reads settings and picks adapters.

Every function takes what it needs and returns a port; adapters are imported inside the
functions so a command pays only for the adapters it uses.
"""

import datetime as dt
import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from trade_analyst.entrypoints.config import Settings, default_data_home
from trade_analyst.ports import (
    AuthRequired,
    Clock,
    DatasetReader,
    DatasetSchema,
    DatasetSink,
    InvalidInput,
    LoginVault,
    MarketData,
    OAuthService,
    RefreshExpiry,
    TapeFiles,
    TokenVault,
)

if TYPE_CHECKING:  # adapters are imported inside the functions that build them
    from collections.abc import Callable

    import pyarrow as pa

    from trade_analyst.adapters.schwab import SchwabConfig
    from trade_analyst.domain.models import BarSeries
    from trade_analyst.entrypoints.jobs.bar_rules import ValidateBars
    from trade_analyst.ports import Table

    # One-minute bars in, (trades, quotes) rows out.
    SampleTape = Callable[[BarSeries], tuple[list[dict[str, object]], list[dict[str, object]]]]

# A bare date in TA_NOW means midday in New York: inside a trading day, whatever the zone.
_MIDDAY = dt.time(12, 0)


def build_clock(env: Mapping[str, str] | None = None) -> Clock:
    """The host clock (UTC), or the instant in ``TA_NOW`` when it is set.

    ``TA_NOW`` makes a run reproducible (tests, examples, re-running yesterday's job):
    an RFC 3339 instant (``2026-11-20T15:00:00Z``; no offset means UTC) or a date
    (``2026-11-20``, read as 12:00 New York time).
    """
    from trade_analyst.adapters.system import FixedClock, SystemClock

    text = (os.environ if env is None else env).get("TA_NOW", "").strip()
    return FixedClock(parse_now(text)) if text else SystemClock()


def parse_now(text: str) -> dt.datetime:
    """``TA_NOW``'s value as an aware UTC instant; exit 2 naming the forms when it is neither."""
    try:
        if len(text) == len("YYYY-MM-DD"):
            from trade_analyst.domain.calendars import nyse

            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, _MIDDAY, nyse().zone).astimezone(dt.UTC)
        value = dt.datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        raise InvalidInput(
            f"TA_NOW is not a date or an instant: {text!r}",
            "set TA_NOW to an RFC 3339 time such as 2026-11-20T15:00:00Z, a date such as "
            "2026-11-20, or unset it to use the host clock",
        ) from None
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def build_market_data(
    settings: Settings,
    clock: Clock,
    provider: str | None = None,
    *,
    retry_failures: bool = True,
) -> MarketData:
    """The market-data provider named by ``provider`` (default: the configured one).

    ``retry_failures=False`` makes a failed request fail at once instead of after a backoff
    (``ta health`` reports an outage without waiting for it).
    """
    name = provider or settings.provider
    if name == "mock":
        from trade_analyst.adapters.mock import MockMarketData

        return MockMarketData(clock=clock)
    if name == "schwab":
        import attrs

        from trade_analyst.adapters.schwab import create_market_data

        vault, _ = build_vault(settings)
        config = schwab_config(settings)
        if not retry_failures:
            config = attrs.evolve(config, max_retries=0)
        return create_market_data(config, vault, clock)
    raise AssertionError(f"unvalidated provider {name!r}")  # config validates the choice


def schwab_market_data_url(settings: Settings) -> str:
    """Where Schwab's market data is served, for messages; exit 3 when not configured."""
    return schwab_config(settings).market_data_url


def schwab_config(settings: Settings) -> "SchwabConfig":
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
        request_deadline_seconds=settings.schwab_request_deadline_seconds,
    )


def build_oauth(settings: Settings) -> OAuthService:
    """Schwab's OAuth login for the configured app; exit 3 when its credentials are missing."""
    from trade_analyst.adapters.schwab.login import SchwabOAuth

    return SchwabOAuth(schwab_config(settings))


def build_refresh_expiry() -> RefreshExpiry:
    """When Schwab stops accepting a refresh token (needs no credentials)."""
    from trade_analyst.adapters.schwab.oauth import refresh_expires_at

    return refresh_expires_at


def vault_paths(settings: Settings, env: Mapping[str, str] | None = None) -> tuple[Path, Path]:
    """Where the vault and its key file live (configured, else the user's data folder)."""
    home = default_data_home(os.environ if env is None else env)
    return (
        settings.vault_path or home / "token-vault.json",
        settings.vault_key_file or home / "vault.key",
    )


def build_vault(settings: Settings, *, create_key: bool = False) -> tuple[LoginVault, Path | None]:
    """The encrypted token vault and, when this call created one, the new key file."""
    from trade_analyst.adapters.vault import open_vault

    path, key_file = vault_paths(settings)
    return open_vault(path, key=settings.vault_key, key_file=key_file, create_key=create_key)


def vault_file_shared(path: Path) -> bool:
    """Whether other users may read a vault or key file (a secret's file must be 0600)."""
    from trade_analyst.adapters.vault import shared_with_others

    return shared_with_others(path)


def build_keyless_vault(settings: Settings) -> TokenVault:
    """The vault opened without its key: enough to lock and delete it.

    A logout must work when the key is lost or malformed.
    """
    from trade_analyst.adapters.vault import FernetFileVault

    path, _ = vault_paths(settings)
    return FernetFileVault(path, key=None)


def build_sink(out: Path, file_format: str, clock: Clock) -> DatasetSink:
    """Datasets under ``out`` in ``file_format`` (parquet, csv or jsonl)."""
    from trade_analyst.adapters.export import FileSink

    return FileSink(out=out, format=file_format, clock=clock)  # type: ignore[arg-type]


def build_bar_validator() -> "ValidateBars":
    """The domain's bar rules computed on Arrow columns (the same findings, in bulk)."""
    from trade_analyst.adapters.export import validate_bar_columns

    return validate_bar_columns


def build_bar_tables() -> "Callable[..., pa.Table]":
    """``(parts, *, synthetic)``: one symbol's bars (``SymbolHistory.parts()``) as an Arrow
    table of the bars dataset's schema, as a sink stores them (``synthetic``: made up)."""
    from trade_analyst.adapters.export import bar_parts_table

    return bar_parts_table


def build_arrow_tables() -> "Callable[[Table], pa.Table]":
    """A port ``Table`` as an Arrow table of its dataset's Arrow schema."""
    from trade_analyst.adapters.export.convert import table_to_arrow

    return table_to_arrow


def build_indicator_sink(
    out: Path, file_format: str, clock: Clock, schema: DatasetSchema
) -> DatasetSink:
    """Indicator datasets of one run's ``schema`` under ``out`` (see ``indicators_schema``)."""
    from trade_analyst.adapters.export.indicator_sink import IndicatorSink

    return IndicatorSink(out=out, format=file_format, clock=clock, schema=schema)  # type: ignore[arg-type]


def build_dataset_reader() -> DatasetReader:
    """Reads back the dataset files this tool writes (and loose files of the same columns)."""
    from trade_analyst.adapters.export.reading import FileDatasetReader

    return FileDatasetReader()


def build_sample_tape() -> "SampleTape":
    """Makes sample trades and quotes from one-minute bars (the mock's, for ``ta trades
    sample``): ``(trades, quotes)`` rows in time order."""
    from trade_analyst.adapters.mock.tape import sample_tape

    return sample_tape


def build_tape_files() -> TapeFiles:
    """Reads trade and quote files (Parquet or CSV) and writes trade labels."""
    from trade_analyst.adapters.export.trades_io import ArrowTapeFiles

    return ArrowTapeFiles()
