"""Configuration lookup order, environment overrides and strictness."""

from pathlib import Path

import attrs
import pytest

from trade_analyst.entrypoints.config import _KEYS, ConfigError, Settings, load_settings

REPO_CONFIG = Path(__file__).resolve().parents[3] / "config.toml"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_no_file_exists(tmp_path):
    settings = load_settings(env={"HOME": str(tmp_path)}, cwd=tmp_path)
    assert settings == Settings(source="built-in defaults")


def test_repo_config_documents_exactly_the_defaults(tmp_path):
    settings = load_settings(REPO_CONFIG, env={}, cwd=tmp_path)
    assert attrs.evolve(settings, source="built-in defaults") == Settings()


def test_every_key_is_documented_in_the_repo_config(tmp_path):
    text = REPO_CONFIG.read_text(encoding="utf-8")
    for section, key in _KEYS:
        assert f"[{section}]" in text
        assert f"{key} =" in text, f"{section}.{key} is not documented in config.toml"


def test_secrets_never_appear_in_repr_or_errors(tmp_path):
    settings = load_settings(
        env={"TA_SCHWAB_CLIENT_SECRET": "s3cr3t-value", "TA_VAULT_KEY": "k3y-value"},
        cwd=tmp_path,
    )
    assert settings.schwab_client_secret == "s3cr3t-value"
    assert "s3cr3t" not in repr(settings)
    assert "k3y" not in repr(settings)
    # A number no temporary path holds (pytest numbers its folders pytest-1, -2, ...).
    path = write(tmp_path / "c.toml", "[vault]\nkey = 8675309123\n")
    with pytest.raises(ConfigError) as failure:
        load_settings(path, env={}, cwd=tmp_path)
    assert "8675309123" not in str(failure.value)
    assert "(hidden)" in str(failure.value)


def test_lookup_order_explicit_then_env_then_cwd_then_home(tmp_path):
    home = tmp_path / "home"
    write(home / ".config/trade-analyst/config.toml", '[futures]\nroll_policy = "expiry"\n')
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    assert load_settings(env={"HOME": str(home)}, cwd=cwd).roll_policy == "expiry"

    write(cwd / "config.toml", '[futures]\nroll_policy = "auto"\n')
    assert load_settings(env={"HOME": str(home)}, cwd=cwd).roll_policy == "auto"

    named = write(tmp_path / "named.toml", '[general]\nformat = "csv"\n')
    via_env = load_settings(env={"HOME": str(home), "TA_CONFIG": str(named)}, cwd=cwd)
    assert via_env.output_format == "csv"
    assert via_env.source == str(named)

    explicit = write(tmp_path / "explicit.toml", '[general]\nformat = "table"\n')
    chosen = load_settings(explicit, env={"HOME": str(home), "TA_CONFIG": str(named)}, cwd=cwd)
    assert chosen.output_format == "table"


def test_environment_overrides_the_file(tmp_path):
    path = write(tmp_path / "c.toml", '[futures]\nroll_policy = "auto"\n')
    settings = load_settings(path, env={"TA_FUTURES_ROLL_POLICY": "expiry"}, cwd=tmp_path)
    assert settings.roll_policy == "expiry"


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ('[futures]\nroll_polcy = "auto"\n', "unknown key futures.roll_polcy"),
        ('[general]\nformat = "xml"\n', "must be one of"),
        ('[schwab]\napi_base = "ftp://x"\n', "http:// or https://"),
        ("[schwab]\nrequests_per_minute = 0\n", "at least 1"),
        ("[general\n", "not valid TOML"),
        ('title = "x"\n', "must be a [section]"),
    ],
)
def test_bad_files_are_errors_naming_the_problem(tmp_path, text, needle):
    path = write(tmp_path / "bad.toml", text)
    with pytest.raises(ConfigError, match=needle.replace("[", r"\[")):
        load_settings(path, env={}, cwd=tmp_path)


def test_bad_environment_value_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="TA_GENERAL_FORMAT"):
        load_settings(env={"TA_GENERAL_FORMAT": "yaml"}, cwd=tmp_path)


def test_a_named_file_that_does_not_exist_is_an_error(tmp_path):
    with pytest.raises(ConfigError, match="not found"):
        load_settings(tmp_path / "missing.toml", env={}, cwd=tmp_path)
    with pytest.raises(ConfigError, match="not found"):
        load_settings(env={"TA_CONFIG": str(tmp_path / "gone.toml")}, cwd=tmp_path)


def test_redirect_uri_is_kept_exactly_as_written(tmp_path):
    settings = load_settings(
        env={"TA_SCHWAB_REDIRECT_URI": "https://127.0.0.1:8182/"}, cwd=tmp_path
    )
    assert settings.schwab_redirect_uri == "https://127.0.0.1:8182/"


def test_data_dir_counts_as_configured_only_when_a_file_or_variable_sets_it(tmp_path):
    assert not load_settings(env={"HOME": str(tmp_path)}, cwd=tmp_path).data_dir_configured
    by_env = load_settings(env={"TA_OUTPUT_DATA_DIR": "store"}, cwd=tmp_path)
    assert by_env.data_dir_configured
    assert by_env.data_dir == Path("store")
    path = write(tmp_path / "c.toml", '[output]\ndata_dir = "data"\n')
    assert load_settings(path, env={}, cwd=tmp_path).data_dir_configured  # even the default
