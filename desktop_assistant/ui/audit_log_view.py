"""The audit log, viewable: every tool call the assistant made, when, with which arguments,
how it was approved and what came of it.

A table (newest first) with a detail pane showing the arguments and the result as readable
JSON (Chinese as it is). Filter by words or by tool; entries load in a worker, a page at a
time ("Load older").
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.forms import line_edit
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.history import AuditEntry

PAGE = 200
FILTER_DELAY_MS = 250
# Shown translated (context "AuditLogDialog"); entries store the English values.
COLUMNS = (QT_TRANSLATE_NOOP("AuditLogDialog", "When"), QT_TRANSLATE_NOOP("AuditLogDialog", "Tool"),
           QT_TRANSLATE_NOOP("AuditLogDialog", "Effect"),
           QT_TRANSLATE_NOOP("AuditLogDialog", "Approval"),
           QT_TRANSLATE_NOOP("AuditLogDialog", "Outcome"))
EFFECT_LABELS = {"read": QT_TRANSLATE_NOOP("AuditLogDialog", "read"),
                 "local": QT_TRANSLATE_NOOP("AuditLogDialog", "local (your data)"),
                 "external": QT_TRANSLATE_NOOP("AuditLogDialog",
                                               "external (others, calendars, mail)")}
#: The stored values of the table's columns that have a translation (others show as stored).
STORED_WORDS = {
    QT_TRANSLATE_NOOP("AuditLogDialog", "local"), QT_TRANSLATE_NOOP("AuditLogDialog", "external"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "automatic"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "automatic (Settings → Privacy)"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "approved in advance (--yes)"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "approved by the person"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "refused by the person"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "cancelled (turn stopped)"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "undo by the person"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "confirmed on the draft card"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "ok"), QT_TRANSLATE_NOOP("AuditLogDialog", "error"),
    QT_TRANSLATE_NOOP("AuditLogDialog", "refused"), QT_TRANSLATE_NOOP("AuditLogDialog", "undone"),
}


def shown_word(value: str) -> str:
    """A stored effect, approval or outcome in the interface language (as stored if unknown)."""
    if value in STORED_WORDS or value in EFFECT_LABELS:
        return QCoreApplication.translate("AuditLogDialog", value)
    return value


def when_text(at: str) -> str:
    """An ISO time in UTC as local "YYYY-MM-DD HH:MM:SS"."""
    from datetime import datetime

    try:
        return datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M:%S")
    except ValueError:
        return at


def entry_details(entry: AuditEntry) -> str:
    """The detail pane's text: every field, the arguments and the result as readable JSON."""
    arguments = json.dumps(entry.arguments, ensure_ascii=False, indent=2, default=str)
    try:
        result = json.dumps(json.loads(entry.result), ensure_ascii=False, indent=2)
    except ValueError:
        result = entry.result
    conversation = (f"#{entry.conversation_id}" if entry.conversation_id is not None
                    else QCoreApplication.translate("AuditLogDialog", "none"))
    effect = EFFECT_LABELS.get(entry.effect)
    return QCoreApplication.translate(
        "AuditLogDialog",
        "When: {when} ({at})\nTool: {tool}\nEffect: {effect}\nApproval: {approval}\n"
        "Outcome: {outcome}\nConversation: {conversation}\nCall: {call}\n\n"
        "Arguments:\n{arguments}\n\nResult:\n{result}\n").format(
            when=when_text(entry.at), at=entry.at, tool=entry.tool,
            effect=QCoreApplication.translate("AuditLogDialog", effect) if effect
            else entry.effect, approval=shown_word(entry.approval),
            outcome=shown_word(entry.outcome), conversation=conversation,
            call=entry.call_id or "—", arguments=arguments, result=result)


