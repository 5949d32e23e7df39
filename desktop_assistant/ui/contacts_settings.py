"""Settings → Contacts: the people you schedule with, and importing them from vCard or CSV.

Contacts live in the app's database behind ``CalendarService.contacts``; every read and write
runs in a worker. An import reports what it added and updated, and each row it skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
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
from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.forms import shown_days
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.calendar.contacts import ContactImport

COLUMNS = (QT_TRANSLATE_NOOP("ContactsSettings", "Name"),
           QT_TRANSLATE_NOOP("ContactsSettings", "Email"),
           QT_TRANSLATE_NOOP("ContactsSettings", "Time zone"),
           QT_TRANSLATE_NOOP("ContactsSettings", "Working hours"))
PROBLEMS_SHOWN = 5
SAME_AS_YOURS = QT_TRANSLATE_NOOP("ContactsSettings", "Same as yours")


def same_as_yours() -> str:
    return QCoreApplication.translate("ContactsSettings", SAME_AS_YOURS)


def hours_text(contact: Contact) -> str:
    """"09:00–18:00 Mon-Fri" (the days in the interface language), or "" when they work your
    hours."""
    if contact.hours is None:
        return ""
    return f"{contact.hours} {shown_days(contact.hours.days)}"


class ContactDialog(QDialog):
    """Add or edit one contact; it is saved (in a worker) before the dialog closes."""

    def __init__(self, services: Services, contact: Contact | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactDialog")
        self.setWindowTitle(self.tr("Edit contact") if contact else self.tr("Add contact"))
        self.setMinimumWidth(460)
        self._services = services
        self._original = contact
        hours = contact.hours if contact else None
        self.name = self._line("contactName", contact.name if contact else "",
                               self.tr("Wang Fang"), self.tr("Name"))
        self.email = self._line("contactEmail", contact.email if contact else "",
                                "wang.fang@corp.example", self.tr("Email"))
        self.zone = QComboBox()
        self.zone.setObjectName("contactZone")
        self.zone.setEditable(True)
        self.zone.setAccessibleName(self.tr("Time zone"))
        self.zone.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.zone.addItems(["", *_zones()])
        self.zone.setCurrentText(contact.zone if contact else "")
        zone_edit = self.zone.lineEdit()
        if zone_edit is not None:
            zone_edit.setPlaceholderText(self.tr("Same as yours (e.g. Asia/Shanghai)"))
            zone_edit.setAccessibleName(self.tr("Time zone"))
        self.hours = self._line("contactHours", f"{hours.start:%H:%M}-{hours.end:%H:%M}"
                                if hours else "", self.tr("Same as yours (e.g. 09:00-18:00)"),
                                self.tr("Working hours"))
        self.days = self._line("contactDays", _days(hours.days) if hours else "", "Mon-Fri",
                               self.tr("Working days (e.g. Mon-Fri)"))
        self.roles = self._line("contactRoles", ", ".join(contact.aliases) if contact else "",
                                self.tr("finance lead, 财务"), self.tr("Roles"))
        self.roles.setToolTip(
            self.tr("Roles or nicknames people use for them, separated by commas"))
        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Email"), self.email)
        form.addRow(self.tr("Time zone"), self.zone)
        form.addRow(self.tr("Working hours"), self.hours)
        form.addRow(self.tr("Working days"), self.days)
        form.addRow(self.tr("Roles"), self.roles)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(self.tr("Save"),
                                             QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveContact")
        self.save_button.setDefault(True)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel).clicked.connect(self.reject)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.status)
        layout.addWidget(buttons)

    def _line(self, name: str, text: str, placeholder: str, accessible: str) -> QLineEdit:
        line = QLineEdit(text)
        line.setObjectName(name)
        line.setPlaceholderText(placeholder)
        line.setAccessibleName(accessible)
        return line

    def contact(self) -> Contact:
        """The contact the form describes; ValueError saying what is wrong."""
        from desktop_assistant.calendar.preferences import parse_days, parse_hours
        from desktop_assistant.calendar.slots import WorkingHours

        email = self.email.text().strip()
        if not email:
            raise ValueError(self.tr("Enter their email address."))
        hours = None
        if self.hours.text().strip():
            start, end = parse_hours(self.hours.text(), self.tr("Working hours"))
            days = parse_days(self.days.text(), self.tr("Working days")) \
                if self.days.text().strip() else None
            hours = WorkingHours(start, end, days) if days else WorkingHours(start, end)
        elif self.days.text().strip():
            raise ValueError(
                self.tr("Give their working hours too (e.g. 09:00-18:00), or neither."))
        roles = tuple(r.strip() for r in re.split(r"[,，、;；]", self.roles.text()) if r.strip())
        return Contact(email=email, name=self.name.text().strip(),
                       zone=self.zone.currentText().strip(), hours=hours, aliases=roles)

    def save(self) -> None:
        try:
            contact = self.contact()
        except ValueError as error:
            self._say(str(error), "error")
            return
        services, original = self._services, self._original

        def write() -> None:
            contacts = services.calendar.contacts
            contacts.save(contact)
            if original is not None and original.email != contact.email:
                contacts.remove(original.email)

        self.save_button.setEnabled(False)
        self._say(self.tr("Saving…"), "busy")
        run_task(write, lambda _: self.accept(), self._failed, context=self,
                 cleanup=services.release_thread, description="saving the contact")

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        self._say(str(error), "error")

    def _say(self, text: str, state: str) -> None:
        say(self.status, text, state)


def _zones() -> list[str]:
    from zoneinfo import available_timezones

    return sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))


def _days(days: frozenset[int]) -> str:
    """The days as the form takes them back ("Mon-Fri": what ``parse_days`` reads)."""
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
        intro = QLabel(self.tr("The people you schedule with. Attendees are found here by name, "
                               "email or role; their time zone and hours shape the free-slot "
                               "search."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("contactsTable")
        self.table.setAccessibleName(self.tr("Contacts"))
        self.table.setHorizontalHeaderLabels([self.tr(column) for column in COLUMNS])
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
        self.add_button = self._button(self.tr("Add…"), "addContact", self.add)
        self.edit_button = self._button(self.tr("Edit…"), "editContact", self.edit)
        self.delete_button = self._button(self.tr("Delete"), "deleteContact", self.delete)
        self.import_button = self._button(self.tr("Import vCard or CSV…"), "importContacts",
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
            cells = (contact.name, contact.email, contact.zone or same_as_yours(),
                     hours_text(contact) or same_as_yours())
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if contact.aliases:
                    item.setToolTip(self.tr("Roles: {roles}").format(
                        roles=", ".join(contact.aliases)))
                self.table.setItem(row, column, item)
        if not contacts and not self.status.text():
            self._say(self.tr("No contacts yet. Add the people you meet most, or import a vCard "
                              "or CSV export from your address book."), "")
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
        self._say((self.tr("Saved {email}.") if before else self.tr("Added {email}.")).format(
            email=email), "ok")
        self.reload()

    def delete(self) -> None:
        contact = self.selected()
        if contact is None:
            return
        services = self._services

        def done(_: object) -> None:
            self._say(self.tr("Deleted {contact}.").format(contact=contact.label), "ok")
            self.reload()

        run_task(lambda: services.calendar.contacts.remove(contact.email), done, self._failed,
                 context=self, cleanup=services.release_thread, description="deleting a contact")

    def choose_file(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import contacts"), "",
            self.tr("Contacts (*.vcf *.vcard *.csv);;All files (*)"))
        if name:
            self.import_file(Path(name))

    def import_file(self, path: Path) -> None:
        """Import a vCard or CSV file in a worker; say what was imported and skipped."""
        services = self._services
        self.import_button.setEnabled(False)
        self._say(self.tr("Importing {file}…").format(file=path.name), "busy")

        def done(result: ContactImport) -> None:
            self.import_button.setEnabled(True)
            lines = [self._summary(result, path.name)]
            lines += [f"• {problem}" for problem in result.shown_problems[:PROBLEMS_SHOWN]]
            if len(result.problems) > PROBLEMS_SHOWN:
                lines.append(self.tr("… and {count} more.").format(
                    count=len(result.problems) - PROBLEMS_SHOWN))
            text = "\n".join(lines)
            self._say(text, "warning" if result.problems else "ok")
            self.imported.emit(text)
            self.reload()

        def failed(error: Exception) -> None:
            self.import_button.setEnabled(True)
            self._say(self.tr("{file} could not be imported: {error}").format(
                file=path.name, error=error), "error")
            self.imported.emit(str(error))

        run_task(lambda: services.calendar.contacts.import_file(path), done, failed,
                 context=self, cleanup=services.release_thread,
                 description=f"importing {path.name}")

    def _summary(self, result: ContactImport, name: str) -> str:
        """``ContactImport.summary`` in the interface language."""
        if result.problems:
            return self.tr("{file}: {added} contacts added, {updated} updated, {skipped} "
                           "skipped.").format(file=name, added=result.added,
                                              updated=result.updated,
                                              skipped=len(result.problems))
        return self.tr("{file}: {added} contacts added, {updated} updated.").format(
            file=name, added=result.added, updated=result.updated)

    def _failed(self, error: Exception) -> None:
        self._say(str(error), "error")

    def _say(self, text: str, state: str) -> None:
        say(self.status, text, state)
