"""Settings → Email: where "Save to Gmail" and "Save to mailbox" put drafts.

Gmail uses the company's Google OAuth client (the file chosen under Calendars) and its own
sign-in, kept in the keyring. A mailbox is reached over IMAP: server, port, encryption, user
name and the Drafts folder (found by its special-use flag unless one is named here). The IMAP
password goes to the keyring, never to the settings file. Signing in and testing the mailbox
run in workers and say exactly what happened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.forms import line_edit, run_from_button, store_form
from desktop_assistant.ui.status import say

if TYPE_CHECKING:
    from desktop_assistant.app import Services

SECURITY_LABELS = {  # translated where shown
    "ssl": QT_TRANSLATE_NOOP("MailSettings", "SSL/TLS (usually port 993)"),
    "starttls": QT_TRANSLATE_NOOP("MailSettings", "STARTTLS (usually port 143)"),
    "none": QT_TRANSLATE_NOOP("MailSettings", "None (a server on this computer only)"),
}
DEFAULT_PORTS = {"ssl": 993, "starttls": 143}


class MailSettings(QWidget):
    """The Gmail and IMAP boxes; ``save`` stores them (and the password, in the keyring)."""

    saved = Signal(str, bool)

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mailSettings")
        self._services = services
        settings = services.settings

        gmail = QGroupBox("Gmail")
        self.gmail_note = QLabel()
        self.gmail_note.setWordWrap(True)
        self.gmail_note.setObjectName("settingsNote")
        self.gmail_button = QPushButton(self.tr("Sign in to Gmail…"))
        self.gmail_button.setObjectName("gmailSignIn")
        self.gmail_button.clicked.connect(self.sign_in)
        gmail_layout = QVBoxLayout(gmail)
        gmail_layout.addWidget(self.gmail_note)
        gmail_layout.addWidget(self.gmail_button)

        imap = QGroupBox(self.tr("Mailbox (IMAP)"))
        self.host = line_edit("imapHost", settings.mail_imap_host, "imap.company.example",
                              self.tr("IMAP server"))
        self.port = QSpinBox()
        self.port.setObjectName("imapPort")
        self.port.setAccessibleName(self.tr("IMAP port"))
        self.port.setRange(1, 65535)
        self.port.setValue(settings.mail_imap_port)
        self.security = QComboBox()
        self.security.setObjectName("imapSecurity")
        self.security.setAccessibleName(self.tr("Encryption"))
        for key, label in SECURITY_LABELS.items():
            self.security.addItem(self.tr(label), key)
        self.security.setCurrentIndex(max(0, self.security.findData(settings.mail_imap_security)))
        self.security.currentIndexChanged.connect(self._security_changed)
        self.username = line_edit("imapUsername", settings.mail_imap_username,
                                  settings.mail_from or "you@company.example",
                                  self.tr("User name"))
        self.password = line_edit("imapPassword", "",
                                  self.tr("Stored in the keyring; leave empty to keep it"),
                                  self.tr("Password"))
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.folder = line_edit("imapDraftsFolder", settings.mail_imap_drafts_folder,
                                self.tr("Found automatically (the folder marked Drafts)"),
                                self.tr("Drafts folder"))
        self.test_button = QPushButton(self.tr("Test connection"))
        self.test_button.setObjectName("imapTest")
        self.test_button.clicked.connect(self.test_connection)
        port_row = QHBoxLayout()
        port_row.addWidget(self.port)
        port_row.addWidget(self.security, 1)
        form = QFormLayout(imap)
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), port_row)
        form.addRow(self.tr("User name"), self.username)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Drafts folder"), self.folder)
        form.addRow("", self.test_button)

        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        note = QLabel(self.tr("Drafts are never sent by the assistant: these only say where "
                              "“Save to Gmail” and “Save to mailbox” put them."))
        note.setWordWrap(True)
        note.setObjectName("settingsNote")
        layout.addWidget(note)
        layout.addWidget(gmail)
        layout.addWidget(imap)
        layout.addStretch(1)
        layout.addWidget(self.status)
        self._show_gmail_note()

    def _show_gmail_note(self) -> None:
        client = self._services.settings.calendar_google_client_file
        if client:
            self.gmail_note.setText(self.tr(
                "Signs in with your company's Google client ({client}). Only permission to "
                "write drafts is asked for.").format(client=client))
        else:
            self.gmail_note.setText(self.tr("Choose your company's Google OAuth client file "
                                            "under Calendars first; IT can provide it."))
        self.gmail_button.setEnabled(bool(client))

    def _security_changed(self, *_: object) -> None:
        port = DEFAULT_PORTS.get(str(self.security.currentData()))
        if port and self.port.value() in DEFAULT_PORTS.values():
            self.port.setValue(port)

    def values(self) -> dict[str, Any]:
        return {
            "mail_imap_host": self.host.text().strip(),
            "mail_imap_port": self.port.value(),
            "mail_imap_security": str(self.security.currentData()),
            "mail_imap_username": self.username.text().strip(),
            "mail_imap_drafts_folder": self.folder.text().strip(),
        }

    def problem(self) -> str | None:
        from desktop_assistant.mail.errors import MailError
        from desktop_assistant.mail.imap import ImapAccount, check_account

        values = self.values()
        if not values["mail_imap_host"]:
            return None  # no mailbox: fine
        account = ImapAccount(host=values["mail_imap_host"], port=values["mail_imap_port"],
                              username=values["mail_imap_username"],
                              security=values["mail_imap_security"])
        try:
            check_account(account)
        except MailError as error:
            return str(error)
        return None

    # Actions -------------------------------------------------------------------------------

    def save(self) -> bool:
        problem = self.problem()
        if problem:
            say(self.status, problem, "error")
            return False
        from desktop_assistant.mail.imap import PASSWORD_SECRET

        return store_form(self, self._services, self.values(), self.status, self.saved,
                          saying=self.tr("Email settings saved."), password=self.password,
                          secret=PASSWORD_SECRET,
                          secret_label="IMAP")

    def test_connection(self) -> None:
        """Log in with the form's values (and the typed or stored password) and find Drafts."""
        problem = self.problem() or ("" if self.values()["mail_imap_host"] else
                                     self.tr("Enter the IMAP server first."))
        if problem:
            say(self.status, problem, "error")
            return
        services, values, password = self._services, self.values(), self.password.text()
        run_from_button(self.test_button, self.status,
                        lambda: services.mail.check_imap(values, password),
                        busy=self.tr("Connecting to {host}…").format(
                            host=values["mail_imap_host"]),
                        cleanup=services.release_thread, description="testing the mailbox")

    def sign_in(self) -> None:
        services = self._services
        run_from_button(self.gmail_button, self.status, services.mail.gmail_sign_in,
                        busy=self.tr("Opening the browser to sign in to Google…"),
                        cleanup=services.release_thread, description="signing in to Gmail")
