"""The main window: conversations on the left, the chat on the right, menus and status bar.

Every action has a menu entry and most a key (listed by Help → Keyboard shortcuts, F1); F6 moves
the focus between the sidebar, the conversation and the message box. The look comes from the
theme (ui/theme.py): the application's palette and style sheet, for the window and dialogs.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.ui.chat_view import ChatView
from desktop_assistant.ui.conversation_list import ConversationList
from desktop_assistant.ui.indexing import DocumentIndexing, IndexingIndicator
from desktop_assistant.ui.shortcuts import WindowShortcuts, set_keys
from desktop_assistant.ui.status import restyle
from desktop_assistant.ui.workers import errors

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.ui.agenda_view import AgendaDock
    from desktop_assistant.ui.background import Background
    from desktop_assistant.ui.search_panel import SearchPanel

DEFAULT_SIZE = (1100, 720)
STATUS_MESSAGE_MS = 8000


class ErrorBanner(QFrame):
    """A dismissible line at the top of the window for errors the person should see."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QToolButton()
        close.setObjectName("dismissBanner")
        close.setText("✕")
        close.setAccessibleName(self.tr("Dismiss"))
        close.setToolTip(self.tr("Dismiss"))
        close.setAutoRaise(True)
        close.clicked.connect(self.hide)
        top_right = QVBoxLayout()
        top_right.addWidget(close)
        top_right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 8, 8, 8)
        layout.addWidget(self.label, 1)
        layout.addLayout(top_right)
        self.hide()

    def show_message(self, message: str, *, warning: bool = False) -> None:
        self.label.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setText(message)
        self.setProperty("warning", warning)
        restyle(self)
        self.show()


