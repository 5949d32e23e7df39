"""The sidebar: search, the conversations (most recent first), new, rename and delete.

Search runs 200 ms after the last keystroke; it is one indexed SQLite FTS query, so it runs
in the GUI thread. Renaming is inline (F2 or the context menu); deleting asks first.

Built before the window's first paint, so nothing here touches ``QtCore.Qt`` until it runs
(see ``application``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction, QContextMenuEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.ui.shortcuts import set_keys

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.history import Conversation

SEARCH_DELAY_MS = 200
ID_ROLE = 0x0100  # Qt.ItemDataRole.UserRole


class ConversationView(QListWidget):
    """The list itself. Its keys (F2 renames, Delete deletes) are handled here rather than as
    widget-context shortcuts, so they act only when the list has focus, on every platform; the
    context menu offers the same actions with their keys shown."""

    def __init__(self, actions: tuple[QAction, ...]) -> None:
        super().__init__()
        self.menu_actions = actions

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        pressed = QKeySequence(event.keyCombination())
        for action in self.menu_actions:
            if action.isEnabled() and pressed in action.shortcuts():
                action.trigger()
                event.accept()
                return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 - Qt API
        item = self.itemAt(self.viewport().mapFromGlobal(event.globalPos()))
        if item is None:
            return
        self.setCurrentItem(item)
        menu = QMenu(self)
        menu.setObjectName("conversationMenu")
        menu.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.addActions(list(self.menu_actions))
        menu.popup(event.globalPos())


class ConversationList(QWidget):
    """Lists conversations; selecting one asks the window to show it."""

    conversation_selected = Signal(int)
    new_requested = Signal()
    #: Emitted just before a conversation is deleted, so a turn running in it can stop first.
    about_to_delete = Signal(int)
    conversation_deleted = Signal(int)
    conversation_renamed = Signal(int, str)

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, load: bool = True
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self._services = services
        self._filling = False
        self._waiting_refresh = False

        self.new_button = QPushButton(self.tr("New conversation"))
        self.new_button.setObjectName("newButton")
        self.new_button.setAccessibleName(self.tr("New conversation"))
        self.new_button.clicked.connect(self.new_requested)

        self.search = QLineEdit()
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search conversations"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.refresh)
        self.search.textChanged.connect(self._search_timer.start)

        self.rename_action = QAction(self.tr("Rename"), self)
        set_keys(self.rename_action, "F2")
        self.rename_action.triggered.connect(self.rename_current)
        self.delete_action = QAction(self.tr("Delete…"), self)
        set_keys(self.delete_action, QKeySequence.StandardKey.Delete)
        self.delete_action.triggered.connect(self.delete_current)

        self.list = ConversationView((self.rename_action, self.delete_action))
        self.list.setObjectName("conversationList")
        self.list.setAccessibleName(self.tr("Conversations"))
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Long titles are elided (the default), never scrolled sideways: the style sheet's
        # qproperty-horizontalScrollBarPolicy, in MainWindow.
        self.list.setUniformItemSizes(True)
        self.list.currentItemChanged.connect(self._current_changed)
        self.list.itemChanged.connect(self._item_edited)

        self.list.itemDelegate().closeEditor.connect(self._editor_closed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 12, 12, 12)
        layout.setSpacing(10)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        if load:
            self.refresh()

    # Reading ------------------------------------------------------------------------------

    def conversation_ids(self) -> list[int]:
        """The ids shown, top to bottom."""
        return [int(self.list.item(i).data(ID_ROLE)) for i in range(self.list.count())]

    def titles(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count())]

    def current_id(self) -> int | None:
        item = self.list.currentItem()
        return None if item is None else int(item.data(ID_ROLE))

    def _item_for(self, conversation_id: int) -> QListWidgetItem | None:
        for i in range(self.list.count()):
            item = self.list.item(i)
            if int(item.data(ID_ROLE)) == conversation_id:
                return item
        return None

    # Filling ------------------------------------------------------------------------------

    def refresh(self, select: int | None = None) -> None:
        """Reload the list (keeping the search), selecting ``select`` or the current one.

        While a title is being edited the refresh waits, so the editor is not lost.
        """
        if select is None:
            select = self.current_id()
        if self.list.state() == QAbstractItemView.State.EditingState:
            self._waiting_refresh = True
            return
        self._waiting_refresh = False
        query = self.search.text().strip()
        history = self._services.history
        conversations = (
            history.matching_conversations(query) if query else history.conversations()
        )
        self._fill(conversations, select)

    def _fill(self, conversations: list[Conversation], select: int | None) -> None:
        from desktop_assistant.history import DEFAULT_TITLE

        self._filling = True
        try:
            self.list.clear()
            for conversation in conversations:
                # The stored default title is a marker, shown in the interface language.
                title = (self.tr("New conversation") if conversation.title == DEFAULT_TITLE
                         else conversation.title)
                item = QListWidgetItem(title)
                item.setData(ID_ROLE, conversation.id)
                item.setToolTip(self.tr("{title}\nLast active {when}").format(
                    title=title, when=conversation.updated_at[:16].replace("T", " ")))
                item.setFlags(item.flags() | QtCore.Qt.ItemFlag.ItemIsEditable)
                self.list.addItem(item)
            chosen = None if select is None else self._item_for(select)
            if chosen is not None:
                self.list.setCurrentItem(chosen)
            else:
                self.list.setCurrentRow(-1)
        finally:
            self._filling = False

    def select(self, conversation_id: int | None) -> None:
        """Mark ``conversation_id`` as the one shown, without asking to load it again."""
        self._filling = True
        try:
            item = None if conversation_id is None else self._item_for(conversation_id)
            if item is None:
                self.list.setCurrentRow(-1)
                self.list.clearSelection()
            else:
                self.list.setCurrentItem(item)
        finally:
            self._filling = False

    def _current_changed(
        self, current: QListWidgetItem | None, _previous: QListWidgetItem | None
    ) -> None:
        if self._filling or current is None:
            return
        self.conversation_selected.emit(int(current.data(ID_ROLE)))

    # Rename -------------------------------------------------------------------------------

    def rename_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _item_edited(self, item: QListWidgetItem) -> None:
        if self._filling:
            return
        conversation_id = int(item.data(ID_ROLE))
        title = " ".join(item.text().split())
        history = self._services.history
        try:
            if not title:
                raise ValueError("A conversation needs a title.")
            renamed = history.rename_conversation(conversation_id, title)
        except (ValueError, LookupError):
            QTimer.singleShot(0, self, lambda: self.refresh(select=conversation_id))
            return
        self.conversation_renamed.emit(conversation_id, renamed.title)
        QTimer.singleShot(0, self, lambda: self.refresh(select=conversation_id))

    # Delete -------------------------------------------------------------------------------

    def delete_current(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        conversation_id = int(item.data(ID_ROLE))
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            self.tr("Delete conversation"),
            self.tr("Delete “{title}” and all its messages? This cannot be undone.").format(
                title=item.text()),
            QMessageBox.StandardButton.NoButton,
            self,
        )
        box.setObjectName("confirmDelete")
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDeleteButton")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)

        def answered() -> None:
            if box.clickedButton() is delete:
                self._delete(conversation_id)

        box.finished.connect(answered)
        box.open()

    def _delete(self, conversation_id: int) -> None:
        was_current = self.current_id() == conversation_id
        self.about_to_delete.emit(conversation_id)
        self._services.history.delete_conversation(conversation_id)
        self.refresh(select=None if was_current else self.current_id())
        self.conversation_deleted.emit(conversation_id)

    def _editor_closed(self, *_: object) -> None:
        # A refresh that waited for the editor runs now (after the edit is committed).
        if self._waiting_refresh:
            QTimer.singleShot(0, self, self.refresh)
