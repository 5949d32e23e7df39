"""Settings → Privacy: where messages may go, redaction, how long history is kept, debug
logging, and the person's data: export it, view the audit log, delete all of it.

The provider mode is checked where every model call starts (assistant/privacy.py), so saving
here applies to the next turn. Exporting and deleting run in workers; deleting asks first,
listing what will go, and needs the word "delete" typed; afterwards it shows what was removed
and quits the app, since nothing is left to run on.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.assistant.privacy import MODE_LABELS, invalid_company_hosts
from desktop_assistant.ui.forms import cannot_write, fill_tab, line_edit, status_label
from desktop_assistant.ui.status import say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.data_control import DeletionReport, PurgeReport

KEEP_CHOICES = (0, 7, 30, 90, 365)
"""Days conversations are kept (0: forever)."""
CONFIRM_WORD = "delete"
"""Typed to confirm "Delete all my data" (or the word in the interface language)."""


class PrivacySettings(QWidget):
    """The Privacy tab; ``save`` checks and stores it."""

    saved = Signal(str, bool)
    #: Export finished: the files written.
    exported = Signal(list)
    #: Delete all finished: the report (the app quits after it is shown).
    deleted = Signal(object)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("privacySettings")
        self._services = services
        #: Called after "Delete all my data" (tests replace it).
        self.quit_app: Callable[[], None] = QApplication.quit
        #: Shows the deletion report (tests replace it, to read it without a modal dialog).
        self.show_report: Callable[[DeletionReport], None] = self._show_report
        settings = services.settings

        where = QGroupBox(self.tr("Where your messages may go"))
        self.modes = QButtonGroup(self)
        self.mode_buttons: dict[str, QRadioButton] = {}
        where_layout = QVBoxLayout(where)
        for mode, label in MODE_LABELS.items():
            button = QRadioButton(QCoreApplication.translate("PrivacyModes", label))
            button.setObjectName(f"mode_{mode}")
            self.modes.addButton(button)
            self.mode_buttons[mode] = button
            where_layout.addWidget(button)
        current = settings.provider_mode if settings.provider_mode in self.mode_buttons \
            else "cloud"
        self.mode_buttons[current].setChecked(True)
        self.local_note = QLabel(self.tr(
            "Only this computer and the company network: localhost and loopback addresses, "
            "private networks (10.x, 172.16–31.x, 192.168.x), names ending in .internal, .lan, "
            ".local or .home.arpa, and the hosts below. Any other server is refused before "
            "anything is sent."))
        self.local_note.setObjectName("settingsNote")
        self.local_note.setWordWrap(True)
        self.company_hosts = line_edit("companyHosts", settings.company_hosts,
                                       "corp.example, llm.corp.example, 100.64.0.0/10",
                                       self.tr("Company hosts"))
        self.company_hosts.setToolTip(
            self.tr("Domains, host names or networks, separated by commas"))
        hosts_row = QFormLayout()
        hosts_row.addRow(self.tr("Company hosts"), self.company_hosts)
        # Check boxes don't wrap their text: a short one, and the full sentence below it.
        self.redact = QCheckBox(self.tr("Replace personal data with placeholders (cloud only)"))
        self.redact.setObjectName("redactCloud")
        redact_note = self.tr("Replace email addresses, phone numbers, ID and card numbers, "
                              "IBANs and keys with placeholders before a cloud model sees them.")
        self.redact.setAccessibleDescription(redact_note)
        self.redact.setChecked(settings.redact_cloud)
        self.redact_note = QLabel(redact_note)
        self.redact_note.setObjectName("settingsNote")
        self.redact_note.setWordWrap(True)
        self.redact_local = QCheckBox(
            self.tr("… also for models on this computer or the company network"))
        self.redact_local.setObjectName("redactLocal")
        self.redact_local.setChecked(settings.redact_local)
        where_layout.addWidget(self.local_note)
        where_layout.addLayout(hosts_row)
        where_layout.addWidget(self.redact)
        where_layout.addWidget(self.redact_note)
        where_layout.addWidget(self.redact_local)
        self.modes.buttonToggled.connect(lambda *_: self._mode_changed())

        history = QGroupBox(self.tr("History and logs"))
        self.keep = QComboBox()
        self.keep.setObjectName("historyKeepDays")
        self.keep.setAccessibleName(self.tr("Keep conversations"))
        choices = {*KEEP_CHOICES, settings.history_keep_days}  # one set elsewhere (CLI) too
        for days in sorted(choices, key=lambda days: days or 10**9):
            self.keep.addItem(self.tr("%n day(s)", "", days) if days else self.tr("Forever"),
                              days)
        self.keep.setCurrentIndex(self.keep.findData(settings.history_keep_days))
        self.debug = QCheckBox(self.tr("Debug logging (for troubleshooting)"))
        self.debug.setObjectName("debugLogging")
        self.debug.setChecked(settings.debug_logging)
        from desktop_assistant.logs import BACKUPS, MAX_BYTES, log_path

        logs_note = QLabel(self.tr(
            "Logs are kept on this computer only, in {folder} (at most {files} files of {size} "
            "MB). They never hold passwords or keys. Debug logging also records message text, "
            "document and email text and the model's requests; without it the logs hold none "
            "of that. Nothing is ever sent anywhere (no telemetry).").format(
                folder=log_path(services.paths).parent, files=BACKUPS + 1,
                size=MAX_BYTES // 1_000_000))
        logs_note.setObjectName("settingsNote")
        logs_note.setWordWrap(True)
        history_form = QFormLayout(history)
        history_form.addRow(self.tr("Keep conversations"), self.keep)
        history_form.addRow("", self.debug)
        history_form.addRow("", logs_note)

        data = QGroupBox(self.tr("Your data"))
        self.export_button = QPushButton(self.tr("Export my data…"))
        self.export_button.setObjectName("exportData")
        self.export_button.clicked.connect(lambda: self.export_to(None))
        self.audit_button = QPushButton(self.tr("View audit log…"))
        self.audit_button.setObjectName("viewAuditLog")
        self.audit_button.clicked.connect(self.open_audit_log)
        self.delete_button = QPushButton(self.tr("Delete all my data…"))
        self.delete_button.setObjectName("deleteAllData")
        self.delete_button.clicked.connect(self.delete_all)
        buttons = QHBoxLayout()
        for action in (self.export_button, self.audit_button, self.delete_button):
            buttons.addWidget(action)
        buttons.addStretch(1)
        data_note = QLabel(self.tr(
            "Export writes your conversations, memory, reminders, drafts, contacts, the audit "
            "log and settings (never passwords) as JSON and Markdown. The audit log shows every "
            "action the assistant took."))
        data_note.setObjectName("settingsNote")
        data_note.setWordWrap(True)
        data_layout = QVBoxLayout(data)
        data_layout.addWidget(data_note)
        data_layout.addLayout(buttons)

        self.status = status_label()
        fill_tab(self, "privacy", [where, history, data], self.status)
        self.audit_dialog: QDialog | None = None
        self.confirmation: DeleteConfirmation | None = None
        self._mode_changed()

    # The form ------------------------------------------------------------------------------

    def mode(self) -> str:
        return next(m for m, button in self.mode_buttons.items() if button.isChecked())

    def _mode_changed(self) -> None:
        mode = self.mode()
        self.company_hosts.setEnabled(mode == "local_only")
        self.local_note.setEnabled(mode == "local_only")
        self.redact.setEnabled(mode == "cloud")
        self.redact_note.setEnabled(mode == "cloud")
        self.redact_local.setEnabled(mode != "off")

    def values(self) -> dict[str, Any]:
        return {
            "provider_mode": self.mode(),
            "company_hosts": ", ".join(part.strip() for part in
                                       self.company_hosts.text().replace(";", ",").split(",")
                                       if part.strip()),
            "redact_cloud": self.redact.isChecked(),
            "redact_local": self.redact_local.isChecked(),
            "history_keep_days": int(self.keep.currentData()),
            "debug_logging": self.debug.isChecked(),
        }

    def problem(self) -> str | None:
        bad = invalid_company_hosts(self.values()["company_hosts"])
        if bad:
            listed = ", ".join(repr(entry) for entry in bad)
            return self.tr("Company hosts: {hosts} is neither a domain, a host name nor a "
                           "network (such as corp.example or 10.0.0.0/8). Nothing was saved."
                           ).format(hosts=listed)
        return None

    def save(self) -> bool:
        problem = self.problem()
        if problem:
            say(self.status, problem, "error")
            return False
        values = self.values()
        before = self._services.settings.history_keep_days
        try:
            self._services.update_settings(**values)
        except OSError as error:
            say(self.status, cannot_write(error), "error")
            return False
        from desktop_assistant import logs

        logs.set_debug(values["debug_logging"])
        days = values["history_keep_days"]
        if not days or (before and days >= before):
            say(self.status, self.tr("Saved."), "ok")
            self.saved.emit(self.tr("Privacy settings saved."), False)
            return True
        # A shorter limit applies now rather than at the next daily check.
        say(self.status, self.tr("Saved. Deleting older conversations…"), "busy")
        services = self._services

        def done(report: PurgeReport) -> None:
            summary = self.purge_summary(report)
            say(self.status, summary, "ok")
            self.saved.emit(self.tr("Privacy settings saved. {summary}").format(
                summary=summary), False)

        def failed(error: Exception) -> None:
            say(self.status, self.tr("Saved, but older conversations could not be deleted: "
                                     "{error}").format(error=error), "error")

        run_task(services.apply_retention, done, failed, context=self,
                 cleanup=services.release_thread, description="deleting old conversations")
        return True

    def purge_summary(self, report: PurgeReport) -> str:
        """``PurgeReport.summary`` in the interface language (the same English)."""
        days = self.tr("%n day(s)", "", report.keep_days)
        if not report.keep_days:
            return self.tr("Conversations are kept forever; nothing was deleted.")
        if not report.removed_anything:
            return self.tr("Nothing was older than {days}.").format(days=days)
        parts = [self.tr("{conversations} ({messages}, {drafts})").format(
            conversations=self.tr("%n conversation(s)", "", report.conversations),
            messages=self.tr("%n message(s)", "", report.messages),
            drafts=self.tr("%n draft(s)", "", report.mail_drafts))]
        if report.reminders:
            parts.append(self.tr("%n finished reminder(s)", "", report.reminders))
        if report.audit_entries:
            parts.append(self.tr("%n audit log entry(s)", "", report.audit_entries))
        return self.tr("Deleted {what} older than {days}.").format(
            what=self.tr(", ", "between listed things").join(parts), days=days)

    # Export, audit log, delete -------------------------------------------------------------

    def export_to(self, folder: Path | str | None) -> None:
        """Export everything to ``folder`` (None: ask for one) in a worker."""
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Export my data to"))
            if not chosen:
                return
            folder = chosen
        services, target = self._services, Path(folder)
        self.export_button.setEnabled(False)
        say(self.status, self.tr("Exporting to {folder}…").format(folder=target), "busy")

        def work() -> list[Path]:
            from desktop_assistant.data_control import export_everything

            return export_everything(services, target)

        def done(written: list[Path]) -> None:
            self.export_button.setEnabled(True)
            files = self.tr(" and ", "between file names").join(str(p) for p in written)
            say(self.status, self.tr("Exported to {files}.").format(files=files), "ok")
            self.exported.emit(written)

        def failed(error: Exception) -> None:
            self.export_button.setEnabled(True)
            say(self.status, self.tr("Nothing was exported: {error}").format(error=error),
                "error")

        run_task(work, done, failed, context=self, cleanup=services.release_thread,
                 description="exporting your data")

    def open_audit_log(self) -> QDialog:
        from desktop_assistant.ui.audit_log_view import AuditLogDialog

        if self.audit_dialog is None:
            self.audit_dialog = AuditLogDialog(self._services, self)
        self.audit_dialog.show()
        return self.audit_dialog

    def delete_all(self) -> None:
        """Ask (listing what will go, with "delete" typed), then delete in a worker."""
        from desktop_assistant.data_control import deletion_plan

        plan = deletion_plan(self._services.paths, self._services.secrets.service)
        confirm = DeleteConfirmation(plan, self)
        confirm.accepted.connect(self._delete_confirmed)
        confirm.open()
        self.confirmation = confirm

    def _delete_confirmed(self) -> None:
        services = self._services
        self.delete_button.setEnabled(False)
        say(self.status, self.tr("Deleting all of your data…"), "busy")

        def failed(error: Exception) -> None:
            self.delete_button.setEnabled(True)
            say(self.status, self.tr("Deleting stopped: {error}. Some data may be left; try "
                                     "again.").format(error=error), "error")

        from desktop_assistant.data_control import delete_all_data

        run_task(lambda: delete_all_data(services), self._deleted, failed, context=self,
                 description="deleting all of your data")

    def _deleted(self, report: DeletionReport) -> None:
        state = "ok" if report.complete else "error"
        say(self.status, self.tr("All of your data was deleted.") if report.complete else
            self.tr("Some things could not be removed; see the list."), state)
        self.deleted.emit(report)
        self.show_report(report)
        self.quit_app()

    def _show_report(self, report: DeletionReport) -> None:
        box = QDialog(self)
        box.setObjectName("deletionReport")
        box.setWindowTitle(self.tr("Your data was deleted") if report.complete else
                           self.tr("Some data could not be deleted"))
        text = QPlainTextEdit("\n".join(report.lines()))
        text.setReadOnly(True)
        text.setAccessibleName(self.tr("What was removed"))
        note = QLabel(self.tr("Desktop Assistant closes now: nothing is left for it to run on.")
                      if report.complete else self.tr("Remove what is listed as not removed "
                                                      "yourself. Desktop Assistant closes now."))
        note.setWordWrap(True)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(box.reject)
        layout = QVBoxLayout(box)
        layout.addWidget(note)
        layout.addWidget(text, 1)
        layout.addWidget(close)
        box.resize(560, 360)
        box.exec()


class DeleteConfirmation(QDialog):
    """Lists what "Delete all my data" removes; its Delete button works once "delete" is
    typed."""

    def __init__(self, plan: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("deleteConfirmation")
        self.setWindowTitle(self.tr("Delete all my data"))
        intro = QLabel(self.tr(
            "This removes, for good, everything Desktop Assistant keeps on this computer and in "
            "the system keyring. Export your data first if you want a copy. Your own documents "
            "and anything already in your calendars or mailboxes stay where they are."))
        intro.setWordWrap(True)
        listing = QPlainTextEdit("\n".join(f"• {line}" for line in plan))
        listing.setObjectName("deletionPlan")
        listing.setReadOnly(True)
        listing.setAccessibleName(self.tr("What will be deleted"))
        #: The word to type: "delete", or its translation (either is accepted).
        self.word = self.tr("delete", "typed to confirm deleting everything")
        self.typed = QLineEdit()
        self.typed.setObjectName("deleteConfirmWord")
        self.typed.setAccessibleName(self.tr("Type {word} to confirm").format(word=self.word))
        self.typed.setPlaceholderText(self.tr("Type “{word}” to confirm").format(word=self.word))
        buttons = QDialogButtonBox()
        self.delete_button = buttons.addButton(self.tr("Delete everything"),
                                               QDialogButtonBox.ButtonRole.DestructiveRole)
        self.delete_button.setObjectName("confirmDelete")
        self.delete_button.setEnabled(False)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        self.typed.textChanged.connect(lambda text: self.delete_button.setEnabled(
            text.strip().lower() in {CONFIRM_WORD, self.word.lower()}))
        self.delete_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(listing, 1)
        layout.addWidget(self.typed)
        layout.addWidget(buttons)
        self.resize(560, 400)

    def plan_text(self) -> str:
        listing = self.findChild(QPlainTextEdit, "deletionPlan")
        return listing.toPlainText() if listing is not None else ""
