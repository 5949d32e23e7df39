"""Choosing the model: first-run setup, and the Model tab of Settings.

Everything that talks to a server or the keyring (listing models, detecting local servers,
testing the connection, saving the key) runs in a worker; the result or the exact problem
shows in the status line.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.assistant.model_errors import LLMError
from desktop_assistant.assistant.providers import (
    LOCAL_SERVERS,
    FoundServer,
    LocalServer,
    as_local_server,
    check_connection,
    list_models,
    probe_local_servers,
)
from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.settings import PROVIDER_LABELS, PROVIDERS
from desktop_assistant.ui.forms import cannot_write
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.assistant.llm import ModelConfig
    from desktop_assistant.secrets import SecretSaved

CHECK_TIMEOUT = 20.0
URL_LABELS = {"openai": QT_TRANSLATE_NOOP("ModelSettingsWidget", "Base URL"),
              "azure": QT_TRANSLATE_NOOP("ModelSettingsWidget", "Endpoint"),
              "compatible": QT_TRANSLATE_NOOP("ModelSettingsWidget", "Server URL")}
URL_PLACEHOLDERS = {
    "openai": QT_TRANSLATE_NOOP("ModelSettingsWidget", "Optional: leave empty for api.openai.com"),
    "azure": "https://your-resource.openai.azure.com",
    "compatible": "http://127.0.0.1:11434/v1",
}


def describe_error(error: Exception) -> str:
    """What went wrong, for a person: an ``LLMError``'s own message, else the exception."""
    if isinstance(error, LLMError):
        return error.message
    return f"{type(error).__name__}: {error}"


