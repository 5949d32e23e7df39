"""Settings: TOML with no secrets, validation, environment overrides."""

from pathlib import Path

import pytest

from desktop_assistant.settings import (
    Paths,
    SettingsError,
    load_settings,
    save_settings,
    set_setting,
)


def test_home_moves_everything(home: Path) -> None:
    paths = Paths.resolve()
    assert paths.settings_file == home / "config" / "settings.toml"
    assert paths.database == home / "data" / "assistant.db"


def test_set_validates_and_persists(home: Path) -> None:
    paths = Paths.resolve()
    assert not load_settings(paths).configured
    set_setting(paths, "provider", "compatible")
    set_setting(paths, "base_url", "http://127.0.0.1:11434/v1")
    settings = set_setting(paths, "model", "qwen2.5")
    assert settings.configured
    assert set_setting(paths, "request_timeout", "12.5").request_timeout == 12.5
    with pytest.raises(SettingsError, match="Unknown setting 'api_key'"):
        set_setting(paths, "api_key", "secret")
    with pytest.raises(SettingsError, match="provider must be one of"):
        set_setting(paths, "provider", "skynet")
    with pytest.raises(SettingsError, match="max_steps must be a int"):
        set_setting(paths, "max_steps", "many")
    with pytest.raises(SettingsError, match="Unknown time zone"):
        set_setting(paths, "timezone", "Mars/Olympus")
    assert "secret" not in paths.settings_file.read_text()


def test_environment_overrides_but_is_not_saved(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paths = Paths.resolve()
    monkeypatch.setenv("DESKTOP_ASSISTANT_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.setenv("DESKTOP_ASSISTANT_MODEL", "env-model")
    settings = load_settings(paths)
    assert settings.configured
    assert settings.provider == "compatible"
    assert settings.env_overrides == {"base_url", "model"}
    save_settings(paths, settings)
    assert "env-model" not in paths.settings_file.read_text()


def test_broken_settings_file_says_where(home: Path) -> None:
    paths = Paths.resolve()
    paths.ensure()
    paths.settings_file.write_text("model = [unclosed", encoding="utf-8")
    with pytest.raises(SettingsError, match="is not valid TOML"):
        load_settings(paths)
