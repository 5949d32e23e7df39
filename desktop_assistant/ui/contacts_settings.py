"""Settings → Contacts: the people you schedule with, and importing them from vCard or CSV.

Contacts live in the app's database behind ``CalendarService.contacts``; every read and write
runs in a worker. An import reports what it added and updated, and each row it skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.calendar.contacts import ContactImport

COLUMNS = ("Name", "Email", "Time zone", "Working hours")
PROBLEMS_SHOWN = 5
SAME_AS_YOURS = "Same as yours"


def hours_text(contact: Contact) -> str:
    """"09:00–18:00 Mon-Fri", or "" when they work your hours."""
    if contact.hours is None:
        return ""
    from desktop_assistant.ui.calendar_settings import days_text

    return f"{contact.hours} {days_text(set(contact.hours.days))}"


class ContactDialog(QDialog):
    """Add or edit one contact; it is saved (in a worker) before the dialog closes."""

    def __init__(self, services: Services, contact: Contact | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle("Edit contact" if contact else "Add contact")
        self.setMinimumWidth(460)
        self._services = services
        self._original = contact
        hours = contact.hours if contact else None
        self.name = self._line("contactName", contact.name if contact else "", "Wang Fang")
        self.email = self._line("contactEmail", contact.email if contact else "",
                                "wang.fang@corp.example")
        self.zone = QComboBox()
        self.zone.setObjectName("contactZone")
        self.zone.setEditable(True)
        self.zone.setAccessibleName("Time zone")
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(["", *_zones()])
        self.zone.setCurrentText(contact.zone if contact else "")
        zone_edit = self.zone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText(f"{SAME_AS_YOURS} (e.g. Asia/Shanghai)")
        self.hours = self._line("contactHours", f"{hours.start:%H:%M}-{hours.end:%H:%M}"
                                if hours else "", f"{SAME_AS_YOURS} (e.g. 09:00-18:00)")
        self.days = self._line("contactDays", _days(hours.days) if hours else "", "Mon-Fri")
        self.roles = self._line("contactRoles", ", ".join(contact.aliases) if contact else "",
                                "finance lead, 财务")
        self.roles.setToolTip("Roles or nicknames people use for them, separated by commas")
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Name", self.name)
        form.addRow("Email", self.email)
        form.addRow("Time zone", self.zone)
        form.addRow("Working hours", self.hours)
        form.addRow("Working days", self.days)
        form.addRow("Roles", self.roles)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton("Save", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveContact")
        self.save_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _line(self, name: str, text: str, placeholder: str) -> QLineEdit:
        line = QLineEdit(text)
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        return line

    def contact(self) -> Contact:
        """The contact the form describes; ValueError saying what is wrong."""
        from desktop_assistant.calendar.preferences import parse_days, parse_hours
        from desktop_assistant.calendar.slots import WorkingHours

        email = self.email.text().strip()
        if not email:
            raise ValueError("Enter their email address.")
        hours = None
        if self.hours.text().strip():
            start, end = parse_hours(self.hours.text(), "Working hours")
            days = parse_days(self.days.text(), "Working days") if self.days.text().strip() \
                else None
            hours = WorkingHours(start, end, days) if days else WorkingHours(start, end)
        elif self.days.text().strip():
            raise ValueError("Give their working hours too (e.g. 09:00-18:00), or neither.")
        roles = tuple(r.strip() for r in re.split(r"[,，、;；]", self.roles.text()) if r.strip())
        return Contact(email=email, name=self.name.text().strip(),
                       zone=self.zone.currentText().strip(), hours=hours, aliases=roles)

    def save(self) -> None:
        try:
            contact = self.contact()
        except ValueError as error:
            self._say(str(error))
            return
        services, original = self._services, self._original

        def write() -> None:
            contacts = services.calendar.contacts
            contacts.save(contact)
            if original is not None and original.email != contact.email:
                contacts.remove(original.email)

        self.save_button.setEnabled(False)
        self._say("Saving…")
        run_task(write, lambda _: self.accept(), self._failed, context=self,
                 cleanup=services.release_thread, description="saving the contact")

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self._say(str(error))

    def _say(self, text: str) -> None:
        say(self.status, text, "error" if text and text != "Saving…" else "busy")


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _days(days: frozenset[int]) -> str:
    from desktop_assistant.ui.calendar_settings import days_text

    return days_text(set(days))


class ContactsSettings(QWidget):
    """The contacts table with Add, Edit, Delete and Import."""

    #: The list on screen was read again (after loading, saving, deleting or importing).
    loaded = Signal()
    #: An import finished: what it did, in sentences.
    imported = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsSettings")
        self._services = services
        self.contacts: list[Contact] = []
        intro = QLabel("The people you schedule with. Attendees are found here by name, email "
                       "or role; their time zone and hours shape the free-slot search.")
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("contactsTable")
        self.table.setAccessibleName("Contacts")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setShowGrid(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _: self.edit())
        self.add_button = self._button("Add…", "addContact", self.add)
        self.edit_button = self._button("Edit…", "editContact", self.edit)
        self.delete_button = self._button("Delete", "deleteContact", self.delete)
        self.import_button = self._button("Import vCard or CSV…", "importContacts",
                                          self.choose_file)
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self._selection_changed()
        self.reload()

    def _button(self, text: str, name: str, slot: Callable[[], object]) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(lambda: slot())
        return button

    # Reading -------------------------------------------------------------------------------

    def reload(self) -> None:
        services = self._services
        run_task(lambda: services.calendar.contacts.all(), self._show, self._failed,
                 context=self, cleanup=services.release_thread, description="reading contacts")

    def _show(self, contacts: list[Contact]) -> None:
        self.contacts = contacts
        self.table.setRowCount(len(contacts))
        for row, contact in enumerate(contacts):
            cells = (contact.name, contact.email, contact.zone or SAME_AS_YOURS,
                     hours_text(contact) or SAME_AS_YOURS)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if contact.aliases:
                    item.setToolTip("Roles: " + ", ".join(contact.aliases))
                self.table.setItem(row, column, item)
        if not contacts and not self.status.text():
            self._say("No contacts yet. Add the people you meet most, or import a vCard or "
                      "CSV export from your address book.", "")
        self._selection_changed()
        self.loaded.emit()

    def emails(self) -> list[str]:
        return [c.email for c in self.contacts]

    def select(self, email: str) -> None:
        for row, contact in enumerate(self.contacts):
            if contact.email == email:
                self.table.selectRow(row)

    def selected(self) -> Contact | None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        return self.contacts[rows.pop()] if len(rows) == 1 else None

    def _selection_changed(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    # Changing ------------------------------------------------------------------------------

    def add(self) -> ContactDialog:
        return self._open(None)

    def edit(self) -> ContactDialog | None:
        contact = self.selected()
        return self._open(contact) if contact else None

    def _open(self, contact: Contact | None) -> ContactDialog:
        dialog = ContactDialog(self._services, contact, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._changed(dialog.email.text().strip(), contact))
        dialog.open()
        return dialog

    def _changed(self, email: str, before: Contact | None) -> None:
        self._say(f"Saved {email}." if before else f"Added {email}.", "ok")
        self.reload()

    def delete(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        services = self._services

        def done(_: object) -> None:
            self._say(f"Deleted {contact.label}.", "ok")
            self.reload()

        run_task(lambda: services.calendar.contacts.remove(contact.email), done, self._failed,
                 context=self, cleanup=services.release_thread, description="deleting a contact")

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, "Import contacts", "", "Contacts (*.vcf *.vcard *.csv);;All files (*)")
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Import a vCard or CSV file in a worker; say what was imported and skipped."""
        services = self._services
        self.import_button.setEnabled(False)
        self._say(f"Importing {path.name}…", "busy")

        def done(result: ContactImport) -> None:
            self.import_button.setEnabled(True)
            lines = [result.summary(path.name)]
            lines += [f"• {problem}" for problem in result.problems[:PROBLEMS_SHOWN]]
            if len(result.problems) > PROBLEMS_SHOWN:
                lines.append(f"… and {len(result.problems) - PROBLEMS_SHOWN} more.")
            text = "\n".join(lines)
            self._say(text, "warning" if result.problems else "ok")
            self.imported.emit(text)
            self.reload()

        def failed(error: Exception) -> None:
            self.import_button.setEnabled(True)
            self._say(f"{path.name} could not be imported: {error}", "error")
            self.imported.emit(str(error))

        run_task(lambda: services.calendar.contacts.import_file(path), done, failed,
                 context=self, cleanup=services.release_thread,
                 description=f"importing {path.name}")

    def _failed(self, error: Exception) -> None:
        self._say(str(error), "error")

    def _say(self, text: str, state: str) -> None:
        say(self.status, text, state)
