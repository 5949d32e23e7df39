"""An email draft in the chat: its fields to edit in place, and the ways to hand it over.

The card shows a draft the assistant wrote (``draft_email``) or the person opened (``/draft``).
Every edit is kept: half a second after the last keystroke the fields go to the mail service in
a worker, so closing the window loses nothing. Problems (an address that can't be right, a file
that is gone) are flagged under the fields as they are found, and the hand-over buttons wait
until the blocking ones are fixed.

Handing over never sends anything: Copy (plain and rich text), Open in mail program (a
``mailto:`` link, or an ``.eml`` file when there are attachments or HTML), Save .eml…, and the
two that reach a mailbox, Save to Gmail and Save to mailbox (IMAP). Those two say exactly what
they will do on the card and wait for a second click; their outcome goes to the audit log.
Each action first stores what is on the card, in the same worker, so it hands over what the
person sees.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore
from PySide6.QtCore import QCoreApplication, QMimeData, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop_assistant.i18n import QT_TRANSLATE_NOOP
from desktop_assistant.ui.cards import FollowUp, card_button
from desktop_assistant.ui.status import restyle, say
from desktop_assistant.ui.workers import run_task

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.mail.draft import Problem
    from desktop_assistant.mail.store import StoredDraft

DRAFT_TOOL = "draft_email"
DRAFT_COMMAND = "/draft"
SAVE_DELAY_MS = 500
BODY_MIN_HEIGHT = 160
ADDRESS_FIELDS = ("to", "cc", "bcc")
# Shown through field_label() (the interface language).
FIELD_LABELS = {
    "to": QT_TRANSLATE_NOOP("DraftCard", "To"),
    "cc": QT_TRANSLATE_NOOP("DraftCard", "Cc"),
    "bcc": QT_TRANSLATE_NOOP("DraftCard", "Bcc"),
    "subject": QT_TRANSLATE_NOOP("DraftCard", "Subject"),
    "body": QT_TRANSLATE_NOOP("DraftCard", "Body"),
    "attachments": QT_TRANSLATE_NOOP("DraftCard", "Attachments"),
    "invitation": QT_TRANSLATE_NOOP("DraftCard", "Invitation"),
}
_DRAFT_NUMBER = re.compile(r"\bDraft #(\d+)")
# Commas and semicolons (also the full-width ones) separate recipients, except inside quotes.
_SEPARATOR = re.compile(r"""[,;，；、](?=(?:[^"]*"[^"]*")*[^"]*$)""")


def field_label(field: str) -> str:
    """A draft field's name on the card ("To", "Subject" …); an unknown field as it is."""
    label = FIELD_LABELS.get(field)
    return QCoreApplication.translate("DraftCard", label) if label else field


def split_recipients(text: str) -> list[str]:
    """``a@x.example, "Wang, Fang" <f@x.example>；王芳`` → its three entries."""
    return [entry.strip() for entry in _SEPARATOR.split(text) if entry.strip()]


def draft_number(tool: str, content: str, ok: bool) -> int | None:
    """The draft a ``draft_email`` result made, if it is one."""
    if tool != DRAFT_TOOL or not ok:
        return None
    try:
        found = json.loads(content)
    except ValueError:
        return None
    number = found.get("draft_id") if isinstance(found, dict) else None
    return number if isinstance(number, int) else None


def command_draft_number(question: str, answer: str) -> int | None:
    """The draft a ``/draft`` command opened, named ``Draft #N`` in its answer."""
    if not question.strip().lower().startswith(DRAFT_COMMAND):
        return None
    found = _DRAFT_NUMBER.search(answer)
    return int(found.group(1)) if found else None


class DraftCard(FollowUp):
    """One draft, editable; ``said`` carries each outcome sentence (also shown on the card)."""

    said = Signal(str)

    def __init__(self, services: Services, stored: StoredDraft,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("draftCard")
        self._services = services
        self.draft_id = stored.id
        self._attachments = list(stored.draft.attachments)
        self._invitation = stored.draft.invitation
        self._pending: Callable[[], None] | None = None
        self._filling = True
        self.setAccessibleName(self.tr("Email draft {number}").format(number=stored.id))

        header = QHBoxLayout()
        kind = QLabel(self.tr("Email draft #{number}").format(number=stored.id))
        kind.setObjectName("cardKind")
        header.addWidget(kind)
        if stored.draft.source == "assistant":
            badge = QLabel(self.tr("AI-written"))
            badge.setObjectName("aiBadge")
            badge.setToolTip(self.tr("The assistant wrote this draft; read it before you send "
                                     "it."))
            self.setAccessibleDescription(badge.toolTip())
            header.addWidget(badge)
        header.addStretch(1)
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("draftSaved")
        header.addWidget(self.saved_label)

        self.fields: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.setContentsMargins(0, 0, 0, 0)
        for name in (*ADDRESS_FIELDS, "subject"):
            line = QLineEdit()
            line.setObjectName(f"draft_{name}")
            line.setAccessibleName(field_label(name))
            if name in ADDRESS_FIELDS:
                line.setPlaceholderText(self.tr("Contacts or addresses, separated by commas"))
                line.editingFinished.connect(lambda n=name: self._resolve(n))
            line.textEdited.connect(self._edited)
            self.fields[name] = line
            form.addRow(field_label(name), line)
        self.body = QPlainTextEdit()
        self.body.setObjectName("draftBody")
        self.body.setAccessibleName(field_label("body"))
        self.body.setMinimumHeight(BODY_MIN_HEIGHT)
        self.body.setTabChangesFocus(True)
        self.body.textChanged.connect(self._edited)
        form.addRow(field_label("body"), self.body)
        files = QHBoxLayout()
        self.files_label = QLabel()
        self.files_label.setObjectName("draftFiles")
        self.files_label.setWordWrap(True)
        self.files_label.setAccessibleName(self.tr("Files"))
        attach = card_button(self.tr("Attach…"), "attachButton", self.tr("Attach files"))
        attach.clicked.connect(self.choose_attachments)
        self.clear_files = card_button(self.tr("Remove"), "removeAttachments",
                                       self.tr("Remove attachments"))
        self.clear_files.clicked.connect(self.remove_attachments)
        files.addWidget(self.files_label, 1)
        files.addWidget(attach)
        files.addWidget(self.clear_files)
        form.addRow(self.tr("Files"), files)

        self.problems_label = QLabel()
        self.problems_label.setObjectName("draftProblems")
        self.problems_label.setAccessibleName(self.tr("Problems"))
        self.problems_label.setWordWrap(True)
        self.problems_label.hide()

        self.buttons: dict[str, QPushButton] = {}
        actions = QHBoxLayout()
        for key, text, handler in (
            ("copy", self.tr("Copy"), self.copy),
            ("open", self.tr("Open in mail program"), self.open_in_mail_program),
            ("eml", self.tr("Save .eml…"), self.choose_eml_file),
            ("gmail", self.tr("Save to Gmail…"), self.propose_gmail),
            ("imap", self.tr("Save to mailbox…"), self.propose_imap),
        ):
            button = card_button(text, f"draft_{key}")
            button.clicked.connect(handler)
            actions.addWidget(button)
            self.buttons[key] = button
        actions.addStretch(1)

        self.confirm_label = QLabel()
        self.confirm_label.setObjectName("draftConfirm")
        self.confirm_label.setWordWrap(True)
        self.confirm_button = card_button(self.tr("Save"), "allowButton")
        self.confirm_button.clicked.connect(self._confirmed)
        self.cancel_button = card_button(self.tr("Cancel"), "refuseButton")
        self.cancel_button.clicked.connect(self._hide_confirmation)
        self.confirm_row = QWidget()
        confirm = QHBoxLayout(self.confirm_row)
        confirm.setContentsMargins(0, 0, 0, 0)
        confirm.addWidget(self.confirm_label, 1)
        confirm.addWidget(self.confirm_button)
        confirm.addWidget(self.cancel_button)
        self.confirm_row.hide()

        self.status = QLabel()
        self.status.setObjectName("statusLabel")
        self.status.setWordWrap(True)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(lambda link: QDesktopServices.openUrl(QUrl(link)))

        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 12)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addLayout(form)
        layout.addWidget(self.problems_label)
        layout.addLayout(actions)
        layout.addWidget(self.confirm_row)
        layout.addWidget(self.status)

        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.store)
        self._show(stored)

    # Made by follow_ups ----------------------------------------------------------------------

    @classmethod
    def for_tool_result(cls, services: Services, tool: str, content: str,
                        ok: bool) -> DraftCard | None:
        return cls.opened(services, draft_number(tool, content, ok))

    @classmethod
    def for_command(cls, services: Services, question: str, answer: str) -> DraftCard | None:
        return cls.opened(services, command_draft_number(question, answer))

    @classmethod
    def opened(cls, services: Services, draft_id: int | None) -> DraftCard | None:
        """The card for a stored draft; None if there is none (an Undo deleted it)."""
        if draft_id is None:
            return None
        from desktop_assistant.mail.errors import DraftNotFound

        try:
            return cls(services, services.mail.get(draft_id))
        except DraftNotFound:
            return None

    # What the card holds ---------------------------------------------------------------------

    def values(self) -> dict[str, Any]:
        """The fields as the mail service's ``update_draft`` takes them."""
        values: dict[str, Any] = {name: split_recipients(self.fields[name].text())
                                  for name in ADDRESS_FIELDS}
        values["subject"] = self.fields["subject"].text().strip()
        values["body"] = self.body.toPlainText()
        values["attachments"] = list(self._attachments)
        return values

    def _show(self, stored: StoredDraft) -> None:
        self._filling = True
        try:
            draft = stored.draft
            for name in ADDRESS_FIELDS:
                self.fields[name].setText(", ".join(getattr(draft, name)))
            self.fields["subject"].setText(draft.subject)
            self.body.setPlainText(draft.body)
            self._attachments = list(draft.attachments)
            self._invitation = draft.invitation
        finally:
            self._filling = False
        self._show_files()
        self._show_problems(stored)

    def _show_files(self) -> None:
        names = [Path(p).name for p in self._attachments]
        if self._invitation:
            names.append(self.tr("{file} (meeting invitation)").format(
                file=Path(self._invitation).name))
        self.files_label.setText(self.tr(", ").join(names) if names else self.tr("None"))
        self.clear_files.setEnabled(bool(self._attachments))

    def _show_problems(self, stored: StoredDraft) -> None:
        from desktop_assistant.mail.draft import problems

        found = problems(stored.draft)
        self.show_problems(found)

    def show_problems(self, found: list[Problem]) -> None:
        flagged = {p.field for p in found}
        for name, line in self.fields.items():
            line.setProperty("invalid", name in flagged)
            restyle(line)
        self.problems_label.setText("\n".join(
            self.tr("{field}: {problem}").format(field=field_label(p.field),
                                                 problem=p.shown or p.message)
            for p in found))
        self.problems_label.setVisible(bool(found))
        blocked = any(p.blocking for p in found)
        for key in ("open", "eml", "gmail", "imap"):
            self.buttons[key].setEnabled(not blocked)
            self.buttons[key].setToolTip(self.tr("Fix the problems above first.") if blocked
                                         else "")

    # Keeping edits ---------------------------------------------------------------------------

    def _edited(self, *_: object) -> None:
        if self._filling:
            return
        self.saved_label.setText(self.tr("Editing…"))
        self._save_timer.start()

    def store(self) -> None:
        """Keep what is on the card now (the save timer calls this)."""
        self._save_timer.stop()
        values, mail = self.values(), self._services.mail
        self._run(lambda: mail.update_draft(self.draft_id, **values), self._stored,
                  "saving the draft")

    def _stored(self, stored: StoredDraft) -> None:
        self.saved_label.setText(self.tr("Saved"))
        self._show_problems(stored)

    def _resolve(self, name: str) -> None:
        """Names typed into an address field become ``Name <address>`` from the contacts."""
        entries = split_recipients(self.fields[name].text())
        if all("@" in entry for entry in entries):
            return
        mail = self._services.mail

        def resolved(found: tuple[str, ...]) -> None:
            if split_recipients(self.fields[name].text()) == entries:  # not typed over since
                self.fields[name].setText(", ".join(found))
                self._edited()

        self._run(lambda: mail.resolve_recipients(entries), resolved, "looking up recipients")

    def choose_attachments(self) -> None:
        chosen, _ = QFileDialog.getOpenFileNames(self, self.tr("Attach files"),
                                                 str(Path.home()))
        if chosen:
            self.add_attachments([str(Path(p)) for p in chosen])

    def add_attachments(self, paths: list[str]) -> None:
        self._attachments.extend(p for p in paths if p not in self._attachments)
        self._show_files()
        self.store()

    def remove_attachments(self) -> None:
        self._attachments.clear()
        self._show_files()
        self.store()

    # Handing over ----------------------------------------------------------------------------

    def copy(self) -> None:
        def copied(texts: tuple[str, str]) -> None:
            data = QMimeData()
            data.setText(texts[0])
            data.setHtml(texts[1])
            QGuiApplication.clipboard().setMimeData(data)
            self._say(self.tr("Copied the email to the clipboard (plain and rich text)."), "ok")

        self._hand_over(lambda mail: mail.copy_texts(self.draft_id), copied, "copying",
                        self.tr("Copying…"))

    def open_in_mail_program(self) -> None:
        def opened(url: str) -> None:
            if QDesktopServices.openUrl(QUrl(url)):
                self._say(self.tr("Opened in your mail program; send it from there."), "ok")
            else:
                self._say(self.tr("No mail program is set up to open it. Use Save .eml… or "
                                  "Copy instead."), "error")

        self._hand_over(lambda mail: mail.mail_program_url(self.draft_id), opened,
                        "opening the mail program", self.tr("Opening the mail program…"))

    def choose_eml_file(self) -> None:
        subject = re.sub(r'[\\/:*?"<>|\s]+', " ", self.fields["subject"].text()).strip()
        suggested = Path.home() / f"{subject or f'draft-{self.draft_id}'}.eml"
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the draft as"),
                                              str(suggested), self.tr("Email files (*.eml)"))
        if path:
            self.save_eml(Path(path))

    def save_eml(self, path: Path) -> None:
        def written(target: Path) -> None:
            link = f'<a href="{target.as_uri()}">{html.escape(target.name)}</a>'
            self._say(self.tr("Saved {link}; open it in your mail program to send it.").format(
                link=link), "ok", rich=True)

        self._hand_over(lambda mail: mail.write_eml(self.draft_id, path), written,
                        "saving the .eml file", self.tr("Saving the .eml file…"))

    def propose_gmail(self) -> None:
        self._propose("save_draft_to_gmail", lambda mail: mail.describe_gmail(self.draft_id),
                      lambda mail: mail.save_to_gmail(self.draft_id))

    def propose_imap(self) -> None:
        self._propose("save_draft_to_mailbox", lambda mail: mail.describe_imap(self.draft_id),
                      lambda mail: mail.save_to_imap(self.draft_id))

    def _propose(self, tool: str, describe: Callable[[Any], str],
                 act: Callable[[Any], str]) -> None:
        """Say exactly what will happen, and wait for Save on the card."""
        def described(summary: str) -> None:
            self.confirm_label.setText(summary)
            self.confirm_row.show()
            self._pending = lambda: self._hand_over(
                lambda mail: self._audited(mail, tool, summary, act), self._remote_saved,
                "saving the draft to your mailbox", self.tr("Saving the draft to your mailbox…"))
            self.confirm_button.setFocus()

        self._hand_over(describe, described, "checking the mailbox settings",
                        self.tr("Checking the mailbox settings…"))

    def _confirmed(self) -> None:
        pending, self._pending = self._pending, None
        self._hide_confirmation()
        if pending is not None:
            pending()

    def _hide_confirmation(self) -> None:
        self._pending = None
        self.confirm_row.hide()

    def _audited(self, mail: Any, tool: str, summary: str, act: Callable[[Any], str]) -> str:
        """Run a mailbox action and write it to the audit log, as the agent does its tools."""
        history = self._services.history
        stored = mail.get(self.draft_id)
        try:
            said = act(mail)
        except Exception as error:
            history.audit(conversation_id=stored.draft.conversation_id, call_id=None,
                          tool=tool, effect="external", arguments={"draft_id": self.draft_id},
                          approval="confirmed on the draft card", outcome="error",
                          result=str(error))
            raise
        history.audit(conversation_id=stored.draft.conversation_id, call_id=None, tool=tool,
                      effect="external", arguments={"draft_id": self.draft_id},
                      approval="confirmed on the draft card", outcome="ok", result=said)
        return said

    def _remote_saved(self, said: str) -> None:
        # The service's sentence is English (the audit log keeps it); ``message`` is the same
        # in the interface language.
        self._say(getattr(said, "message", said), "ok")

    def _hand_over(self, action: Callable[[Any], Any], done: Callable[[Any], None],
                   description: str, doing: str) -> None:
        """Store the card's fields, then run ``action(mail_service)``, in one worker;
        ``doing`` is shown meanwhile (``description`` names the worker in the log)."""
        self._save_timer.stop()
        values, mail, draft_id = self.values(), self._services.mail, self.draft_id

        def work() -> Any:
            mail.update_draft(draft_id, **values)
            return action(mail)

        def finished(result: Any) -> None:
            self.saved_label.setText(self.tr("Saved"))
            done(result)

        self._say(doing, "busy")
        self._run(work, finished, description)

    def _run(self, work: Callable[[], Any], done: Callable[[Any], None],
             description: str) -> None:
        def failed(error: Exception) -> None:
            self._say(str(error), "error")

        run_task(work, on_result=done, on_error=failed, context=self,
                 cleanup=self._services.release_thread, description=description)

    def _say(self, text: str, state: str, *, rich: bool = False) -> None:
        formats = QtCore.Qt.TextFormat
        self.status.setTextFormat(formats.RichText if rich else formats.PlainText)
        say(self.status, text, state)
        if state != "busy":
            self.said.emit(text)
