"""The composition root: settings -> services -> window. The only place that wires things.

``Services`` is Qt-free so the CLI and the tests use the same wiring as the GUI; ``run_gui``
imports Qt only when the window is wanted. Only what the window shows first (settings and
history) is built up front; the rest (``openai``, ``pydantic``, ``keyring``, memory, slash
commands) is built on first use, after the window has painted. Even the settings file is read
on first use (``tomllib`` and the file cost a few milliseconds the first paint can't spare).
"""

from __future__ import annotations

import dataclasses
import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from desktop_assistant.settings import Paths, Settings, load_settings, save_settings

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from desktop_assistant.assistant.agent import Agent
    from desktop_assistant.assistant.commands import SlashCommands
    from desktop_assistant.assistant.llm import ChatModel, ModelConfig
    from desktop_assistant.assistant.tools import ToolRegistry
    from desktop_assistant.calendar.service import CalendarService
    from desktop_assistant.data_control import PurgeReport
    from desktop_assistant.db import Database
    from desktop_assistant.documents.service import DocumentService
    from desktop_assistant.history import HistoryStore, Message
    from desktop_assistant.mail.service import MailService
    from desktop_assistant.memory import MemoryStore
    from desktop_assistant.reminders.service import ReminderService
    from desktop_assistant.secrets import SecretSaved, SecretStore


# Feature packages whose tables live in the app's database, in the order their migrations run.
FEATURE_SCHEMAS: tuple[str, ...] = (
    "desktop_assistant.documents.schema",
    "desktop_assistant.calendar.schema",
    "desktop_assistant.mail.schema",
    "desktop_assistant.reminders.schema",
)


def feature_migrations() -> list[tuple[str, Callable[..., None]]]:
    """Every feature's migrations (``schema.MIGRATIONS``), in ``FEATURE_SCHEMAS`` order."""
    found: list[tuple[str, Callable[..., None]]] = []
    for name in FEATURE_SCHEMAS:
        found.extend(importlib.import_module(name).MIGRATIONS)
    return found


class ServicesClosed(RuntimeError):
    """The services were closed for good (Delete all my data); the app is about to quit."""


@dataclass(frozen=True)
class CommandReply:
    conversation_id: int
    question: Message
    answer: Message