class MainWindow(QMainWindow):
    """Conversation sidebar | chat panel, with New (Ctrl+N), Settings (Ctrl+,), Stop (Esc),
    Search documents (Ctrl+K), the message box (Ctrl+L), the next pane (F6) and the shortcut
    list (F1); document indexing runs in the background (``indexing``).

    Closing it asks ``close_to_background`` (set while the app runs in the tray): when that
    hides the window and says True, the app keeps running. File → Quit closes it for real;
    ``closed`` follows a real close."""

    closed = Signal()

    def __init__(
        self, services: Services, parent: QWidget | None = None, *, load_history: bool = True
    ) -> None:
        """``load_history=False`` leaves the conversation list to ``load_history()``, so the
        window can paint before the database is opened (as ``application.launch`` does)."""
        super().__init__(parent)
        self.services = services
        title = self.tr("Desktop Assistant")
        if os.environ.get("DESKTOP_ASSISTANT_DEMO") == "1":  # demo.is_demo, without its imports
            title = self.tr("{title} (demo)").format(title=title)
        self.setWindowTitle(title)
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(640, 420)

        self.sidebar = ConversationList(services, load=load_history)
        self.sidebar.setAccessibleName(self.tr("Conversations sidebar"))
        self.chat = ChatView(services)
        self.splitter = QSplitter()  # horizontal
        self.splitter.setObjectName("mainSplitter")
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setHandleWidth(1)
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.chat)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([270, DEFAULT_SIZE[0] - 270])
        self.sidebar.setMinimumWidth(200)

        self.banner = ErrorBanner()
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)

        self.model_label = QLabel()
        self.model_label.setObjectName("modelLabel")
        self.model_label.setAccessibleName(self.tr("Model in use"))
        self.statusBar().addPermanentWidget(self.model_label)
        self.statusBar().setSizeGripEnabled(False)
        if load_history:
            self._update_model_label()

        self._agenda: AgendaDock | None = None  # built when first opened
        self.indexing = DocumentIndexing(services, self)
        self.indexing.running_changed.connect(self._show_indexing)
        self._search_panel: SearchPanel | None = None  # built when first opened
        self.background: Background | None = None  # reminders, tray … (after first paint)
        self.close_to_background: Callable[[], bool] | None = None
        self._quitting = False

        self._build_actions()
        self.sidebar.conversation_selected.connect(self.chat.load_conversation)
        self.sidebar.new_requested.connect(self.new_conversation)
        self.sidebar.about_to_delete.connect(self._leave_before_delete)
        self.chat.conversation_changed.connect(self._conversation_changed)
        self.chat.busy_changed.connect(self.stop_action.setEnabled)
        self.chat.settings_requested.connect(self.open_settings)
        self.chat.conversation_changed.connect(self._refresh_agenda)
        errors.reported.connect(self.show_error)
        self.chat.setFocus()

    def load_history(self) -> None:
        """Read the settings and the history: the model in the status bar and the list of
        conversations (right after the first paint)."""
        self._update_model_label()
        self.sidebar.refresh()

    def _action(self, name: str, text: str, keys: tuple[str | QKeySequence.StandardKey, ...],
                slot: Callable[[], object] | None) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if keys:
            set_keys(action, *keys)
        if slot is not None:
            action.triggered.connect(lambda *_: slot())
        self.addAction(action)  # its keys work while the menu bar is hidden (macOS, tests)
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action("newAction", self.tr("&New conversation"), ("Ctrl+N",),
                                       self.new_conversation)
        # macOS: Cmd+, (the platform's Preferences key); elsewhere Ctrl+, as well.
        self.settings_action = self._action(
            "settingsAction", self.tr("&Settings…"),
            (QKeySequence.StandardKey.Preferences, "Ctrl+,"), self.open_settings)
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.quit_action = self._action("quitAction", self.tr("&Quit"),
                                        (QKeySequence.StandardKey.Quit,), self.quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.focus_input_action = self._action(
            "focusInputAction", self.tr("&Write a message"), ("Ctrl+L",), self.focus_input)
        self.stop_action = self._action("stopAction", self.tr("S&top the answer"), ("Esc",),
                                        self.chat.stop)
        self.stop_action.setEnabled(False)
        self.next_pane_action = self._action(
            "nextPaneAction", self.tr("Next &pane"), ("F6",), lambda: self.move_focus(1))
        self.previous_pane_action = self._action(
            "previousPaneAction", self.tr("Pre&vious pane"), ("Shift+F6",),
            lambda: self.move_focus(-1))
        self.agenda_action = self._action("agendaAction", self.tr("&Agenda"),
                                          ("Ctrl+Shift+A",), None)
        self.agenda_action.setCheckable(True)
        self.agenda_action.toggled.connect(lambda shown: self.agenda.setVisible(shown))
        self.import_calendar_action = self._action(
            "importCalendarAction", self.tr("&Import .ics file…"), (), self.choose_calendar_file)
        self.search_action = self._action("searchAction", self.tr("&Search documents…"),
                                          ("Ctrl+K",), self.open_search)
        self.folders_action = self._action("foldersAction", self.tr("Document &folders…"), (),
                                           lambda: self.open_settings(documents=True))
        self.shortcuts_action = self._action(
            "shortcutsAction", self.tr("&Keyboard shortcuts"),
            (QKeySequence.StandardKey.HelpContents, "F1"), self.show_shortcuts)
        self.about_action = self._action("aboutAction", self.tr("&About Desktop Assistant"), (),
                                         self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        menus = (
            (self.tr("&File"), "fileMenu", (self.new_action, self.settings_action, None,
                                            self.quit_action)),
            (self.tr("&Chat"), "chatMenu", (self.focus_input_action, self.stop_action, None,
                                            self.next_pane_action, self.previous_pane_action)),
            (self.tr("C&alendar"), "calendarMenu", (self.agenda_action,
                                                    self.import_calendar_action)),
            (self.tr("&Documents"), "documentsMenu", (self.search_action, self.folders_action)),
            (self.tr("&Help"), "helpMenu", (self.shortcuts_action, self.about_action)),
        )
        for title, name, actions in menus:
            menu = self.menuBar().addMenu(title)
            menu.setObjectName(name)
            for action in actions:
                if action is None:
                    menu.addSeparator()
                else:
                    menu.addAction(action)
        WindowShortcuts([self.search_action, self.focus_input_action], self).watch(
            self.chat.input, self.sidebar.search)

    # Reactions ----------------------------------------------------------------------------

    def new_conversation(self) -> None:
        self.chat.new_conversation()
        self.sidebar.select(None)

    def focus_input(self) -> None:
        """Ctrl+L: the cursor to the message box, from wherever the focus is."""
        self.chat.input.setFocus()

    def panes(self) -> list[QWidget]:
        """What F6 moves between, left to right: the conversation list, the conversation, the
        message box, and the agenda when it is shown."""
        panes: list[QWidget] = [self.sidebar.list, self.chat.scroll_area, self.chat.input]
        if self._agenda is not None and not self._agenda.isHidden():
            panes.append(self._agenda)
        return panes

    def move_focus(self, step: int) -> None:
        """F6 / Shift+F6: the focus to the next (``step`` 1) or previous (-1) pane."""
        panes = self.panes()
        focused = self.focusWidget()
        current = next((index for index, pane in enumerate(panes)
                        if focused is pane or (focused is not None and pane.isAncestorOf(focused))),
                       -1 if step > 0 else 0)
        target = panes[(current + step) % len(panes)]
        target.setFocus()
        if self.focusWidget() is not target:  # the agenda dock: its first control
            takes_tab = QtCore.Qt.FocusPolicy.TabFocus
            for child in target.findChildren(QWidget):
                if child.isVisible() and child.isEnabled() and child.focusPolicy() & takes_tab:
                    child.setFocus()
                    break

    def open_conversation(self, conversation_id: int) -> None:
        """Show a stored conversation, selected in the sidebar (a notification's Open)."""
        if not self.services.history.has_conversation(conversation_id):
            self.banner.show_message(self.tr("That conversation was deleted."), warning=True)
            return
        self.chat.load_conversation(conversation_id)
        self.sidebar.refresh(select=conversation_id)

    def bring_forward(self) -> None:
        """Show the window in front (a second start of the app, the tray, a notification)."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def _conversation_changed(self, _conversation_id: int) -> None:
        self.sidebar.refresh(select=self.chat.conversation_id)

    def _leave_before_delete(self, conversation_id: int) -> None:
        """Leave the conversation (stopping its turn) before it is deleted."""
        if self.chat.conversation_id == conversation_id:
            self.chat.new_conversation()

    def show_error(self, message: str) -> None:
        self.banner.show_message(message)

    @property
    def agenda(self) -> AgendaDock:
        """The agenda dock, built the first time it is wanted (not before the first paint)."""
        if self._agenda is None:
            from desktop_assistant.ui.agenda_view import AgendaDock

            self._agenda = AgendaDock(self.services, self)
            self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self._agenda)
            self._agenda.hide()
            self._agenda.visibilityChanged.connect(self.agenda_action.setChecked)
        return self._agenda

    def _refresh_agenda(self, *_: object) -> None:
        if self._agenda is not None:
            self._agenda.refresh()

    def show_saved(self, message: str, warning: bool) -> None:
        self._update_model_label()
        self.sidebar.refresh()  # a shorter retention may have removed conversations
        self._refresh_agenda()  # the calendar or the time zone may have changed
        if self.background is not None:
            self.background.clock.check_now()  # zone, quiet hours, lead time, briefing time
        if warning:
            self.banner.show_message(message, warning=True)
        else:
            self.statusBar().showMessage(message, STATUS_MESSAGE_MS)

    def _update_model_label(self) -> None:
        settings = self.services.settings
        if settings.configured:
            where = settings.base_url or "OpenAI"
            self.model_label.setText(self.tr("Model: {model} · {where}").format(
                model=settings.model, where=where))
        else:
            self.model_label.setText(self.tr("No model configured: File → Settings"))

    # Dialogs ------------------------------------------------------------------------------

    def open_settings(self, *, documents: bool = False) -> None:
        from desktop_assistant.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.services, indexing=self.indexing, parent=self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.show_saved)
        if documents:
            dialog.show_documents()
        dialog.open()

    def open_search(self) -> None:
        """Ctrl+K: search the documents without a model (the panel is built on first use)."""
        if self._search_panel is None:
            from desktop_assistant.ui.search_panel import SearchPanel

            panel = self._search_panel = SearchPanel(self.services, self)
            panel.settings_requested.connect(lambda: self.open_settings(documents=True))
            self.indexing.refreshed.connect(lambda _: panel.refresh())
            self.indexing.finished.connect(lambda _: panel.refresh())
        self._search_panel.show_over(self)

    def _show_indexing(self, running: bool) -> None:
        """The status bar's indexing indicator, made when the first run starts."""
        if running and self.findChild(IndexingIndicator) is None:
            indicator = IndexingIndicator(self.indexing)
            indicator.clicked.connect(lambda: self.open_settings(documents=True))
            self.statusBar().insertPermanentWidget(0, indicator)

    def choose_calendar_file(self) -> None:
        """Pick an .ics file to import into the local calendar, and show the agenda."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import a calendar file"), "",
            self.tr("iCalendar files (*.ics *.ical);;All files (*)"))
        if name:
            self.agenda.show()
            self.agenda.view.import_file(Path(name))

    def show_shortcuts(self) -> None:
        """F1: the list of keyboard shortcuts."""
        from desktop_assistant.ui.help_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self.shortcut_actions(), self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def shortcut_actions(self) -> list[QAction]:
        """The actions with keys, as the shortcut list shows them: the window's, then the
        conversation list's."""
        actions = [self.new_action, self.focus_input_action, self.search_action,
                   self.stop_action, self.settings_action, self.next_pane_action,
                   self.previous_pane_action, self.agenda_action, self.shortcuts_action,
                   self.sidebar.rename_action, self.sidebar.delete_action, self.quit_action]
        return [action for action in actions if action.shortcuts()]

    def show_about(self) -> None:
        from desktop_assistant.ui.about_dialog import AboutDialog

        dialog = AboutDialog(self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    def open_setup(self, *, first_run: bool = False) -> None:
        from desktop_assistant.ui.setup_dialog import SetupDialog

        dialog = SetupDialog(self.services, first_run=first_run, parent=self)
        dialog.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.saved.connect(self.show_saved)
        dialog.open()

    # Lifetime -----------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Stop the running turn and indexing; the workers then end by themselves."""
        self.indexing.shutdown()
        self.chat.shutdown()

    def quit(self) -> None:
        """File → Quit: close for real, even when closing keeps the app in the tray."""
        self._quitting = True
        if not self.close():
            self._quitting = False

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        keep = self.close_to_background
        if not self._quitting and keep is not None and keep():
            event.ignore()
            return
        self.shutdown()
        super().closeEvent(event)
        self.closed.emit()
