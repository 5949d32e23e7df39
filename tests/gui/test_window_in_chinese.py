"""The window's shell in Chinese: title, menus, actions, the banner, the shortcut list and
Settings → Appearance, with the offer to restart for a new interface language."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QMessageBox

from desktop_assistant import i18n
from tests.gui.driving import TIMEOUT_MS
from tests.support.i18n import english_words, untranslated_texts

# The language's name in itself, deliberately shown as is in every interface language.
LANGUAGE_NAMES = ("English",)


def shell_texts(window: Any) -> list[str]:
    """What the window's own parts say that is still English: the title, the menus and every
    action in them."""
    found = [f"title: {window.windowTitle()!r}"] if english_words(window.windowTitle()) else []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        found += untranslated_texts(menu)
        found += [f"{action.objectName()}: {action.text()!r}" for action in menu.actions()
                  if english_words(action.text())]
    return found


def test_the_window_title_menus_and_actions_are_in_chinese(
    chinese_interface: str, window: Any
) -> None:
    assert window.windowTitle() == "桌面助手"
    assert [action.text() for action in window.menuBar().actions()] == [
        "文件(&F)", "对话(&C)", "日历(&A)", "文档(&D)", "帮助(&H)"]
    assert window.new_action.text() == "新建对话(&N)"
    assert window.model_label.text().startswith("模型：test-model · ")
    assert shell_texts(window) == []

    window.open_conversation(999_999)  # deleted meanwhile: the banner says so
    assert not window.banner.isHidden()
    assert window.banner.label.text() == "该对话已被删除。"
    assert untranslated_texts(window.banner) == []


def test_without_a_model_the_status_bar_says_where_to_set_one_up(
    chinese_interface: str, bare_window: Any
) -> None:
    assert bare_window.model_label.text() == "尚未配置模型：文件 → 设置"


def test_the_shortcut_list_is_in_chinese(
    qtbot: Any, chinese_interface: str, window: Any
) -> None:
    from desktop_assistant.ui.help_dialog import ShortcutsDialog

    window.shortcuts_action.trigger()
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowTitle() == "键盘快捷键"
    rows = dict(dialog.rows)
    assert rows["新建对话"] == "Ctrl+N"
    assert rows["设置"] == "Ctrl+,"
    assert "发送消息" in rows
    assert untranslated_texts(dialog) == []
    dialog.reject()


def appearance(services: Any, restarts: list[str]) -> Any:
    from desktop_assistant.ui.appearance_settings import AppearanceSettings

    return AppearanceSettings(services, restart=lambda: restarts.append("restart"))


def test_appearance_in_chinese_offers_a_restart_for_a_new_language(
    qtbot: Any, chinese_interface: str, services: Any
) -> None:
    restarts: list[str] = []
    tab = appearance(services, restarts)
    qtbot.addWidget(tab)
    tab.show()
    assert [tab.language.itemText(i) for i in range(tab.language.count())] == [
        "跟随系统", "English", "中文（简体）"]
    assert [tab.theme.itemText(i) for i in range(tab.theme.count())] == ["跟随系统", "浅色", "深色"]
    assert untranslated_texts(tab, allow=LANGUAGE_NAMES) == []

    tab.language.setCurrentIndex(tab.language.findData("en"))
    with qtbot.waitSignal(tab.saved, timeout=TIMEOUT_MS) as saved:
        assert tab.save()
    assert saved.args == ["外观设置已保存。", False]
    assert services.settings.interface_language == "en"
    assert i18n.chosen_language(services.paths.settings_file) == "en"  # read at the next start

    box = tab.restart_offer
    assert box is not None
    qtbot.waitExposed(box)
    assert box.windowTitle() == "重新启动桌面助手？"
    assert untranslated_texts(box) == []
    assert restarts == []
    now = next(b for b in box.buttons() if b.objectName() == "restartNow")
    assert now.text() == "立即重新启动"
    now.click()
    assert restarts == ["restart"]


def test_later_keeps_running_and_an_unchanged_language_asks_nothing(
    qtbot: Any, chinese_interface: str, services: Any
) -> None:
    restarts: list[str] = []
    tab = appearance(services, restarts)
    qtbot.addWidget(tab)
    tab.language.setCurrentIndex(tab.language.findData("zh_CN"))  # the language shown now
    assert tab.save()
    assert tab.restart_offer is None

    tab.language.setCurrentIndex(tab.language.findData("en"))
    assert tab.save()
    box = tab.restart_offer
    assert box is not None
    later = next(b for b in box.buttons() if b.objectName() == "restartLater")
    assert box.defaultButton() is later
    later.click()
    QApplication.processEvents()
    assert restarts == []
    assert not any(isinstance(w, QMessageBox) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