class Services:
    """Everything the brain needs, built once and handed to the window or the CLI."""

    def __init__(
        self, paths: Paths, settings: Settings | None = None, secrets: SecretStore | None = None
    ):
        """``settings=None`` reads them from ``paths`` on first use (SettingsError then if the
        file is broken)."""
        paths.ensure()
        self.paths = paths
        self._settings = settings
        self._database: Database | None = None
        self._history: HistoryStore | None = None
        self._secrets = secrets
        self._memory: MemoryStore | None = None
        self._commands: SlashCommands | None = None
        self._tools: ToolRegistry | None = None
        self._calendar: CalendarService | None = None
        self._documents: DocumentService | None = None
        self._mail: MailService | None = None
        self._reminders: ReminderService | None = None
        self._lazy_lock = threading.RLock()
        self._closed = False
        # Set when the database opens, if it had to set a damaged file aside: the window
        # shows it after its first paint, the CLI prints it to stderr.
        self.storage_notice: str | None = None

    @classmethod
    def from_environment(cls) -> Services:
        return cls(Paths.resolve())

    def zone(self) -> ZoneInfo:
        from desktop_assistant.clock import local_zone

        return local_zone(self.settings.timezone)

    # Built on first use, once, from any thread -----------------------------------------------

    @property
    def settings(self) -> Settings:
        with self._lazy_lock:
            if self._settings is None:
                self._settings = load_settings(self.paths)
            return self._settings

    @settings.setter
    def settings(self, settings: Settings) -> None:
        self._settings = settings

    @property
    def database(self) -> Database:
        """The SQLite database, opened (and migrated) on first use; StorageError (with a
        message for the person) when it can't be opened."""
        with self._lazy_lock:
            if self._closed:
                # A worker still running after Delete all must not create an empty
                # database again.
                raise ServicesClosed("The assistant's data is closed; nothing more is stored.")
            if self._database is None:
                from desktop_assistant.db import Database

                self._database = Database(self.paths.database, feature_migrations())
                self.storage_notice = self._database.notice
            return self._database

    @property
    def database_opened(self) -> bool:
        return self._database is not None

    @property
    def history(self) -> HistoryStore:
        with self._lazy_lock:
            if self._history is None:
                from desktop_assistant.history import HistoryStore

                self._history = HistoryStore(self.database)
            return self._history

    @property
    def secrets(self) -> SecretStore:
        """The OS keyring (or this session's memory where there is none)."""
        with self._lazy_lock:
            if self._secrets is None:
                from desktop_assistant.secrets import SecretStore

                self._secrets = SecretStore()
            return self._secrets

    @property
    def memory(self) -> MemoryStore:
        with self._lazy_lock:
            if self._memory is None:
                from desktop_assistant.memory import MemoryStore

                self._memory = MemoryStore(self.database)
            return self._memory

    @property
    def calendar(self) -> CalendarService:
        """Calendars, contacts, free slots and invitations."""
        with self._lazy_lock:
            if self._calendar is None:
                from desktop_assistant.calendar.service import open_calendar

                self._calendar = open_calendar(self)
            return self._calendar

    @property
    def documents(self) -> DocumentService:
        """Company document search over the folders the person added."""
        with self._lazy_lock:
            if self._documents is None:
                from desktop_assistant.documents.service import open_documents

                self._documents = open_documents(self)
            return self._documents

    @property
    def mail(self) -> MailService:
        """Email drafts: kept with their conversation, handed to Gmail, IMAP or a file."""
        with self._lazy_lock:
            if self._mail is None:
                from desktop_assistant.mail.service import open_mail

                self._mail = open_mail(self)
            return self._mail

    @property
    def reminders(self) -> ReminderService:
        """Reminders, meeting alerts and the daily briefing (the tray polls it)."""
        with self._lazy_lock:
            if self._reminders is None:
                from desktop_assistant.reminders.service import open_reminders

                self._reminders = open_reminders(self)
            return self._reminders

    @property
    def commands(self) -> SlashCommands:
        with self._lazy_lock:
            if self._commands is None:
                from desktop_assistant.assistant.commands import (
                    SlashCommands,
                    register_builtin_commands,
                )
                from desktop_assistant.calendar.commands import register_calendar_commands
                from desktop_assistant.documents.commands import register_document_commands
                from desktop_assistant.mail.commands import register_mail_commands
                from desktop_assistant.reminders.commands import register_reminder_commands

                self._commands = SlashCommands()
                register_builtin_commands(self._commands, self.memory, self.zone)
                register_calendar_commands(self._commands, self.calendar)
                register_document_commands(self._commands, self.documents)
                register_mail_commands(self._commands, self.mail)
                register_reminder_commands(self._commands, self.reminders)
            return self._commands

    @property
    def tools(self) -> ToolRegistry:
        """The tool registry (it imports pydantic)."""
        with self._lazy_lock:
            if self._tools is None:
                from desktop_assistant.assistant.builtin_tools import clock_tools, memory_tools
                from desktop_assistant.assistant.tools import ToolRegistry
                from desktop_assistant.calendar.tools import calendar_tools
                from desktop_assistant.documents.tools import document_tools
                from desktop_assistant.mail.tools import mail_tools
                from desktop_assistant.reminders.tools import reminder_tools

                self._tools = ToolRegistry([
                    *clock_tools(self.zone),
                    *memory_tools(self.memory),
                    *calendar_tools(self.calendar),
                    *document_tools(self.documents),
                    *mail_tools(self.mail, attachable=self.documents.file_in_folders,
                                invitations=self.calendar.folder / "invitations"),
                    *reminder_tools(self.reminders),
                ])
            return self._tools

    # Model -----------------------------------------------------------------------------------

    def model_config(self, **overrides: Any) -> ModelConfig:
        from desktop_assistant.assistant.llm import ModelConfig

        settings = self.settings
        values: dict[str, Any] = {
            "provider": settings.provider or "compatible",
            "model": settings.model,
            "base_url": settings.effective_base_url(),
            "api_key": self._api_key(),
            "timeout": settings.request_timeout,
            "max_retries": settings.max_retries,
            "azure_api_version": settings.azure_api_version,
            "mode": settings.provider_mode,
            "company_hosts": settings.company_hosts,
        }
        values.update(overrides)
        return ModelConfig(**values)

    def _api_key(self) -> str | None:
        """The API key, or NotConfigured saying why the keyring can't give it (locked …), so
        a turn fails with that message rather than as an unexpected error."""
        from desktop_assistant.assistant.model_errors import NotConfigured
        from desktop_assistant.secrets import SecretStoreError, resolve_api_key

        try:
            return resolve_api_key(self.secrets)
        except SecretStoreError as error:
            raise NotConfigured(str(error), shown=error.message) from None

    def client(self) -> ChatModel:
        from desktop_assistant.assistant.llm import ChatClient
        from desktop_assistant.assistant.model_errors import NotConfigured
        from desktop_assistant.assistant.privacy import model_access_problem

        settings = self.settings
        refused = model_access_problem(
            settings.provider_mode, settings.provider or "compatible",
            settings.effective_base_url(), settings.company_hosts,
        )
        if refused is not None:
            raise refused
        if not settings.configured:
            raise NotConfigured(
                "No model is configured yet. Open Settings → Model, or set "
                "DESKTOP_ASSISTANT_BASE_URL and DESKTOP_ASSISTANT_MODEL."
            )
        client = ChatClient(self.model_config())
        if self.redacts():
            from desktop_assistant.assistant.redacted_client import RedactingClient

            return RedactingClient(client)
        return client

    def redacts(self) -> bool:
        """Whether personal data is replaced by placeholders before the model sees it: in
        cloud mode (``redact_cloud``) for a server outside the company network, and for one
        inside it too when ``redact_local`` is on."""
        from desktop_assistant.assistant.privacy import endpoint_host, is_company_host

        settings = self.settings
        if settings.provider_mode == "off":
            return False
        host = endpoint_host(settings.provider or "compatible", settings.effective_base_url())
        inside = bool(host) and is_company_host(host, settings.company_hosts)
        if inside:
            return settings.redact_local
        return settings.provider_mode == "cloud" and settings.redact_cloud

    def system_prompt(self) -> str:
        from desktop_assistant.assistant.prompts import system_prompt
        from desktop_assistant.clock import describe_now
        from desktop_assistant.i18n import system_language
        from desktop_assistant.mail.profile import Profile, prompt_lines

        memories = [m.text for m in self.memory.all()]
        profile = prompt_lines(Profile.from_settings(self.settings))
        language = self.settings.interface_language or system_language()
        return system_prompt(describe_now(self.zone()), memories, profile=profile,
                             interface_language=language)

    def warm_up(self) -> None:
        """Import what the first turn needs (openai, pydantic, the tools) ahead of time.

        Under the same lock as ``agent()``: pydantic's and openai's modules import each other,
        and two threads importing them at once can see a half-initialized module."""
        with self._lazy_lock:
            import openai  # noqa: F401
            import pydantic  # noqa: F401

            import desktop_assistant.assistant.agent  # noqa: F401

            self.tools  # noqa: B018 - building the registry is the point

    def agent(self, auto_approve: bool = False) -> Agent:
        self.warm_up()  # at once if the window's warm-up did it already
        from desktop_assistant.assistant.agent import Agent, TurnLimits

        limits = TurnLimits(
            max_steps=self.settings.max_steps,
            max_seconds=self.settings.max_turn_seconds,
            context_tokens=self.settings.context_tokens,
        )
        return Agent(
            client=self.client,
            registry=self.tools,
            history=self.history,
            system_prompt=self.system_prompt,
            limits=limits,
            auto_approve=auto_approve,
        )

    def update_settings(self, **changes: Any) -> Settings:
        """Store changed settings (raises OSError when the file cannot be written) and use
        them from now on."""
        updated = dataclasses.replace(self.settings, **changes)
        save_settings(self.paths, updated)
        self.settings = updated
        return updated

    def save_model_settings(self, provider: str, base_url: str, model: str) -> None:
        self.update_settings(provider=provider, base_url=base_url, model=model)

    def save_api_key(self, key: str) -> SecretSaved:
        from desktop_assistant.secrets import API_KEY

        return self.secrets.set(API_KEY, key)

    # Slash commands ----------------------------------------------------------------------------

    def run_command(self, conversation_id: int | None, text: str) -> CommandReply:
        """Answer a slash command without a model, keeping both sides in history."""
        if conversation_id is None:
            conversation_id = self.history.create_conversation(text.strip()[:60]).id
        from desktop_assistant.assistant.scope import conversation_scope

        question = self.history.add_message(conversation_id, "user", text)
        with conversation_scope(conversation_id):
            said = self.commands.run(text)
        answer = self.history.add_message(conversation_id, "assistant", said)
        return CommandReply(conversation_id, question, answer)

    def apply_retention(self) -> PurgeReport:
        """Delete conversations (and audit entries, finished reminders) older than the
        ``history_keep_days`` setting; nothing when it is 0 (kept forever)."""
        from desktop_assistant.data_control import PurgeReport, purge_old_history

        days = self.settings.history_keep_days
        return purge_old_history(self.database, days) if days > 0 else PurgeReport(0)

    def release_thread(self) -> None:
        """Close the calling worker thread's database connection before the thread ends
        (every feature's tables live in this one database)."""
        if self._database is not None:
            self._database.close()

    def close(self, *, for_good: bool = False) -> None:
        """Close the features and every database connection. ``for_good`` (Delete all my
        data): later use of the database raises instead of creating an empty one again."""
        self._closed = for_good
        if self._calendar is not None:
            self._calendar.close()
        if self._documents is not None:
            self._documents.close()
        if self._mail is not None:
            self._mail.close()
        if self._reminders is not None:
            self._reminders.close()
        if self._database is not None:
            self._database.close_all()


def run_gui(services: Services, on_shown: Callable[[], None] | None = None,
            *, hidden: bool = False) -> int:
    """Show the main window (unless ``hidden``: started at login) and run the Qt event loop
    until the app quits."""
    from desktop_assistant.ui.application import run

    return run(services, on_shown, hidden=hidden)
