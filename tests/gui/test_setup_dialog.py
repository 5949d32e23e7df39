"""Choosing the model: test connection, models, local servers, saving, first run, memory."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog, QPushButton

from desktop_assistant.ui import workers
from desktop_assistant.ui.setup_dialog import SetupDialog
from tests.gui.driving import TIMEOUT_MS
from tests.support.openai_server import Fault, Text


def port_of(base_url: str) -> int:
    return int(base_url.rsplit(":", 1)[1].split("/")[0])


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def dialog(qtbot: Any, services: Any, server: Any) -> Iterator[SetupDialog]:
    shown = SetupDialog(
        services, local_servers=[("Scripted", port_of(server.base_url)), ("Nothing", closed_port())]
    )
    qtbot.addWidget(shown)
    shown.show()
    yield shown
    assert workers.wait_for_workers(timeout=10.0)
    QApplication.processEvents()


def fill(dialog: SetupDialog, base_url: str, model: str, provider: str = "compatible") -> None:
    widget = dialog.settings_widget
    widget.provider.setCurrentIndex(widget.provider.findData(provider))
    widget.base_url.setText(base_url)
    widget.model.setCurrentText(model)


def wait_for_status(qtbot: Any, dialog: SetupDialog, state: str) -> str:
    status = dialog.settings_widget.status
    qtbot.waitUntil(lambda: status.property("state") == state, timeout=TIMEOUT_MS)
    return str(status.text())


def test_test_connection_says_it_works(qtbot: Any, dialog: SetupDialog, server: Any) -> None:
    server.enqueue(Text(["ok"]))
    fill(dialog, server.base_url, "test-model")
    button = dialog.settings_widget.test_button

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert not button.isEnabled()  # the check runs in a worker; the dialog stays responsive
    text = wait_for_status(qtbot, dialog, "ok")
    assert text == f"Connected to {server.base_url}; the model 'test-model' answered."
    assert button.isEnabled()
    assert server.requests[0].headers["authorization"] == "Bearer test-key"


def test_test_connection_says_the_key_was_refused(
    qtbot: Any, dialog: SetupDialog, server: Any
) -> None:
    server.enqueue(Fault(401, "Incorrect API key provided"))
    fill(dialog, server.base_url, "test-model")
    dialog.settings_widget.api_key.setText("sk-wrong")

    qtbot.mouseClick(dialog.settings_widget.test_button, Qt.MouseButton.LeftButton)

    text = wait_for_status(qtbot, dialog, "error")
    assert "refused the API key" in text
    assert "Incorrect API key provided" in text
    assert server.requests[0].headers["authorization"] == "Bearer sk-wrong"  # the typed key


def test_test_connection_names_an_unknown_model(
    qtbot: Any, dialog: SetupDialog, server: Any
) -> None:
    fill(dialog, server.base_url, "no-such-model")
    qtbot.mouseClick(dialog.settings_widget.test_button, Qt.MouseButton.LeftButton)
    assert "does not know the model 'no-such-model'" in wait_for_status(qtbot, dialog, "error")


def test_test_connection_says_when_nothing_listens(qtbot: Any, dialog: SetupDialog) -> None:
    fill(dialog, f"http://127.0.0.1:{closed_port()}/v1", "test-model")
    qtbot.mouseClick(dialog.settings_widget.test_button, Qt.MouseButton.LeftButton)
    assert "Cannot reach the model server" in wait_for_status(qtbot, dialog, "error")


def test_refresh_lists_the_servers_models(qtbot: Any, dialog: SetupDialog, server: Any) -> None:
    fill(dialog, server.base_url, "")
    widget = dialog.settings_widget
    qtbot.mouseClick(widget.refresh_button, Qt.MouseButton.LeftButton)
    wait_for_status(qtbot, dialog, "ok")
    assert [widget.model.itemText(i) for i in range(widget.model.count())] == [
        "other-model", "test-model"
    ]


def test_detect_local_servers_fills_the_address_and_models(
    qtbot: Any, dialog: SetupDialog, server: Any
) -> None:
    widget = dialog.settings_widget
    fill(dialog, "", "", provider="compatible")
    qtbot.mouseClick(widget.detect_button, Qt.MouseButton.LeftButton)
    text = wait_for_status(qtbot, dialog, "ok")
    assert text.startswith(f"Found Scripted at {server.base_url} (2 models)")
    assert widget.base_url.text() == server.base_url
    assert widget.provider_key() == "compatible"
    assert widget.model.currentText() == "other-model"


def test_detect_says_when_no_server_answers(qtbot: Any, services: Any) -> None:
    port = closed_port()
    shown = SetupDialog(services, local_servers=[("Ollama", port)])
    qtbot.addWidget(shown)
    qtbot.mouseClick(shown.settings_widget.detect_button, Qt.MouseButton.LeftButton)
    text = wait_for_status(qtbot, shown, "error")
    assert f"No model server answered on this computer (ports {port})" in text


def test_fields_follow_the_provider(dialog: SetupDialog) -> None:
    widget = dialog.settings_widget
    widget.base_url.clear()
    widget.provider.setCurrentIndex(widget.provider.findData("openai"))
    assert widget.base_url.isHidden()
    assert widget.detect_button.isHidden()
    widget.provider.setCurrentIndex(widget.provider.findData("azure"))
    assert not widget.base_url.isHidden()
    assert widget.base_url_label.text() == "Endpoint"
    assert widget.model_label.text() == "Deployment"
    widget.provider.setCurrentIndex(widget.provider.findData("compatible"))
    assert not widget.detect_button.isHidden()
    assert widget.model_label.text() == "Model"


def test_the_key_field_says_where_the_key_goes(dialog: SetupDialog) -> None:
    widget = dialog.settings_widget
    assert "system keyring" in widget.api_key.placeholderText()
    assert widget.api_key.echoMode() == widget.api_key.EchoMode.Password
    # The services fixture sets OPENAI_API_KEY, so the dialog says it is in use.
    assert "OPENAI_API_KEY is set" in widget.key_note.text()
    assert not widget.key_note.isHidden()


def test_save_stores_the_settings(
    qtbot: Any, dialog: SetupDialog, services: Any, server: Any
) -> None:
    fill(dialog, server.base_url, "other-model")
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["Model settings saved: other-model.", False]
    assert services.settings.model == "other-model"
    assert services.settings.provider == "compatible"
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_save_refuses_without_a_model(qtbot: Any, dialog: SetupDialog, server: Any) -> None:
    fill(dialog, server.base_url, "")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "Choose or type a model" in dialog.settings_widget.status.text()
    assert dialog.isVisible()


def test_a_key_without_a_keyring_is_kept_for_the_session_and_said_so(
    qtbot: Any, services: Any, server: Any, no_keyring: Any
) -> None:
    shown = SetupDialog(services)
    qtbot.addWidget(shown)
    fill(shown, server.base_url, "test-model")
    shown.settings_widget.api_key.setText("sk-typed-in-dialog")
    with qtbot.waitSignal(shown.saved, timeout=TIMEOUT_MS) as saved:
        qtbot.mouseClick(shown.save_button, Qt.MouseButton.LeftButton)
    message, warning = saved.args
    assert warning
    assert "session only" in message
    assert services.secrets.get("api_key") == "sk-typed-in-dialog"
    assert shown.settings_widget.api_key.text() == ""


@pytest.mark.usefixtures("no_briefing")
def test_first_run_shows_the_setup_dialog_after_first_paint(
    qtbot: Any, bare_services: Any
) -> None:
    from desktop_assistant.ui.application import launch

    shown: list[bool] = []
    window = launch(bare_services, on_shown=lambda: shown.append(True))
    qtbot.addWidget(window)

    def setup_dialog_visible() -> None:
        dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, SetupDialog)]
        assert dialogs
        assert dialogs[0].isVisible()

    qtbot.waitUntil(setup_dialog_visible, timeout=TIMEOUT_MS)
    assert shown == [True]
    assert window.windowTitle() == "Desktop Assistant"
    assert QApplication.applicationName() == "Desktop Assistant"
    window.repaint()
    QApplication.processEvents()
    assert shown == [True]  # exactly once
    # The warm-up (openai, pydantic, tools) ran in a worker after the first paint.
    assert workers.wait_for_workers(timeout=30.0)
    QApplication.processEvents()
    assert len(bare_services.tools) > 0


@pytest.mark.usefixtures("no_briefing")
def test_a_configured_app_opens_no_setup_dialog(qtbot: Any, services: Any) -> None:
    from desktop_assistant.ui.application import launch

    shown: list[bool] = []
    window = launch(services, on_shown=lambda: shown.append(True))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: shown == [True], timeout=TIMEOUT_MS)
    assert workers.wait_for_workers(timeout=30.0)
    QApplication.processEvents()
    assert not [w for w in QApplication.topLevelWidgets()
                if isinstance(w, SetupDialog) and w.isVisible()]


@pytest.mark.usefixtures("no_briefing")
def test_the_window_paints_before_opening_the_history_then_lists_it(
    qtbot: Any, model_env: Any
) -> None:
    from desktop_assistant.app import Services
    from desktop_assistant.ui.application import launch

    seeded = Services.from_environment()
    for title in ("Budget 预算", "Travel"):
        seeded.history.create_conversation(title)
    seeded.close()

    fresh = Services.from_environment()
    opened_at_first_paint: list[bool] = []
    window = launch(fresh, on_shown=lambda: opened_at_first_paint.append(fresh.database_opened))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.sidebar.titles() == ["Travel", "Budget 预算"],
                    timeout=TIMEOUT_MS)
    assert opened_at_first_paint == [False]
    assert workers.wait_for_workers(timeout=30.0)
    QApplication.processEvents()
    fresh.close()


def test_settings_memory_tab_deletes_a_fact(qtbot: Any, services: Any) -> None:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    tea = services.memory.add("I prefer tea")
    services.memory.add("My office is in Shanghai 上海")
    shown = SettingsDialog(services)
    qtbot.addWidget(shown)
    shown.show()
    shown.tabs.setCurrentIndex(3)
    assert shown.tabs.tabText(3) == "Memory"

    assert shown.memory.shown_texts() == ["I prefer tea", "My office is in Shanghai 上海"]
    delete = shown.findChild(QPushButton, f"deleteMemory{tea.id}")
    assert delete is not None
    with qtbot.waitSignal(shown.memory.changed, timeout=TIMEOUT_MS):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)

    assert [m.text for m in services.memory.all()] == ["My office is in Shanghai 上海"]
    assert shown.memory.shown_texts() == ["My office is in Shanghai 上海"]
    assert shown.findChild(QPushButton, f"deleteMemory{tea.id}") is None


def test_settings_open_from_the_window_with_ctrl_comma(qtbot: Any, window: Any) -> None:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    assert window.settings_action.shortcut().toString() == "Ctrl+,"
    assert window.stop_action.shortcut().toString() == "Esc"
    window.settings_action.trigger()
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == [
        "Model", "Profile", "Appearance", "Memory", "Calendars", "Contacts", "Email", "Documents",
        "Privacy"]
    assert dialog.model_settings.model.currentText() == "test-model"
    dialog.reject()
