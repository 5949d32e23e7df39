"""Settings and first-run setup in Chinese: every tab, the statuses after testing and saving,
the delete-all confirmation and the audit log viewer, with no English left.

Names that stay as they are (IANA time zones, the model's id, an environment variable,
products such as Nextcloud) are allowed one text at a time, and only with exactly the Latin
words listed for that text (``terms``): anything else in English still fails.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QPushButton

from desktop_assistant.ui import workers
from tests.gui.driving import TIMEOUT_MS
from tests.support.i18n import english_words, untranslated_texts
from tests.support.openai_server import Call, Fault, Text, ToolCalls

TABS = ["模型", "个人资料", "外观", "记忆", "日历", "联系人", "邮件", "文档", "隐私"]


def terms(text: str, *words: str) -> str:
    """``text``, after checking that its only Latin words are ``words`` (case aside)."""
    assert sorted({word.lower() for word in english_words(text)}) == sorted(words), text
    return text


def kept_names(dialog: Any, services: Any) -> tuple[str, ...]:
    """The texts of the settings dialog that rightly keep Latin names."""
    from desktop_assistant.ui.notification_settings import zone_names

    zone_key = services.zone().key
    zone_hint = dialog.profile.notifications.zone.lineEdit().placeholderText()
    assert zone_key in zone_hint
    assert english_words(zone_hint.replace(zone_key, "")) == []
    caldav = dialog.calendar_settings.backend.findData("caldav")
    return (
        *zone_names(), zone_hint, "test-model",
        "English",  # Appearance names each interface language in itself
        terms(dialog.model_settings.key_note.text()),  # OPENAI_API_KEY
        terms(dialog.privacy.local_note.text()),
        terms(dialog.calendar_settings.backend.itemText(caldav)),
        terms(dialog.calendar_settings.client_file.placeholderText(), "client", "secret"),
        terms(dialog.contacts.import_button.text()),
        terms(dialog.contacts.status.text()),
    )


@pytest.fixture
def settings(qtbot: Any, services: Any, chinese_interface: str) -> Iterator[Any]:
    """The settings dialog in Chinese, with its contacts and document lists read."""
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: bool(dialog.contacts.status.text()), timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: dialog.documents.files.model.summary is not None,
                    timeout=TIMEOUT_MS)
    yield dialog
    dialog.close()
    assert workers.wait_for_workers(timeout=10.0)
    QApplication.processEvents()


def _choose_tab(dialog: Any, name: str) -> None:
    dialog.tabs.setCurrentIndex(TABS.index(name))


@pytest.fixture
def settings_with_a_fact(services: Any) -> None:
    services.memory.add("我喜欢喝茶")


@pytest.mark.usefixtures("settings_with_a_fact")
def test_every_tab_of_the_settings_is_in_chinese(settings: Any, services: Any) -> None:
    dialog = settings
    assert dialog.windowTitle() == "设置"
    assert [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())] == TABS
    assert dialog.save_button.text() == "保存"
    allow = kept_names(dialog, services)
    for backend in ("google", "caldav"):  # each shows its own box
        calendar = dialog.calendar_settings
        calendar.backend.setCurrentIndex(calendar.backend.findData(backend))
    for index, name in enumerate(TABS):
        dialog.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        assert untranslated_texts(dialog.tabs.currentWidget(), allow=allow) == [], name
    assert untranslated_texts(dialog, allow=allow) == []
    assert [b.text() for b in dialog.memory.findChildren(QPushButton)] == ["删除"]
    days = dialog.calendar_settings.day_buttons
    assert [button.text() for button in days] == ["周一", "周二", "周三", "周四", "周五", "周六",
                                                  "周日"]
    assert days[0].accessibleName() == "工作日：周一"
    hours = [label.text() for label in dialog.profile.notifications.findChildren(QLabel)
             if label.text().startswith("09:00")]
    assert hours == ["09:00-18:00，周一至周五（在“日历”中修改：查找空闲时间也会用到）"]
    model = dialog.model_settings
    assert model.provider.itemText(model.provider.findData("compatible")) == (
        "OpenAI 兼容服务器（Ollama、LM Studio、vLLM、llama.cpp）")


def test_the_first_run_setup_dialog_is_in_chinese(qtbot: Any, services: Any,
                                                   chinese_interface: str) -> None:
    from desktop_assistant.ui.setup_dialog import SetupDialog

    dialog = SetupDialog(services, first_run=True)
    qtbot.addWidget(dialog)
    dialog.show()
    widget = dialog.settings_widget
    assert dialog.windowTitle() == "设置助手"
    assert [b.text() for b in dialog.buttons.buttons()] == ["保存", "稍后"]
    for provider in ("openai", "azure", "compatible"):  # each relabels the address field
        widget.provider.setCurrentIndex(widget.provider.findData(provider))
        assert untranslated_texts(dialog, allow=(
            "test-model", terms(widget.key_note.text()))) == [], provider
    assert widget.model_label.text() == "模型"
    widget.provider.setCurrentIndex(widget.provider.findData("azure"))
    assert (widget.base_url_label.text(), widget.model_label.text()) == ("终结点", "部署名称")


def test_a_failed_test_connection_says_why_in_chinese(
    qtbot: Any, services: Any, server: Any, chinese_interface: str
) -> None:
    from desktop_assistant.ui.setup_dialog import SetupDialog

    dialog = SetupDialog(services)
    qtbot.addWidget(dialog)
    widget = dialog.settings_widget
    widget.base_url.setText(server.base_url)
    widget.model.setCurrentText("test-model")
    server.enqueue(Fault(401, "密钥无效"))
    qtbot.mouseClick(widget.test_button, Qt.MouseButton.LeftButton)
    assert widget.status.text() == "正在测试连接…"
    qtbot.waitUntil(lambda: widget.status.property("state") == "error", timeout=TIMEOUT_MS)
    assert "密钥无效" in widget.status.text()  # the server's own words, within Chinese
    assert untranslated_texts(widget.status) == []

    server.enqueue(Text(["ok"]))
    qtbot.mouseClick(widget.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.status.property("state") == "ok", timeout=TIMEOUT_MS)
    assert widget.status.text() == f"已连接到 {server.base_url}，模型 'test-model' 已应答。"

    widget.model.setCurrentText("")
    qtbot.mouseClick(widget.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.status.property("state") == "ok", timeout=TIMEOUT_MS)
    assert widget.status.text() == "服务器提供 2 个模型。"


def test_saved_statuses_are_in_chinese(qtbot: Any, settings: Any, services: Any) -> None:
    dialog = settings
    _choose_tab(dialog, "个人资料")
    dialog.profile.email.setText("不是邮箱")
    assert not dialog.profile.save()
    assert dialog.profile.status.text() == "你的邮箱 '不是邮箱' 不是有效的邮箱地址。"
    dialog.profile.email.setText("li.lei@corp.example")
    with qtbot.waitSignal(dialog.profile.saved, timeout=TIMEOUT_MS) as saved:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == ["个人资料已保存。", False]
    assert dialog.profile.status.text() == "已保存。"
    assert services.settings.mail_from == "li.lei@corp.example"


def test_a_shorter_history_limit_says_what_it_deleted_in_chinese(
    qtbot: Any, services: Any, settings: Any
) -> None:
    history = services.history
    old = history.create_conversation("去年的计划")
    history.add_message(old.id, "user", "旧消息")
    then = (datetime.now(UTC) - timedelta(days=10)).isoformat()
    services.database.conn.execute("UPDATE conversations SET updated_at = ?", (then,))
    services.database.conn.execute("UPDATE messages SET updated_at = ?", (then,))
    privacy = settings.privacy
    _choose_tab(settings, "隐私")
    assert privacy.keep.currentText() == "永久"
    privacy.keep.setCurrentIndex(privacy.keep.findData(7))
    assert privacy.keep.currentText() == "7 天"
    with qtbot.waitSignal(settings.saved, timeout=TIMEOUT_MS) as saved:
        qtbot.mouseClick(settings.save_button, Qt.MouseButton.LeftButton)
    assert saved.args == [
        "隐私设置已保存。已删除早于 7 天前的内容：1 个对话（1 条消息，0 份草稿）。", False]
    assert untranslated_texts(privacy.status) == []


def test_the_delete_all_confirmation_is_in_chinese(
    qtbot: Any, settings: Any, services: Any
) -> None:
    privacy = settings.privacy
    _choose_tab(settings, "隐私")
    qtbot.mouseClick(privacy.delete_button, Qt.MouseButton.LeftButton)
    confirm = privacy.confirmation
    qtbot.waitExposed(confirm)
    assert confirm.windowTitle() == "删除我的所有数据"
    assert confirm.typed.placeholderText() == "输入“删除”以确认"
    assert untranslated_texts(confirm) == []
    assert str(services.paths.database) in confirm.plan_text()
    # Chinese is typed through an input method, which commits whole words.
    confirm.typed.setText("删")
    assert not confirm.delete_button.isEnabled()
    confirm.typed.setText("删除")
    assert confirm.delete_button.isEnabled()
    confirm.typed.clear()
    qtbot.keyClicks(confirm.typed, "delete")  # the English word works too
    assert confirm.delete_button.isEnabled()
    assert confirm.delete_button.text() == "全部删除"
    confirm.reject()
    assert services.paths.database.exists()


def test_the_audit_log_viewer_is_in_chinese(
    qtbot: Any, services: Any, server: Any, settings: Any
) -> None:
    server.enqueue(ToolCalls([Call("remember", json.dumps({"fact": "我喜欢早上开会"}))]),
                   Text(["记住了。"]))
    list(services.agent().start(None, "记住我喜欢早上开会"))
    privacy = settings.privacy
    qtbot.mouseClick(privacy.audit_button, Qt.MouseButton.LeftButton)
    view = privacy.audit_dialog
    qtbot.waitUntil(lambda: view.table.rowCount() == 1, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: view.tool.findData("remember") >= 0, timeout=TIMEOUT_MS)
    assert view.windowTitle() == "审计日志"
    header = [view.table.horizontalHeaderItem(c).text() for c in range(view.table.columnCount())]
    assert header == ["时间", "工具", "影响", "批准方式", "结果"]
    cells = [view.table.item(0, c).text() for c in range(view.table.columnCount())]
    assert cells[1:] == ["remember", "本地", "自动", "成功"]  # the tool's name stays
    assert view.status.text() == "1 条记录。"
    assert untranslated_texts(view, allow=("remember",)) == []
    view.table.selectRow(0)
    details = view.details.toPlainText()
    assert "批准方式：自动" in details
    assert '"fact": "我喜欢早上开会"' in details

    with qtbot.waitSignal(view.loaded, timeout=TIMEOUT_MS):
        view.filter.setText("没有这些字")
    assert view.status.text() == "没有符合筛选条件的记录。"


def test_contacts_import_reports_in_chinese(
    qtbot: Any, settings: Any, tmp_path: Path
) -> None:
    contacts = settings.contacts
    people = tmp_path / "people.csv"
    people.write_text("Name,Email\n王芳,wang.fang@corp.example\n", encoding="utf-8")
    with qtbot.waitSignals([contacts.imported, contacts.loaded], timeout=TIMEOUT_MS):
        contacts.import_file(people)
    assert contacts.status.text() == "people.csv：新增 1 位联系人，更新 0 位。"
    header = [contacts.table.horizontalHeaderItem(c).text() for c in range(4)]
    assert header == ["姓名", "邮箱", "时区", "工作时间"]
    assert contacts.table.item(0, 3).text() == "与你相同"

    contacts.select("wang.fang@corp.example")
    edit = contacts.edit()
    assert edit is not None
    qtbot.waitExposed(edit)
    assert edit.windowTitle() == "编辑联系人"
    zones = tuple(edit.zone.itemText(i) for i in range(edit.zone.count()))
    assert untranslated_texts(edit, allow=zones) == []
    edit.hours.clear()
    edit.days.setText("Mon-Fri")
    edit.save()
    assert edit.status.text() == "请同时填写对方的工作时间（例如 09:00-18:00），或两者都不填。"
    edit.reject()