class AuditLogDialog(QDialog):
    """The audit log's entries, a filter and a detail pane."""

    #: A page of entries has been shown (how many).
    loaded = Signal(int)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("auditLogDialog")
        self.setWindowTitle(self.tr("Audit log"))
        self.resize(820, 560)
        self._services = services
        self.entries: list[AuditEntry] = []
        self._generation = 0
        self.filter = line_edit("auditFilter", "", self.tr("Filter: words in the tool, arguments "
                                                           "or result"),
                                self.tr("Filter the audit log"))
        self.tool = QComboBox()
        self.tool.setObjectName("auditTool")
        self.tool.setAccessibleName(self.tr("Tool"))
        self.tool.addItem(self.tr("All tools"), "")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName(self.tr("Audit log entries"))
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.details = QPlainTextEdit()
        self.details.setObjectName("auditDetails")
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Entry details"))
        self.details.setPlaceholderText(self.tr("Choose an entry to see its arguments and "
                                                "result."))
        self.more = QPushButton(self.tr("Load older"))
        self.more.setObjectName("auditMore")
        self.more.setVisible(False)
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        note = QLabel(self.tr("Every action the assistant took, newest first: reading (search, "
                              "free time), changing your own data (reminders, memory) and "
                              "anything that touches others (events, drafts), with how you "
                              "approved it."))
        note.setObjectName("settingsNote")
        note.setWordWrap(True)

        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(FILTER_DELAY_MS)
        self._delay.timeout.connect(self.reload)
        self.filter.textChanged.connect(lambda _: self._delay.start())
        self.tool.currentIndexChanged.connect(lambda _: self.reload())
        self.table.itemSelectionChanged.connect(self._selected)
        self.more.clicked.connect(self.load_more)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.tool)
        split = QSplitter()
        split.addWidget(self.table)
        split.addWidget(self.details)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.more)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)
        self._load_tools()
        self.reload()

    # Loading -------------------------------------------------------------------------------

    def _load_tools(self) -> None:
        services = self._services
        run_task(lambda: services.history.audit_tools(), self._show_tools, self._failed,
                 context=self, cleanup=services.release_thread,
                 description="reading the audit log's tools")

    def _show_tools(self, tools: list[str]) -> None:
        for name in tools:
            if self.tool.findData(name) < 0:
                self.tool.addItem(name, name)

    def reload(self) -> None:
        """Show the newest page for the current filter."""
        self._delay.stop()
        self._load(before_id=None)

    def load_more(self) -> None:
        """Add the next (older) page."""
        if self.entries:
            self._load(before_id=self.entries[-1].id)

    def _load(self, before_id: int | None) -> None:
        self._generation += 1
        generation = self._generation
        services = self._services
        text, tool = self.filter.text(), str(self.tool.currentData() or "")
        say(self.status, self.tr("Loading…"), "busy")
        self.more.setEnabled(False)
        run_task(lambda: services.history.audit_search(text, tool, PAGE + 1, before_id),
                 lambda found: self._show(generation, found, append=before_id is not None),
                 self._failed, context=self, cleanup=services.release_thread,
                 description="reading the audit log")

    def _failed(self, error: Exception) -> None:
        self.more.setEnabled(True)
        say(self.status, self.tr("The audit log could not be read: {error}").format(
            error=error), "error")

    def _show(self, generation: int, found: list[AuditEntry], *, append: bool) -> None:
        if generation != self._generation:
            return  # a newer filter's answer is on its way
        more = len(found) > PAGE
        found = found[:PAGE]
        if not append:
            self.entries = []
            self.table.setRowCount(0)
            self.details.clear()
        for entry in found:
            row = self.table.rowCount()
            self.table.insertRow(row)
            cells = (when_text(entry.at), entry.tool, shown_word(entry.effect),
                     shown_word(entry.approval), shown_word(entry.outcome))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
        self.entries.extend(found)
        self.more.setVisible(more)
        self.more.setEnabled(True)
        shown = len(self.entries)
        if not shown:
            filtered = self.filter.text().strip() or self.tool.currentData()
            say(self.status, self.tr("No entry matches the filter.") if filtered else
                self.tr("The audit log is empty: the assistant has not used any tool yet."))
        elif more:
            say(self.status, self.tr("%n entry(s) (more below: Load older).", "", shown))
        else:
            say(self.status, self.tr("%n entry(s).", "", shown))
        self.loaded.emit(len(found))

    def _selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows and rows[0].row() < len(self.entries):
            self.details.setPlainText(entry_details(self.entries[rows[0].row()]))
