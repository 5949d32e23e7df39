"""The conversation sidebar: new, select, rename, delete, search."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMenu, QMessageBox, QPushButton

from tests.gui.driving import TIMEOUT_MS, send
from tests.support.openai_server import Hold


def click_item(qtbot: Any, sidebar: Any, row: int) -> None:
    rect = sidebar.list.visualItemRect(sidebar.list.item(row))
    qtbot.mouseClick(sidebar.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_new_conversation_starts_empty_and_lists_most_recent_first(
    qtbot: Any, bare_window: Any
) -> None:
    sidebar, chat = bare_window.sidebar, bare_window.chat
    send(qtbot, bare_window, "/time")
    first = chat.conversation_id
    assert sidebar.current_id() == first

    qtbot.mouseClick(sidebar.new_button, Qt.MouseButton.LeftButton)
    assert chat.bubbles() == []
    assert chat.conversation_id is None
    assert sidebar.current_id() is None

    send(qtbot, bare_window, "/help")
    assert sidebar.titles() == ["/help", "/time"]
    assert sidebar.current_id() == chat.conversation_id != first

    bare_window.new_action.trigger()  # Ctrl+N
    assert chat.bubbles() == []
    assert bare_window.new_action.shortcut().toString() == "Ctrl+N"


def test_selecting_a_conversation_loads_its_messages(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    history = bare_services.history
    older = history.create_conversation("Budget").id
    history.add_message(older, "user", "What is the budget?")
    history.add_message(older, "assistant", "**42** thousand", model="m")
    newer = history.create_conversation("Lunch").id
    history.add_message(newer, "user", "Where is lunch?")
    sidebar = bare_window.sidebar
    sidebar.refresh()
    assert sidebar.titles() == ["Lunch", "Budget"]

    click_item(qtbot, sidebar, 1)

    chat = bare_window.chat
    assert chat.conversation_id == older
    assert [(b.role, b.text()) for b in chat.bubbles()] == [
        ("user", "What is the budget?"),
        ("assistant", "**42** thousand"),
    ]

    click_item(qtbot, sidebar, 0)
    assert [b.text() for b in chat.bubbles()] == ["Where is lunch?"]


def test_f2_renames_inline(qtbot: Any, bare_window: Any, bare_services: Any) -> None:
    conversation = bare_services.history.create_conversation("Old title").id
    sidebar = bare_window.sidebar
    sidebar.refresh()
    sidebar.list.setCurrentRow(0)
    sidebar.list.setFocus()

    assert sidebar.rename_action.shortcut().toString() == "F2"  # shown in the context menu
    qtbot.keyClick(sidebar.list, Qt.Key.Key_F2)
    editor = sidebar.list.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.selectAll()
    qtbot.keyClicks(editor, "Quarterly review ")
    editor.insert("季度评审")  # QTest types ASCII only
    with qtbot.waitSignal(sidebar.conversation_renamed, timeout=TIMEOUT_MS) as renamed:
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    assert renamed.args == [conversation, "Quarterly review 季度评审"]
    assert bare_services.history.conversation(conversation).title == "Quarterly review 季度评审"
    qtbot.waitUntil(lambda: sidebar.titles() == ["Quarterly review 季度评审"])


def test_f2_and_delete_belong_to_the_list_not_the_window(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    bare_services.history.create_conversation("Mine")
    sidebar = bare_window.sidebar
    sidebar.refresh()
    sidebar.list.setCurrentRow(0)
    bare_window.chat.input.setFocus()

    qtbot.keyClick(bare_window.chat.input, Qt.Key.Key_F2)
    qtbot.keyClick(bare_window.chat.input, Qt.Key.Key_Delete)
    assert sidebar.list.viewport().findChild(QLineEdit) is None
    assert bare_window.findChild(QMessageBox, "confirmDelete") is None

    sidebar.list.setFocus()
    qtbot.keyClick(sidebar.list, Qt.Key.Key_Delete)
    box = _confirmation(bare_window)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)
    assert sidebar.titles() == ["Mine"]


@pytest.mark.qt_log_ignore("This plugin does not support (raise|grabbing)")  # offscreen popups
def test_context_menu_offers_rename_and_delete(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    bare_services.history.create_conversation("First")
    bare_services.history.create_conversation("Second")
    sidebar = bare_window.sidebar
    sidebar.refresh()
    sidebar.list.setCurrentRow(0)
    viewport = sidebar.list.viewport()
    at = sidebar.list.visualItemRect(sidebar.list.item(1)).center()
    QApplication.sendEvent(viewport, QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, at, viewport.mapToGlobal(at)))

    menu = sidebar.list.findChild(QMenu, "conversationMenu")
    assert menu is not None
    qtbot.waitExposed(menu)
    assert [a.text() for a in menu.actions()] == ["Rename", "Delete…"]
    assert sidebar.titles()[sidebar.list.currentRow()] == "First"  # the item right-clicked
    menu.actions()[0].trigger()
    assert viewport.findChild(QLineEdit) is not None
    menu.close()


def test_rename_to_nothing_keeps_the_title(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    conversation = bare_services.history.create_conversation("Keep me").id
    sidebar = bare_window.sidebar
    sidebar.refresh()
    sidebar.list.setCurrentRow(0)
    sidebar.rename_current()
    editor = sidebar.list.viewport().findChild(QLineEdit)
    assert editor is not None
    editor.clear()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: sidebar.titles() == ["Keep me"])
    assert bare_services.history.conversation(conversation).title == "Keep me"


def _confirmation(bare_window: Any) -> QMessageBox:
    box = bare_window.findChild(QMessageBox, "confirmDelete")
    assert box is not None
    return box


def test_delete_asks_first_and_cancel_keeps_the_conversation(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    history = bare_services.history
    conversation = history.create_conversation("Keep").id
    history.add_message(conversation, "user", "hello")
    sidebar = bare_window.sidebar
    sidebar.refresh()
    click_item(qtbot, sidebar, 0)

    sidebar.delete_action.trigger()
    box = _confirmation(bare_window)
    qtbot.waitExposed(box)
    assert "Keep" in box.text()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    assert sidebar.titles() == ["Keep"]
    assert [m.content for m in history.messages(conversation)] == ["hello"]

    sidebar.delete_action.trigger()
    box = _confirmation(bare_window)
    delete = box.findChild(QPushButton, "confirmDeleteButton")
    with qtbot.waitSignal(sidebar.conversation_deleted, timeout=TIMEOUT_MS):
        qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)

    assert sidebar.titles() == []
    assert history.conversations() == []
    assert bare_window.chat.bubbles() == []  # the deleted conversation was the one shown
    assert bare_window.chat.conversation_id is None


def test_search_finds_chinese_words_inside_messages(
    qtbot: Any, bare_window: Any, bare_services: Any
) -> None:
    history = bare_services.history
    meeting = history.create_conversation("周五安排").id
    history.add_message(meeting, "user", "明天的会议室在哪里？")
    lunch = history.create_conversation("Lunch").id
    history.add_message(lunch, "user", "Where shall we eat?")
    sidebar = bare_window.sidebar
    sidebar.refresh()
    assert sidebar.titles() == ["Lunch", "周五安排"]

    sidebar.search.setText("会议")
    qtbot.waitUntil(lambda: sidebar.titles() == ["周五安排"], timeout=TIMEOUT_MS)

    sidebar.search.setText("eat")
    qtbot.waitUntil(lambda: sidebar.titles() == ["Lunch"], timeout=TIMEOUT_MS)

    sidebar.search.clear()
    qtbot.waitUntil(lambda: sidebar.titles() == ["Lunch", "周五安排"], timeout=TIMEOUT_MS)


def test_deleting_the_conversation_of_a_running_turn_stops_it_first(
    qtbot: Any, window: Any, server: Any, services: Any
) -> None:
    release = threading.Event()
    server.enqueue(Hold(["Working on it"], release))
    chat, sidebar = window.chat, window.sidebar
    try:
        qtbot.keyClicks(chat.input, "Plan the offsite")
        qtbot.keyClick(chat.input, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: len(chat.bubbles()) == 2, timeout=TIMEOUT_MS)
        assert sidebar.titles() == ["Plan the offsite"]

        sidebar.delete_action.trigger()
        box = _confirmation(window)
        delete = box.findChild(QPushButton, "confirmDeleteButton")
        with qtbot.waitSignal(sidebar.conversation_deleted, timeout=TIMEOUT_MS):
            qtbot.mouseClick(delete, Qt.MouseButton.LeftButton)

        assert not chat.turn_running
        assert chat.conversation_id is None
        assert chat.bubbles() == []
        assert sidebar.titles() == []
    finally:
        release.set()
    assert services.history.conversations() == []


def test_long_titles_are_elided_not_scrolled(qtbot: Any, window: Any, services: Any) -> None:
    from PySide6.QtCore import Qt

    services.history.create_conversation("A very long title " * 10)
    window.sidebar.refresh()
    policy = window.sidebar.list.horizontalScrollBarPolicy()
    assert policy == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert not window.sidebar.list.horizontalScrollBar().isVisible()
