"""Settings → Privacy: provider modes saved and obeyed, retention, the audit log viewer, export
and "Delete all my data", driven as a person would."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt

from desktop_assistant.data_control import EXPORT_NAME, DeletionReport
from tests.gui.driving import TIMEOUT_MS, send
from tests.support.openai_server import Call, Text, ToolCalls


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where the autostart entry goes (never the developer's own ~/.config)."""
    folder = tmp_path / "xdg-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder


def _open_privacy(qtbot: Any, services: Any, parent: Any = None) -> Any:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services, parent=parent)
    if parent is None:
        qtbot.addWidget(dialog)
    dialog.show()
    tabs = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert tabs[tabs.index("Documents") + 1] == "Privacy"
    dialog.tabs.setCurrentIndex(tabs.index("Privacy"))
    assert dialog.save_button.isVisible()
    return dialog


def _choose(qtbot: Any, button: Any) -> None:
    """Click a radio button on its label (a click right of the text does nothing)."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def _save(qtbot: Any, dialog: Any) -> None:
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


def test_local_only_is_saved_and_refuses_a_cloud_server_in_the_chat(
    qtbot: Any, window: Any, services: Any, server: Any
) -> None:
    dialog = _open_privacy(qtbot, services, window)
    privacy = dialog.privacy
    assert privacy.mode_buttons["cloud"].isChecked()
    assert privacy.redact.isEnabled()
    assert not privacy.company_hosts.isEnabled()
    _choose(qtbot, privacy.mode_buttons["local_only"])
    assert privacy.company_hosts.isEnabled()
    assert not privacy.redact.isEnabled()  # redaction is about cloud calls
    assert privacy.redact_local.isEnabled()  # … unless asked for inside the company too
    privacy.redact_local.setChecked(True)
    privacy.company_hosts.setText("corp.example, bad/host")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "'bad/host'" in privacy.status.text()
    assert privacy.status.property("state") == "error"
    assert services.settings.provider_mode == "cloud"  # nothing saved
    privacy.company_hosts.setText("corp.example; 100.64.0.0/10")
    _save(qtbot, dialog)
    assert services.settings.provider_mode == "local_only"
    assert services.settings.company_hosts == "corp.example, 100.64.0.0/10"
    assert services.settings.redact_local is True
    assert services.redacts()  # the loopback server now gets placeholders too
    text = services.paths.settings_file.read_text(encoding="utf-8")
    assert 'provider_mode = "local_only"' in text

    server.enqueue(Text(["Local answer."]))
    send(qtbot, window, "hello")  # the scripted server is on loopback: allowed
    assert window.chat.bubbles()[-1].text() == "Local answer."
    services.settings = dataclasses.replace(services.settings,
                                            base_url="https://llm.vendor.example/v1")
    send(qtbot, window, "Summarise the salary review")
    error = window.chat.bubbles()[-1]
    assert error.role == "error"
    assert "llm.vendor.example" in error.text()
    assert "Settings → Privacy" in error.text()
    assert len(server.requests) == 1  # nothing was sent for the refused turn


def test_off_and_retention_and_debug_logging_are_saved(qtbot: Any, services: Any) -> None:
    history = services.history
    old = history.create_conversation("Old plans")
    history.add_message(old.id, "user", "old text")
    then = (datetime.now(UTC) - timedelta(days=10)).isoformat()
    services.database.conn.execute("UPDATE conversations SET updated_at = ?", (then,))
    services.database.conn.execute("UPDATE messages SET updated_at = ?", (then,))
    recent = history.create_conversation("This week")
    dialog = _open_privacy(qtbot, services)
    privacy = dialog.privacy
    assert privacy.keep.currentText() == "Forever"
    assert [privacy.keep.itemText(i) for i in range(privacy.keep.count())] == [
        "7 days", "30 days", "90 days", "365 days", "Forever"]
    _choose(qtbot, privacy.mode_buttons["off"])
    assert not privacy.company_hosts.isEnabled()
    assert not privacy.redact.isEnabled()
    privacy.keep.setCurrentIndex(privacy.keep.findData(7))
    privacy.debug.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=TIMEOUT_MS) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args[0] == ("Privacy settings saved. Deleted 1 conversation (1 message, "
                             "0 drafts) older than 7 days.")
    settings = services.settings
    assert (settings.provider_mode, settings.history_keep_days, settings.debug_logging) == (
        "off", 7, True)
    assert [c.id for c in history.conversations()] == [recent.id]
    reply = services.run_command(None, "/help")  # off: slash commands still answer
    assert "/remind" in reply.answer.content


def test_a_limit_set_elsewhere_is_offered_and_kept(qtbot: Any, services: Any) -> None:
    services.update_settings(history_keep_days=14, redact_cloud=False)
    privacy = _open_privacy(qtbot, services).privacy
    assert privacy.keep.currentText() == "14 days"
    assert not privacy.redact.isChecked()
    assert privacy.values()["history_keep_days"] == 14


def test_the_audit_log_shows_a_real_tool_call(qtbot: Any, services: Any, server: Any) -> None:
    server.enqueue(
        ToolCalls([Call("remember", json.dumps({"fact": "我喜欢早上开会"}))]),
        Text(["记住了。"]),
    )
    list(services.agent().start(None, "记住我喜欢早上开会"))
    assert [m.text for m in services.memory.all()] == ["我喜欢早上开会"]
    privacy = _open_privacy(qtbot, services).privacy

    qtbot.mouseClick(privacy.audit_button, Qt.MouseButton.LeftButton)
    view = privacy.audit_dialog
    assert view is not None
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=TIMEOUT_MS)
    cells = [view.table.item(0, column).text() for column in range(view.table.columnCount())]
    assert cells[1:] == ["remember", "local", "automatic", "ok"]
    view.table.selectRow(0)
    details = view.details.toPlainText()
    assert '"fact": "我喜欢早上开会"' in details
    assert "Approval: automatic" in details
    qtbot.waitUntil(lambda: view.tool.findData("remember") >= 0, timeout=TIMEOUT_MS)

    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.filter.setText("no such words")
    assert view.table.rowCount() == 0
    assert view.status.text() == "No entry matches the filter."
    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.filter.setText("早上")
    assert view.table.rowCount() == 1


def test_export_from_the_tab(qtbot: Any, services: Any, tmp_path: Path) -> None:
    conversation = services.history.create_conversation("出差申请")
    services.history.add_message(conversation.id, "user", "下周去上海出差")
    privacy = _open_privacy(qtbot, services).privacy
    folder = tmp_path / "export"
    folder.mkdir()
    with qtbot.waitSignal(privacy.exported, timeout=TIMEOUT_MS) as exported:
        privacy.export_to(folder)
    assert exported.args[0] == [folder / f"{EXPORT_NAME}.json", folder / f"{EXPORT_NAME}.md"]
    assert str(folder / f"{EXPORT_NAME}.json") in privacy.status.text()
    assert "下周去上海出差" in (folder / f"{EXPORT_NAME}.md").read_text(encoding="utf-8")
    privacy.export_to(tmp_path / "missing")
    qtbot.waitUntil(lambda: privacy.status.property("state") == "error", timeout=TIMEOUT_MS)
    assert "Nothing was exported" in privacy.status.text()
    assert privacy.export_button.isEnabled()


def test_delete_all_through_the_dialog(
    qtbot: Any, services: Any, config_home: Path
) -> None:
    services.history.create_conversation("工资")
    services.update_settings(profile_name="李雷")
    paths = services.paths
    privacy = _open_privacy(qtbot, services).privacy
    quits: list[bool] = []
    reports: list[DeletionReport] = []
    privacy.quit_app = lambda: quits.append(True)
    privacy.show_report = reports.append

    qtbot.mouseClick(privacy.delete_button, Qt.MouseButton.LeftButton)
    confirm = privacy.confirmation
    qtbot.waitExposed(confirm)
    plan = confirm.plan_text()
    assert str(paths.database) in plan
    assert str(paths.settings_file) in plan
    assert "system keyring" in plan
    assert not confirm.delete_button.isEnabled()
    qtbot.keyClicks(confirm.typed, "delet")
    assert not confirm.delete_button.isEnabled()
    qtbot.keyClicks(confirm.typed, "e")
    assert confirm.delete_button.isEnabled()
    with qtbot.waitSignal(privacy.deleted, timeout=TIMEOUT_MS) as deleted:
        qtbot.mouseClick(confirm.delete_button, Qt.MouseButton.LeftButton)
    report = deleted.args[0]
    assert report.complete
    assert f"Removed {paths.database}" in report.lines()
    assert f"Removed {paths.settings_file}" in report.lines()
    assert reports == [report]
    assert quits == [True]
    assert not paths.data_dir.exists()
    assert not paths.config_dir.exists()
    assert privacy.status.text() == "All of your data was deleted."


def test_cancelling_the_confirmation_deletes_nothing(qtbot: Any, services: Any) -> None:
    services.history.create_conversation("Keep me")
    privacy = _open_privacy(qtbot, services).privacy
    qtbot.mouseClick(privacy.delete_button, Qt.MouseButton.LeftButton)
    confirm = privacy.confirmation
    qtbot.keyClicks(confirm.typed, "delete")
    confirm.reject()
    assert services.paths.database.exists()
    assert [c.title for c in services.history.conversations()] == ["Keep me"]


def test_the_running_app_deletes_old_conversations_at_start_and_daily(
    qtbot: Any, window: Any, services: Any, short_folder: Path
) -> None:
    from desktop_assistant.ui.background import RETENTION_INTERVAL_MS, Background

    old = services.history.create_conversation("Last quarter")
    services.history.add_message(old.id, "user", "old text")
    then = (datetime.now(UTC) - timedelta(days=40)).isoformat()
    services.database.conn.execute("UPDATE conversations SET updated_at = ?", (then,))
    services.database.conn.execute("UPDATE messages SET updated_at = ?", (then,))
    recent = services.history.create_conversation("Today")
    window.sidebar.refresh()
    assert window.sidebar.conversation_ids() == [recent.id, old.id]
    services.settings = dataclasses.replace(services.settings, history_keep_days=30,
                                            briefing_time="")
    background = Background(window, services, tray_available=False, use_dbus=False,
                            server_name=str(short_folder / "instance.sock"))
    try:
        assert background.start()
        qtbot.waitUntil(lambda: window.sidebar.conversation_ids() == [recent.id],
                        timeout=TIMEOUT_MS)
        assert [c.id for c in services.history.conversations()] == [recent.id]
        assert background.retention.isActive()
        assert background.retention.interval() == RETENTION_INTERVAL_MS
    finally:
        background.shutdown()
    assert not background.retention.isActive()