class ModelSettingsWidget(QWidget):
    """Provider, server, model and API key, with Detect, Refresh and Test connection."""

    #: Saved: a message for the person, and whether it is a warning (key kept for now only).
    saved = Signal(str, bool)

    def __init__(
        self,
        services: Services,
        local_servers: Iterable[LocalServer | tuple[str, int] | int] = LOCAL_SERVERS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("modelSettings")
        self._services = services
        self._local_servers = [as_local_server(s) for s in local_servers]
        self._found: list[FoundServer] = []
        settings = services.settings

        self.provider = QComboBox()
        self.provider.setObjectName("providerCombo")
        self.provider.setAccessibleName(self.tr("Provider"))
        for key in PROVIDERS:
            self.provider.addItem(QCoreApplication.translate("Providers", PROVIDER_LABELS[key]),
                                  key)

        self.base_url = QLineEdit(settings.base_url)
        self.base_url.setObjectName("baseUrlEdit")
        self.base_url.setAccessibleName(self.tr("Server URL"))
        self.base_url_label = QLabel(self.tr("Server URL"))
        self.detect_button = QPushButton(self.tr("Detect local servers"))
        self.detect_button.setObjectName("detectButton")
        self.detect_button.setToolTip(
            self.tr("Look for Ollama, LM Studio, llama.cpp and vLLM on this computer")
        )
        self.detect_button.clicked.connect(self.detect)
        self.found = QComboBox()
        self.found.setObjectName("foundServers")
        self.found.setAccessibleName(self.tr("Servers found"))
        self.found.hide()
        self.found.activated.connect(lambda index: self._use_found(index))

        self.model = QComboBox()
        self.model.setObjectName("modelCombo")
        self.model.setEditable(True)
        self.model.setAccessibleName(self.tr("Model"))
        self.model.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        if settings.model:
            self.model.addItem(settings.model)
        self.model.setCurrentText(settings.model)
        line_edit = self.model.lineEdit()
        if line_edit is not None:
            line_edit.setPlaceholderText(self.tr("e.g. gpt-4o-mini, qwen2.5:7b"))
            line_edit.setAccessibleName(self.tr("Model"))
        self.model_label = QLabel(self.tr("Model"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.setObjectName("refreshModelsButton")
        self.refresh_button.setToolTip(self.tr("Ask the server which models it offers"))
        self.refresh_button.clicked.connect(self.refresh_models)

        self.api_key = QLineEdit()
        self.api_key.setObjectName("apiKeyEdit")
        self.api_key.setAccessibleName(self.tr("API key"))
        self.api_key.setEchoMode(QLineEdit.EchoMode.Password)
        self.api_key.setPlaceholderText(self.tr("Stored in the system keyring, never in a file"))
        self.api_key.setToolTip(self.tr(
            "The key is saved in the system keyring (Windows Credential Manager, macOS "
            "Keychain, Secret Service). Leave the field empty to keep the current key."
        ))
        self.key_note = QLabel()
        self.key_note.setObjectName("keyNote")
        self.key_note.setWordWrap(True)
        if os.environ.get("OPENAI_API_KEY", "").strip():
            self.key_note.setText(self.tr(
                "OPENAI_API_KEY is set in the environment: it is used instead of a saved key."
            ))
        else:
            self.key_note.hide()

        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("testButton")
        self.test_button.clicked.connect(self.test_connection)
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.setAccessibleName(self.tr("Status"))
        # Room for a three-line error, so the dialog does not jump when one appears.
        self.status.setMinimumHeight(3 * self.status.fontMetrics().lineSpacing())
        self.status.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        url_row = QHBoxLayout()
        url_row.addWidget(self.base_url, 1)
        url_row.addWidget(self.detect_button)
        model_row = QHBoxLayout()
        model_row.addWidget(self.model, 1)
        model_row.addWidget(self.refresh_button)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setVerticalSpacing(10)
        self.form.addRow(self.tr("Provider"), self.provider)
        self.form.addRow(self.base_url_label, url_row)
        self.form.addRow("", self.found)
        self.form.addRow(self.model_label, model_row)
        self.form.addRow(self.tr("API key"), self.api_key)
        self.form.addRow("", self.key_note)
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button)
        test_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addLayout(test_row)
        layout.addWidget(self.status)
        layout.addStretch(1)

        provider = settings.provider or (
            "openai" if os.environ.get("OPENAI_API_KEY") and not settings.base_url
            else "compatible"
        )
        self.provider.currentIndexChanged.connect(self._provider_changed)
        self.provider.setCurrentIndex(max(0, self.provider.findData(provider)))
        self._provider_changed()

    # Values -------------------------------------------------------------------------------

    def provider_key(self) -> str:
        return str(self.provider.currentData())

    def values(self) -> tuple[str, str, str, str]:
        """Provider, base URL, model and the typed key ("" for none)."""
        return (
            self.provider_key(),
            self.base_url.text().strip(),
            self.model.currentText().strip(),
            self.api_key.text().strip(),
        )

    def _provider_changed(self, *_: object) -> None:
        provider = self.provider_key()
        label = self.tr(URL_LABELS[provider])
        self.base_url_label.setText(label)
        self.base_url.setAccessibleName(label)
        self.base_url.setPlaceholderText(self.tr(URL_PLACEHOLDERS[provider]))
        hidden = provider == "openai" and not self.base_url.text().strip()
        self.base_url_label.setVisible(not hidden)
        self.base_url.setVisible(not hidden)
        self.detect_button.setVisible(provider == "compatible")
        self.found.setVisible(provider == "compatible" and bool(self._found))
        self.model_label.setText(self.tr("Deployment") if provider == "azure"
                                 else self.tr("Model"))

    def _problem(self, *, need_model: bool) -> str | None:
        provider, base_url, model, _ = self.values()
        if provider != "openai" and not base_url:
            return (self.tr("Enter the endpoint first.") if provider == "azure"
                    else self.tr("Enter the server URL first."))
        if need_model and not model:
            return self.tr("Choose or type a model first (Refresh lists what the server offers).")
        return None

    def _config_builder(self) -> Callable[[], ModelConfig]:
        """Builds the config in the worker: reading a saved key may wait on the keyring."""
        provider, base_url, model, key = self.values()
        services = self._services

        def build() -> ModelConfig:
            overrides: dict[str, Any] = {
                "provider": provider,
                "base_url": base_url or None,
                "model": model,
                "timeout": CHECK_TIMEOUT,
                "max_retries": 0,
            }
            if key:
                overrides["api_key"] = key
            return services.model_config(**overrides)

        return build

    def _say(self, text: str, state: str = "") -> None:
        say(self.status, text, state)

    def describe_server(self, server: FoundServer) -> str:
        """"Ollama at http://127.0.0.1:11434/v1 (2 models)", in the interface language."""
        if not server.models:
            return self.tr("{name} at {url} (no models loaded)").format(
                name=server.name, url=server.base_url)
        return self.tr("{name} at {url} (%n model(s))", "", len(server.models)).format(
            name=server.name, url=server.base_url)

    # Actions ------------------------------------------------------------------------------

    def test_connection(self) -> None:
        problem = self._problem(need_model=True)
        if problem:
            self._say(problem, "error")
            return
        build = self._config_builder()
        self.test_button.setEnabled(False)
        self._say(self.tr("Testing the connection…"), "busy")

        def check() -> ModelConfig:
            config = build()
            check_connection(config)
            return config

        def done(config: ModelConfig) -> None:
            self.test_button.setEnabled(True)
            self._say(self.tr("Connected to {where}; the model {model} answered.").format(
                where=config.where, model=repr(config.model)), "ok")

        def failed(error: Exception) -> None:
            self.test_button.setEnabled(True)
            self._say(describe_error(error), "error")

        run_task(check, done, failed, context=self, description="testing the connection")

    def refresh_models(self) -> None:
        problem = self._problem(need_model=False)
        if problem:
            self._say(problem, "error")
            return
        build = self._config_builder()
        self.refresh_button.setEnabled(False)
        self._say(self.tr("Asking the server for its models…"), "busy")

        def done(models: list[str]) -> None:
            self.refresh_button.setEnabled(True)
            self._set_models(models)
            if models:
                self._say(self.tr("The server offers %n model(s).", "", len(models)), "ok")
            else:
                self._say(self.tr("The server lists no models. Load or pull one, then Refresh."),
                          "error")

        def failed(error: Exception) -> None:
            self.refresh_button.setEnabled(True)
            self._say(describe_error(error), "error")

        run_task(lambda: list_models(build()), done, failed, context=self,
                 description="listing the models")

    def _set_models(self, models: Sequence[str]) -> None:
        typed = self.model.currentText().strip()
        self.model.clear()
        self.model.addItems(list(models))
        if typed and typed in models:
            self.model.setCurrentText(typed)
        elif models:
            self.model.setCurrentIndex(0)
        else:
            self.model.setCurrentText(typed)

    def detect(self) -> None:
        servers = self._local_servers
        self.detect_button.setEnabled(False)
        self._say(self.tr("Looking for model servers on this computer…"), "busy")

        def done(found: list[FoundServer]) -> None:
            self.detect_button.setEnabled(True)
            self._found = found
            self.found.clear()
            for server in found:
                self.found.addItem(self.describe_server(server))
            if not found:
                ports = ", ".join(str(s.port) for s in servers)
                self.found.hide()
                self._say(self.tr(
                    "No model server answered on this computer (ports {ports}). Start "
                    "Ollama, LM Studio, llama.cpp or vLLM, or enter the server's address."
                ).format(ports=ports), "error")
                return
            self.found.setVisible(len(found) > 1)
            self._use_found(0)

        def failed(error: Exception) -> None:
            self.detect_button.setEnabled(True)
            self._say(describe_error(error), "error")

        run_task(lambda: probe_local_servers(ports=servers), done, failed, context=self,
                 description="looking for local model servers")

    def _use_found(self, index: int) -> None:
        if not 0 <= index < len(self._found):
            return
        server = self._found[index]
        self.provider.setCurrentIndex(self.provider.findData("compatible"))
        self.base_url.setText(server.base_url)
        self._set_models(server.models)
        self._provider_changed()
        if len(self._found) > 1:
            self._say(self.tr("Found {server} ({count} found; pick another above).").format(
                server=self.describe_server(server), count=len(self._found)), "ok")
        else:
            self._say(self.tr("Found {server}.").format(server=self.describe_server(server)), "ok")

    def save(self) -> bool:
        """Store the settings (and the key, in a worker); False if something is missing."""
        problem = self._problem(need_model=True)
        if problem:
            self._say(problem, "error")
            return False
        provider, base_url, model, key = self.values()
        try:
            self._services.save_model_settings(provider, base_url, model)
        except OSError as error:
            self._say(cannot_write(error), "error")
            return False
        if not key:
            self._say(self.tr("Saved."), "ok")
            self.saved.emit(self.tr("Model settings saved: {model}.").format(model=model), False)
            return True
        self._say(self.tr("Saving the API key…"), "busy")
        services = self._services

        def done(outcome: SecretSaved) -> None:
            self.api_key.clear()
            self._say(outcome.message, "ok" if outcome.persistent else "warning")
            self.saved.emit(outcome.message, not outcome.persistent)

        def failed(error: Exception) -> None:
            self._say(self.tr("The API key could not be saved: {error}").format(
                error=describe_error(error)), "error")

        run_task(lambda: services.save_api_key(key), done, failed, context=self,
                 description="saving the API key")
        return True


class SetupDialog(QDialog):
    """First run: choose a model before chatting (slash commands work without one)."""

    saved = Signal(str, bool)

    def __init__(
        self,
        services: Services,
        *,
        first_run: bool = False,
        local_servers: Iterable[LocalServer | tuple[str, int] | int] = LOCAL_SERVERS,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("setupDialog")
        self.setWindowTitle(self.tr("Set up the assistant") if first_run else self.tr("Model"))
        self.setMinimumWidth(640)
        intro = QLabel(
            self.tr("<b>Welcome!</b> Choose the language model the assistant talks to: OpenAI, "
                    "Azure OpenAI, or a server on this computer or your company's network. "
                    "Commands such as <b>/help</b> and <b>/time</b> work without one.")
            if first_run
            else self.tr("Choose the language model the assistant talks to.")
        )
        intro.setWordWrap(True)
        intro.setObjectName("dialogIntro")
        self.settings_widget = ModelSettingsWidget(services, local_servers)
        self.settings_widget.saved.connect(self._saved)
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(self.tr("Save"),
                                                  QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        later = self.buttons.addButton(
            self.tr("Later") if first_run else self.tr("Cancel"),
            QDialogButtonBox.ButtonRole.RejectRole
        )
        later.setObjectName("cancelButton")
        self.save_button.clicked.connect(self._save)
        later.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(16)
        layout.addWidget(intro)
        layout.addWidget(self.settings_widget, 1)
        layout.addWidget(self.buttons)

    def _save(self) -> None:
        self.settings_widget.save()

    def _saved(self, message: str, warning: bool) -> None:
        self.saved.emit(message, warning)
        self.accept()
