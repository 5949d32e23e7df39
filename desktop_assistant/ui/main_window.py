"""The main window: conversations on the left, the chat on the right, menus and status bar."""

from __future__ import annotations

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

TITLE = "Desktop Assistant"
DEFAULT_SIZE = (1100, 720)
# Latin first, then the Chinese UI font of each platform; fontconfig fills in the rest.
FONT_FAMILIES = (
    '"Segoe UI", "Microsoft YaHei UI", "Helvetica Neue", "PingFang SC", "Noto Sans", '
    '"Noto Sans CJK SC", "Source Han Sans SC", "Ubuntu", "Cantarell", sans-serif'
)
MONO_FAMILIES = '"Cascadia Mono", "Consolas", "Menlo", "DejaVu Sans Mono", monospace'
STATUS_MESSAGE_MS = 8000

ACCENT = "#2563eb"
STYLE_SHEET = f"""
QWidget {{ font-family: {FONT_FAMILIES}; font-size: 14px; }}
QMainWindow, QDialog {{ background: #ffffff; }}
QPushButton {{
    background: #ffffff; color: #1f2937; border: 1px solid #d1d5db; border-radius: 8px;
    padding: 6px 14px;
}}
QPushButton:hover {{ background: #f3f4f6; }}
QPushButton:disabled {{ color: #9ca3af; }}
QDialog QPushButton:default {{ background: {ACCENT}; color: #ffffff; border-color: {ACCENT}; }}
QDialog QLineEdit {{
    border: 1px solid #d1d5db; border-radius: 6px; padding: 5px 8px; background: #ffffff;
}}
QDialog QLineEdit:focus {{ border-color: {ACCENT}; }}
QDialog QComboBox {{ padding: 4px 8px; }}
#dialogIntro {{ color: #374151; }}
#keyNote {{ color: #6b7280; font-size: 12px; }}
#memoryScroll, #memoryRows {{ background: transparent; }}
QTabWidget::pane {{ border: 1px solid #e5e7eb; border-radius: 8px; top: -1px; }}
QTabBar::tab {{
    padding: 7px 16px; border: none; color: #6b7280; background: transparent;
}}
QTabBar::tab:selected {{ color: {ACCENT}; border-bottom: 2px solid {ACCENT}; }}
#sidebar {{ background: #f3f4f6; border-right: 1px solid #e5e7eb; }}
#sidebar QLineEdit {{
    background: #ffffff; border: 1px solid #d1d5db; border-radius: 8px; padding: 6px 10px;
}}
#sidebar QLineEdit:focus {{ border-color: {ACCENT}; }}
#newButton {{
    background: {ACCENT}; color: white; border: none; border-radius: 8px;
    padding: 8px 12px; font-weight: 600;
}}
#newButton:hover {{ background: #1d4ed8; }}
#conversationList {{ background: transparent; border: none; outline: none;
                     qproperty-horizontalScrollBarPolicy: ScrollBarAlwaysOff; }}
#conversationList::item {{ padding: 8px 10px; border-radius: 8px; color: #1f2937; }}
#conversationList::item:hover {{ background: #e5e7eb; }}
#conversationList::item:selected {{ background: #dbeafe; color: #1e3a8a; }}
#chatScroll, #chatCanvas, #chatColumn, #messageRow {{ background: #ffffff; }}
#chatScroll {{ qproperty-horizontalScrollBarPolicy: ScrollBarAlwaysOff; }}
#chatInput {{ qproperty-verticalScrollBarPolicy: ScrollBarAlwaysOff; }}
#emptyState {{ color: #6b7280; padding: 80px 20px; qproperty-alignment: AlignCenter; }}
#userBubble {{ background: {ACCENT}; border-radius: 16px; border-bottom-right-radius: 4px; }}
#userBubble #bubbleText {{ color: #ffffff; }}
#assistantBubble {{
    background: #f9fafb; border: 1px solid #e5e7eb; border-radius: 16px;
    border-bottom-left-radius: 4px;
}}
#assistantBubble #bubbleText {{ color: #111827; }}
#errorBubble {{ background: #fef2f2; border: 1px solid #fecaca; border-radius: 12px; }}
#errorBubble #bubbleText {{ color: #991b1b; }}
#errorBubble #bubbleHeader {{ color: #b91c1c; }}
#bubbleHeader {{ color: #6b7280; font-size: 12px; font-weight: 600; }}
#aiBadge {{
    background: #ede9fe; color: #5b21b6; border-radius: 6px; padding: 0px 6px;
    font-size: 11px; font-weight: 700;
}}
#bubbleStatus {{ color: #b45309; font-size: 12px; font-style: italic; }}
#thinking {{ color: #6b7280; font-style: italic; padding-left: 6px; }}
#privacyNote {{ color: #047857; font-size: 12px; padding-left: 6px; }}
#toolCallCard {{
    background: #ffffff; border: 1px solid #e5e7eb; border-left: 3px solid #9ca3af;
    border-radius: 10px;
}}
#toolCallCard[state="ok"] {{ border-left-color: #16a34a; }}
#toolCallCard[state="error"] {{ border-left-color: #dc2626; }}
#toolCallCard[state="undone"] {{ border-left-color: #6b7280; }}
#cardKind {{ color: #6b7280; font-size: 12px; font-weight: 600; }}
#toolCall {{ font-family: {MONO_FAMILIES}; font-size: 12px;
             color: #374151; }}
#toolResult {{ color: #4b5563; font-size: 12px; }}
#confirmationCard {{
    background: #fffbeb; border: 1px solid #fcd34d; border-radius: 12px;
}}
#confirmationCard[state="allowed"] {{ background: #f0fdf4; border-color: #86efac; }}
#confirmationCard[state="refused"] {{ background: #f9fafb; border-color: #e5e7eb; }}
#cardTitle {{ color: #92400e; font-weight: 700; }}
#cardTool {{ font-family: {MONO_FAMILIES}; color: #6b7280;
             font-size: 12px; }}
#confirmationSummary {{ color: #111827; font-size: 14px; }}
#confirmationDecision {{ color: #374151; font-weight: 600; }}
#allowButton {{
    background: #16a34a; color: white; border: none; border-radius: 8px; padding: 6px 16px;
    font-weight: 600;
}}
#allowButton:hover {{ background: #15803d; }}
#refuseButton, #undoButton {{
    background: #ffffff; color: #374151; border: 1px solid #d1d5db; border-radius: 8px;
    padding: 6px 14px;
}}
#refuseButton:hover, #undoButton:hover {{ background: #f3f4f6; }}
#composer {{ background: #ffffff; border: 1px solid #d1d5db; border-radius: 14px; }}
#chatInput {{ background: transparent; border: none; color: #111827; }}
#sendButton {{
    background: {ACCENT}; color: white; border: none; border-radius: 10px;
    padding: 7px 18px; font-weight: 600;
}}
#sendButton:hover {{ background: #1d4ed8; }}
#sendButton:disabled {{ background: #93c5fd; }}
#sendButton[stop="true"] {{ background: #dc2626; }}
#sendButton[stop="true"]:hover {{ background: #b91c1c; }}
#errorBanner {{ background: #fef2f2; border-bottom: 1px solid #fecaca; }}
#errorBanner QLabel {{ color: #991b1b; }}
#errorBanner[warning="true"] {{ background: #fffbeb; border-bottom-color: #fcd34d; }}
#errorBanner[warning="true"] QLabel {{ color: #92400e; }}
#statusLabel[state="ok"] {{ color: #15803d; }}
#statusLabel[state="error"] {{ color: #b91c1c; }}
#statusLabel[state="warning"] {{ color: #b45309; }}
#statusLabel[state="busy"] {{ color: #6b7280; }}
#memoryRow {{ background: #f9fafb; border: 1px solid #e5e7eb; border-radius: 8px; }}
QStatusBar {{ background: #f9fafb; color: #6b7280; border-top: 1px solid #e5e7eb; }}
QSplitter::handle {{ background: #e5e7eb; }}
#slotChoices {{
    background: #ffffff; border: 1px solid #e5e7eb; border-left: 3px solid {ACCENT};
    border-radius: 10px;
}}
#draftCard {{
    background: #ffffff; border: 1px solid #e5e7eb; border-left: 3px solid #7c3aed;
    border-radius: 10px;
}}
#draftCard QLineEdit, #draftBody {{
    background: #ffffff; border: 1px solid #d1d5db; border-radius: 6px; padding: 4px 6px;
}}
#draftCard QLineEdit[invalid="true"] {{ border-color: #dc2626; background: #fef2f2; }}
#draftProblems {{ color: #b91c1c; font-size: 12px; }}
#draftSaved, #draftFiles {{ color: #6b7280; font-size: 12px; }}
#draftConfirm {{ color: #92400e; font-weight: 600; }}
#slotButton {{
    background: #eff6ff; color: #1e40af; border: 1px solid #bfdbfe; border-radius: 8px;
    padding: 6px 12px;
}}
#slotButton:hover {{ background: #dbeafe; }}
#slotButton[chosen="true"] {{ background: {ACCENT}; color: #ffffff; border-color: {ACCENT}; }}
#slotButton:disabled {{ color: #93c5fd; }}
QDockWidget::title {{
    background: #f9fafb; padding: 8px 12px; border-bottom: 1px solid #e5e7eb;
}}
#agendaView, #agendaScroll, #agendaRows {{ background: #ffffff; }}
#agendaToday {{ padding: 4px 12px; }}
#agendaPeriod {{ color: #111827; font-weight: 600; }}
#agendaDayTitle {{ color: #6b7280; font-size: 12px; font-weight: 700; padding-top: 8px; }}
#agendaEvent {{
    background: #f9fafb; border: 1px solid #e5e7eb; border-left: 3px solid {ACCENT};
    border-radius: 8px;
}}
#agendaEvent[allDay="true"] {{ border-left-color: #16a34a; }}
#agendaTime {{ color: #374151; font-size: 12px; font-weight: 600; }}
#agendaTitle {{ color: #111827; font-weight: 600; }}
#agendaDetail {{ color: #4b5563; font-size: 12px; }}
#agendaMessage {{ color: #6b7280; padding: 24px 8px; }}
#agendaMessage[state="error"] {{ color: #b91c1c; }}
#agendaNote {{ color: #6b7280; font-size: 12px; }}
#agendaNote[state="error"] {{ color: #b45309; }}
#calendarScroll, #calendarPage {{ background: transparent; }}
#workDays QToolButton, #agendaView QToolButton {{
    border: 1px solid #d1d5db; border-radius: 6px; padding: 4px 10px; background: #ffffff;
}}
#workDays QToolButton:hover, #agendaView QToolButton:hover {{ background: #f3f4f6; }}
#workDays QToolButton:checked, #agendaView QToolButton:checked {{
    background: #dbeafe; color: #1e3a8a; border-color: #93c5fd;
}}
#workDays QToolButton {{ padding: 4px 6px; min-width: 30px; }}
QDialog QGroupBox {{
    border: 1px solid #e5e7eb; border-radius: 8px; margin-top: 14px; padding: 12px 10px 8px 10px;
}}
QDialog QGroupBox::title {{
    subcontrol-origin: margin; left: 10px; padding: 0 4px; color: #374151; font-weight: 600;
}}
#contactsTable, #fileStatusTable, #documentFolders {{
    border: 1px solid #e5e7eb; border-radius: 8px; alternate-background-color: #f9fafb;
    selection-background-color: #dbeafe; selection-color: #1e3a8a;
}}
#indexingIndicator {{ color: {ACCENT}; border: none; padding: 0px 10px; background: transparent; }}
#indexingIndicator:hover {{ text-decoration: underline; }}
#indexingBar {{
    border: none; border-radius: 4px; background: #e5e7eb; color: #374151; font-size: 12px;
    text-align: center; min-height: 16px; max-height: 16px;
}}
#indexingBar::chunk {{ background: #93c5fd; border-radius: 4px; }}
#indexingCurrent, #indexingCounts, #fileStatusCounts, #searchNote {{
    color: #6b7280; font-size: 12px;
}}
#searchPanel QLineEdit {{ font-size: 16px; padding: 8px 10px; }}
#searchResults {{ border: none; background: #ffffff; outline: none; }}
#contactsTable QHeaderView::section, #fileStatusTable QHeaderView::section {{
    background: #ffffff; color: #6b7280; border: none; border-bottom: 1px solid #e5e7eb;
    padding: 6px 8px; font-size: 12px; font-weight: 600;
}}
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: #d1d5db; border-radius: 3px; min-height: 32px; }}
QScrollBar::handle:vertical:hover {{ background: #9ca3af; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
"""


