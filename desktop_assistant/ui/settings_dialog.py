"""Settings: the model (same widget as first-run setup), the profile, the interface's language
and theme, calendars, contacts, the facts the assistant remembers, and the document folders to
search."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.assistant.providers import LOCAL_SERVERS, LocalServer
from desktop_assistant.memory import Memory
from desktop_assistant.ui.appearance_settings import AppearanceSettings
from desktop_assistant.ui.calendar_settings import CalendarSettings
from desktop_assistant.ui.contacts_settings import ContactsSettings
from desktop_assistant.ui.documents_settings import DocumentsSettings
from desktop_assistant.ui.mail_settings import MailSettings
from desktop_assistant.ui.privacy_settings import PrivacySettings
from desktop_assistant.ui.profile_settings import ProfileSettings
from desktop_assistant.ui.setup_dialog import ModelSettingsWidget

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.ui.indexing import DocumentIndexing


class MemoryList(QWidget):
    """The remembered facts, each with a Delete button."""

    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("memoryList")
        self._services = services
        intro = QLabel(self.tr(
            "The assistant reads these facts before every answer. Delete what it should forget."
        ))
        intro.setWordWrap(True)
        self.empty = QLabel(self.tr(
            "Nothing remembered yet. Ask the assistant to remember something, "
            "or type /remember followed by the fact."
        ))
        self.empty.setObjectName("memoryEmpty")
        self.empty.setWordWrap(True)
        self._rows_widget = QWidget()
        self._rows_widget.setObjectName("memoryRows")
        self._rows = QVBoxLayout(self._rows_widget)
        self._rows.setContentsMargins(0, 0, 0, 0)
        self._rows.setSpacing(6)
        self._rows.addStretch(1)
        scroll = QScrollArea()
        scroll.setObjectName("memoryScroll")
        scroll.viewport().setAutoFillBackground(False)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self._rows_widget)
        scroll.setAccessibleName(self.tr("Remembered facts"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.empty)
        layout.addWidget(scroll, 1)
        self.reload()

    def reload(self) -> None:
        while self._rows.count() > 1:
            item = self._rows.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.setParent(None)
                widget.deleteLater()
        memories = self._services.memory.all()
        for memory in memories:
            self._rows.insertWidget(self._rows.count() - 1, self._row(memory))
        self.empty.setVisible(not memories)

    def shown_texts(self) -> list[str]:
        """The facts on screen, top to bottom."""
        texts = []
        for index in range(self._rows.count()):
            item = self._rows.itemAt(index)
            row = item.widget() if item is not None else None
            label = row.findChild(QLabel) if row is not None else None
            if label is not None:
                texts.append(label.text())
        return texts

    def _row(self, memory: Memory) -> QWidget:
        row = QFrame()
        row.setObjectName("memoryRow")
        layout = QHBoxLayout(row)
        layout.setContentsMargins(12, 8, 8, 8)
        text = QLabel(memory.text)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setToolTip(self.tr("Remembered {when}").format(
            when=memory.created_at[:16].replace("T", " ")))
        delete = QPushButton(self.tr("Delete"))
        delete.setObjectName(f"deleteMemory{memory.id}")
        delete.setAccessibleName(self.tr("Delete: {fact}").format(fact=memory.text[:60]))
        delete.clicked.connect(lambda: self._delete(memory.id))
        layout.addWidget(text, 1)
        layout.addWidget(delete, 0, Qt.AlignmentFlag.AlignTop)
        return row

    def _delete(self, memory_id: int) -> None:
        self._services.memory.delete(memory_id)
        self.reload()
        self.changed.emit()


class SettingsDialog(QDialog):
    """Tabs: Model, Profile, Appearance, Memory, Calendars, Contacts, Email, Documents and
    Privacy; Save stores the tab shown (Model, Profile, Appearance, Calendars, Email or
    Privacy). ``indexing`` is the window's indexing run, which the Documents tab shows and
    drives."""

    saved = Signal(str, bool)

    def __init__(
        self,
        services: Services,
        *,
        local_servers: Iterable[LocalServer | tuple[str, int] | int] = LOCAL_SERVERS,
        indexing: DocumentIndexing | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setMinimumSize(600, 440)
        self.model_settings = ModelSettingsWidget(services, local_servers)
        self.model_settings.saved.connect(self._saved)
        self.memory = MemoryList(services)
        model_page = QWidget()
        model_layout = QVBoxLayout(model_page)
        model_layout.setContentsMargins(16, 16, 16, 16)
        model_layout.addWidget(self.model_settings)
        memory_page = QWidget()
        memory_layout = QVBoxLayout(memory_page)
        memory_layout.setContentsMargins(16, 16, 16, 16)
        memory_layout.addWidget(self.memory)
        self.calendar_settings = CalendarSettings(services)
        self.calendar_settings.saved.connect(self._saved)
        self.contacts = ContactsSettings(services)
        self.profile = ProfileSettings(services)
        self.profile.saved.connect(self._saved)
        self.appearance = AppearanceSettings(services)
        self.appearance.saved.connect(self._saved)
        self.mail_settings = MailSettings(services)
        self.mail_settings.saved.connect(self._saved)
        self.documents = DocumentsSettings(services, indexing)
        self.finished.connect(lambda _: self.documents.close_tab())
        self.privacy = PrivacySettings(services)
        self.privacy.saved.connect(self._saved)
        pages: dict[QWidget, QWidget] = {}
        for widget in (self.profile, self.appearance, self.calendar_settings, self.contacts,
                       self.mail_settings, self.documents, self.privacy):
            page = QWidget()
            page_layout = QVBoxLayout(page)
            page_layout.setContentsMargins(16, 16, 16, 16)
            page_layout.addWidget(widget)
            pages[widget] = page
        self.tabs = QTabWidget()
        self.tabs.addTab(model_page, self.tr("Model"))
        self.tabs.addTab(pages[self.profile], self.tr("Profile"))
        self.tabs.addTab(pages[self.appearance], self.tr("Appearance"))
        self.tabs.addTab(memory_page, self.tr("Memory"))
        self.tabs.addTab(pages[self.calendar_settings], self.tr("Calendars"))
        self.tabs.addTab(pages[self.contacts], self.tr("Contacts"))
        self.tabs.addTab(pages[self.mail_settings], self.tr("Email"))
        self.documents_page = pages[self.documents]
        self.tabs.addTab(self.documents_page, self.tr("Documents"))
        self.tabs.addTab(pages[self.privacy], self.tr("Privacy"))
        saving = {model_page: self.model_settings.save,
                  pages[self.profile]: self.profile.save,
                  pages[self.appearance]: self.appearance.save,
                  pages[self.calendar_settings]: self.calendar_settings.save,
                  pages[self.mail_settings]: self.mail_settings.save,
                  pages[self.privacy]: self.privacy.save}

        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(lambda: saving[self.tabs.currentWidget()]())
        close.clicked.connect(self.reject)
        self.tabs.currentChanged.connect(
            lambda _: self.save_button.setVisible(self.tabs.currentWidget() in saving))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 16, 16, 16)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    def show_documents(self) -> None:
        """Open on the Documents tab."""
        self.tabs.setCurrentWidget(self.documents_page)

    def _saved(self, message: str, warning: bool) -> None:
        self.saved.emit(message, warning)
        self.accept()
