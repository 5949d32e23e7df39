"""Every action without a mouse: the window's shortcuts do what they say, the shortcut list
(F1) shows them, F6 moves between the panes and Tab reaches every main control."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from tests.gui.driving import TIMEOUT_MS, start
from tests.support.openai_server import Hold

CTRL = Qt.KeyboardModifier.ControlModifier


def activate(qtbot: Any, window: Any) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()


def focus_on(qtbot: Any, widget: QWidget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget, timeout=TIMEOUT_MS)


def test_ctrl_n_starts_a_new_conversation_and_puts_the_cursor_in_the_input(
    qtbot: Any, window: Any, services: Any
) -> None:
    conversation = services.history.create_conversation("Budget 预算").id
    services.history.add_message(conversation, "user", "When is the budget review?")
    window.sidebar.refresh(select=conversation)
    window.chat.load_conversation(conversation)
    activate(qtbot, window)
    focus_on(qtbot, window.sidebar.list)
    assert window.chat.conversation_id == conversation

    qtbot.keyClick(window.sidebar.list, Qt.Key.Key_N, CTRL)

    assert window.chat.conversation_id is None
    assert window.sidebar.current_id() is None
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.chat.input, timeout=TIMEOUT_MS)


def test_ctrl_k_opens_the_document_search_from_the_sidebar(qtbot: Any, window: Any) -> None:
    activate(qtbot, window)
    focus_on(qtbot, window.sidebar.search)  # a text field that would take Ctrl+K itself
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_K, CTRL)
    panel = window._search_panel
    assert panel is not None
    qtbot.waitUntil(panel.query.hasFocus, timeout=TIMEOUT_MS)
    panel.hide()


def test_esc_stops_a_running_turn(qtbot: Any, window: Any, server: Any, services: Any) -> None:
    release = threading.Event()
    server.enqueue(Hold(["Partial ", "answer"], release))
    chat = window.chat
    activate(qtbot, window)
    try:
        start(qtbot, window, "Tell me a long story")
        qtbot.waitUntil(lambda: len(chat.bubbles()) == 2 and "Partial" in chat.bubbles()[1].text(),
                        timeout=TIMEOUT_MS)
        assert window.stop_action.isEnabled()

        qtbot.keyClick(chat.input, Qt.Key.Key_Escape)

        assert not chat.turn_running
        assert not window.stop_action.isEnabled()
        assert chat.bubbles()[1].text().startswith("Partial")
    finally:
        release.set()
    qtbot.waitUntil(lambda: services.history.messages(chat.conversation_id)[-1].status
                    == "cancelled", timeout=TIMEOUT_MS)


def test_ctrl_comma_opens_the_settings(qtbot: Any, window: Any) -> None:
    from desktop_assistant.ui.settings_dialog import SettingsDialog

    activate(qtbot, window)
    focus_on(qtbot, window.chat.input)
    qtbot.keyClick(window.chat.input, Qt.Key.Key_Comma, CTRL)
    dialog = window.findChild(SettingsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reject()


def test_f1_lists_the_shortcuts_in_the_platforms_notation(qtbot: Any, window: Any) -> None:
    from desktop_assistant.ui.help_dialog import ShortcutsDialog

    activate(qtbot, window)
    focus_on(qtbot, window.chat.input)
    qtbot.keyClick(window.chat.input, Qt.Key.Key_F1)
    dialog = window.findChild(ShortcutsDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    rows = dict(dialog.rows)
    assert rows["New conversation"] == "Ctrl+N"
    assert rows["Search documents"] == "Ctrl+K"
    assert rows["Write a message"] == "Ctrl+L"
    assert rows["Stop the answer"] == "Esc"
    assert rows["Settings"] == "Ctrl+,"
    assert rows["Next pane"] == "F6"
    assert rows["Keyboard shortcuts"].startswith("F1")
    assert rows["Rename"] == "F2"
    assert rows["Send the message"] == "Return"
    assert rows["New line in the message"] == "Shift+Return"
    dialog.reject()


def test_ctrl_l_puts_the_cursor_in_the_input_and_f6_moves_between_panes(
    qtbot: Any, window: Any
) -> None:
    activate(qtbot, window)
    focus_on(qtbot, window.sidebar.search)
    qtbot.keyClick(window.sidebar.search, Qt.Key.Key_L, CTRL)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.chat.input, timeout=TIMEOUT_MS)

    seen = []
    for _ in range(3):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F6)
        seen.append(QApplication.focusWidget())
    assert seen == [window.sidebar.list, window.chat.scroll_area, window.chat.input]
    qtbot.keyClick(window.chat.input, Qt.Key.Key_F6, Qt.KeyboardModifier.ShiftModifier)
    assert QApplication.focusWidget() is window.chat.scroll_area


def test_tab_cycles_through_the_main_controls(qtbot: Any, window: Any) -> None:
    activate(qtbot, window)
    focus_on(qtbot, window.sidebar.new_button)
    order: list[QWidget] = []
    for _ in range(20):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is window.sidebar.new_button:
            break
        order.append(focused)
    else:
        raise AssertionError(f"Tab never came back to the first control: {order}")
    main = [window.sidebar.search, window.sidebar.list, window.chat.input, window.chat.send_button]
    assert [widget for widget in order if widget in main] == main


def test_every_menu_and_action_has_an_accelerator(window: Any) -> None:
    """Alt and a letter reach every menu entry (the menu bar is the keyboard's way in)."""
    missing = []
    for menu_action in window.menuBar().actions():
        menu = menu_action.menu()
        if "&" not in menu_action.text():
            missing.append(menu_action.text())
        for action in menu.actions():
            if not action.isSeparator() and "&" not in action.text():
                missing.append(action.text())
    assert missing == []


def test_help_about_opens_the_about_dialog(qtbot: Any, window: Any) -> None:
    from desktop_assistant.ui.about_dialog import AboutDialog

    help_menu = next(action.menu() for action in window.menuBar().actions()
                     if action.menu().objectName() == "helpMenu")
    assert window.about_action in help_menu.actions()
    window.about_action.trigger()
    dialog = window.findChild(AboutDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.reject()
