"""Typed settings: a TOML file with no secrets, the data and config folders, environment overrides.

``DESKTOP_ASSISTANT_HOME`` moves all data and config into one folder (tests, portable installs).
``DESKTOP_ASSISTANT_BASE_URL`` and ``DESKTOP_ASSISTANT_MODEL`` override the stored model settings
for scripting, as environment variables beat configuration files in most tools.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from desktop_assistant.i18n import QT_TRANSLATE_NOOP

Provider = Literal["openai", "azure", "compatible"]
PROVIDERS: tuple[str, ...] = get_args(Provider)
PROVIDER_LABELS: dict[str, str] = {  # translated where shown (context "Providers")
    "openai": QT_TRANSLATE_NOOP("Providers", "OpenAI"),
    "azure": QT_TRANSLATE_NOOP("Providers", "Azure OpenAI"),
    "compatible": QT_TRANSLATE_NOOP(
        "Providers", "OpenAI-compatible server (Ollama, LM Studio, vLLM, llama.cpp)"),
}
APP_NAME = "desktop-assistant"


class SettingsError(ValueError):
    """A setting that cannot be read or set; the message says which and why."""


@dataclass(frozen=True)
class Paths:
    """Where the app keeps its files."""

    config_dir: Path
    data_dir: Path

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "assistant.db"

    @classmethod
    def resolve(cls, environ: Mapping[str, str] = os.environ) -> Paths:
        home = environ.get("DESKTOP_ASSISTANT_HOME")
        if home:
            root = Path(home).expanduser()
            return cls(config_dir=root / "config", data_dir=root / "data")
        import platformdirs

        return cls(
            config_dir=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            data_dir=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
        )

    def ensure(self) -> None:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        self.data_dir.mkdir(parents=True, exist_ok=True)


@dataclass
class Settings:
    """Everything the person can configure, except secrets (those live in the OS keyring)."""

    provider: str = ""
    base_url: str = ""
    model: str = ""
    azure_api_version: str = "2024-10-21"
    timezone: str = ""
    language: str = ""
    request_timeout: float = 60.0
    max_retries: int = 2
    max_steps: int = 8
    max_turn_seconds: float = 300.0
    context_tokens: int = 16000
    # Calendars (see calendar/preferences.py for the formats).
    calendar_backend: str = "local"
    calendar_email: str = ""
    calendar_google_client_file: str = ""
    calendar_caldav_url: str = ""
    calendar_caldav_username: str = ""
    calendar_work_hours: str = "09:00-18:00"
    calendar_work_days: str = "Mon-Fri"
    calendar_breaks: str = "12:00-13:00"
    calendar_buffer: str = "0m"
    calendar_notice: str = "1h"
    calendar_timeout: float = 20.0
    # The person (Settings → Profile): the system prompt, drafts and notifications use it.
    profile_name: str = ""
    profile_title: str = ""
    profile_signature: str = ""
    profile_tone: str = "formal"
    # Email drafts (mail/). The Google OAuth client is calendar_google_client_file's.
    mail_from: str = ""
    mail_disclosure: bool = True
    mail_imap_host: str = ""
    mail_imap_port: int = 993
    mail_imap_username: str = ""
    mail_imap_security: str = "ssl"
    mail_imap_drafts_folder: str = ""
    mail_timeout: float = 20.0
    # Reminders, meeting alerts, the daily briefing and the tray (reminders/).
    meeting_alert_minutes: int = 10
    briefing_time: str = "09:00"
    briefing_days: str = "Mon-Fri"
    quiet_hours: str = ""
    close_to_tray: bool = True
    start_at_login: bool = False
    # Privacy (Settings → Privacy; assistant/privacy.py, data_control.py).
    provider_mode: str = "cloud"  # cloud | local_only | off (slash commands only)
    company_hosts: str = ""  # local_only also allows these domains, hosts or networks
    redact_cloud: bool = True  # replace personal data with placeholders before a cloud call
    redact_local: bool = False  # … and before a model on this computer or the company network
    history_keep_days: int = 0  # 0 keeps history forever
    debug_logging: bool = False  # logs may hold message text only when this is on
    # Appearance (Settings → Appearance; i18n.py, ui/theme.py).
    interface_language: str = ""  # "" follows the system's locale; "en" or "zh_CN"
    theme: str = ""  # "" follows the system's light or dark colour scheme; "light" or "dark"
    env_overrides: frozenset[str] = field(default_factory=frozenset, compare=False)

    @property
    def configured(self) -> bool:
        """True once a model can be called: a model name, and a server for the non-OpenAI kinds."""
        if not self.model or self.provider not in PROVIDERS:
            return False
        return self.provider == "openai" or bool(self.base_url)

    def effective_base_url(self) -> str | None:
        return self.base_url or None


_FIELDS = {f.name: f for f in dataclasses.fields(Settings) if f.name != "env_overrides"}
# Settings whose value is one of a few words.
_CHOICES: dict[str, tuple[str, ...]] = {
    "profile_tone": ("formal", "friendly", "concise"),
    "mail_imap_security": ("ssl", "starttls", "none"),
    "provider_mode": ("cloud", "local_only", "off"),
    "interface_language": ("", "en", "zh_CN"),
    "theme": ("", "light", "dark"),
}
# Whole-number settings where 0 means "no limit".
_ZERO_MEANS_NONE = frozenset({"history_keep_days"})
_ENV = {"DESKTOP_ASSISTANT_BASE_URL": "base_url", "DESKTOP_ASSISTANT_MODEL": "model"}


def _coerce(key: str, value: Any) -> Any:
    """Turn ``value`` into the type of setting ``key``, or raise SettingsError saying why."""
    if key not in _FIELDS:
        known = ", ".join(sorted(_FIELDS))
        raise SettingsError(f"Unknown setting {key!r}. Known settings: {known}.")
    default = _FIELDS[key].default
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            number = int(value)
            if number < 0 or (number == 0 and key not in _ZERO_MEANS_NONE):
                least = "0 or a positive" if key in _ZERO_MEANS_NONE else "a positive"
                raise SettingsError(f"{key} must be {least} whole number, not {value!r}.")
            return number
        if isinstance(default, float):
            real = float(value)
            if real <= 0:
                raise SettingsError(f"{key} must be a positive number, not {value!r}.")
            return real
    except (TypeError, ValueError) as error:
        if isinstance(error, SettingsError):
            raise
        kind = type(default).__name__
        raise SettingsError(f"{key} must be a {kind}, not {value!r}.") from None
    text = str(value).strip()
    if key == "provider" and text and text not in PROVIDERS:
        raise SettingsError(f"provider must be one of {', '.join(PROVIDERS)}, not {text!r}.")
    if key in _CHOICES and text not in _CHOICES[key]:
        raise SettingsError(f"{key} must be one of {', '.join(_CHOICES[key])}, not {text!r}.")
    if key == "timezone" and text:
        _check_timezone(text)
    return text


def _check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(
            f"Unknown time zone {name!r}; use an IANA name such as Asia/Shanghai."
        ) from None


def peek(settings_file: Path, key: str, allowed: tuple[str, ...]) -> str:
    """One setting, read before the window is built without loading (or validating) the whole
    file: its value when it is one of ``allowed``, else "". A file that can't be read gives ""
    too: the full load after the first paint reports what is wrong."""
    import tomllib

    try:
        value = tomllib.loads(settings_file.read_text(encoding="utf-8")).get(key, "")
    except (OSError, ValueError):
        return ""
    return value if value in allowed else ""


def load_settings(paths: Paths, environ: Mapping[str, str] = os.environ) -> Settings:
    """Read the settings file (missing is fine) and apply environment overrides."""
    import tomllib

    values: dict[str, Any] = {}
    if paths.settings_file.exists():
        try:
            raw = tomllib.loads(paths.settings_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise SettingsError(f"{paths.settings_file} is not valid TOML: {error}") from None
        for key, value in raw.items():
            if key in _FIELDS:
                values[key] = _coerce(key, value)
    overridden = set()
    for variable, key in _ENV.items():
        if environ.get(variable):
            values[key] = _coerce(key, environ[variable])
            overridden.add(key)
    if "base_url" in overridden and not values.get("provider"):
        values["provider"] = "compatible"
    return Settings(**values, env_overrides=frozenset(overridden))


def save_settings(paths: Paths, settings: Settings) -> None:
    """Write the settings file atomically; values that came from the environment are not written."""
    import tomllib

    import tomli_w

    paths.ensure()
    current = {}
    if paths.settings_file.exists():
        try:
            current = tomllib.loads(paths.settings_file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            current = {}
    for key in _FIELDS:
        if key not in settings.env_overrides:
            current[key] = getattr(settings, key)
    temporary = paths.settings_file.with_suffix(".toml.tmp")
    temporary.write_text(tomli_w.dumps(current), encoding="utf-8")
    os.replace(temporary, paths.settings_file)


def set_setting(paths: Paths, key: str, value: str) -> Settings:
    """Validate and store one setting, returning the settings as they now stand."""
    settings = load_settings(paths, environ={})
    settings = dataclasses.replace(settings, **{key: _coerce(key, value)})
    save_settings(paths, settings)
    return load_settings(paths)


def settings_as_dict(settings: Settings) -> dict[str, Any]:
    return {key: getattr(settings, key) for key in _FIELDS}