class ErrorBanner(QFrame):
    """A dismissible line at the top of the window for errors the person should see."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("errorBanner")
        self.label = QLabel()
        self.label.setWordWrap(True)
        close = QToolButton()
        close.setText("✕")
        close.setAccessibleName("Dismiss")
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
    """Conversation sidebar | chat panel, with New (Ctrl+N), Settings (Ctrl+,), Stop (Esc) and
    Search documents (Ctrl+K); document indexing runs in the background (``indexing``).

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
        self.setWindowTitle(TITLE)
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(640, 420)
        self.setStyleSheet(STYLE_SHEET)

        self.sidebar = ConversationList(services, load=load_history)
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

    def _build_actions(self) -> None:
        self.new_action = QAction("&New conversation", self)
        set_keys(self.new_action, "Ctrl+N")
        self.new_action.triggered.connect(self.new_conversation)
        self.settings_action = QAction("&Settings…", self)
        set_keys(self.settings_action, "Ctrl+,")
        self.settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.settings_action.triggered.connect(self.open_settings)
        self.stop_action = QAction("S&top", self)
        set_keys(self.stop_action, "Esc")
        self.stop_action.setEnabled(False)
        self.stop_action.triggered.connect(self.chat.stop)
        self.quit_action = QAction("&Quit", self)
        set_keys(self.quit_action, QKeySequence.StandardKey.Quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.triggered.connect(self.quit)

        file_menu = self.menuBar().addMenu("&File")
        file_menu.addAction(self.new_action)
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        chat_menu = self.menuBar().addMenu("&Chat")
        chat_menu.addAction(self.stop_action)
        self.agenda_action = QAction("&Agenda", self)
        self.agenda_action.setCheckable(True)
        set_keys(self.agenda_action, "Ctrl+Shift+A")
        self.agenda_action.toggled.connect(lambda shown: self.agenda.setVisible(shown))
        self.import_calendar_action = QAction("&Import .ics file…", self)
        self.import_calendar_action.triggered.connect(self.choose_calendar_file)
        calendar_menu = self.menuBar().addMenu("C&alendar")
        calendar_menu.addAction(self.agenda_action)
        calendar_menu.addAction(self.import_calendar_action)
        self.search_action = QAction("&Search documents…", self)
        set_keys(self.search_action, "Ctrl+K")
        self.search_action.triggered.connect(self.open_search)
        self.folders_action = QAction("Document &folders…", self)
        self.folders_action.triggered.connect(lambda: self.open_settings(documents=True))
        documents_menu = self.menuBar().addMenu("&Documents")
        documents_menu.addAction(self.search_action)
        documents_menu.addAction(self.folders_action)
        for action in (self.new_action, self.settings_action, self.stop_action, self.quit_action,
                       self.agenda_action, self.search_action):
            self.addAction(action)
        WindowShortcuts([self.search_action], self).watch(self.chat.input, self.sidebar.search)

    # Reactions ----------------------------------------------------------------------------

    def new_conversation(self) -> None:
        self.chat.new_conversation()
        self.sidebar.select(None)

    def open_conversation(self, conversation_id: int) -> None:
        """Show a stored conversation, selected in the sidebar (a notification's Open)."""
        if not self.services.history.has_conversation(conversation_id):
            self.banner.show_message("That conversation was deleted.", warning=True)
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
            self.model_label.setText(f"Model: {settings.model} · {where}")
        else:
            self.model_label.setText("No model configured: File → Settings")

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

        name, _ = QFileDialog.getOpenFileName(self, "Import a calendar file", "",
                                              "iCalendar files (*.ics *.ical);;All files (*)")
        if name:
            self.agenda.show()
            self.agenda.view.import_file(Path(name))

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
