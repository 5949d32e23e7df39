"""The mail service: what the tools, the slash command, the CLI and the GUI card call.

Every method is synchronous and safe to call from a worker thread (the database hands each
thread its own connection; every remote call has a timeout). A draft lives in the database from
the moment it is made; ``.eml`` files, ``mailto:`` links, Gmail drafts and IMAP copies are made
from it on demand. A Gmail or IMAP failure raises :class:`MailError` saying what to do, and the
local draft stays as it was. Nothing here sends mail.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate, worded
from desktop_assistant.mail.draft import (
    ADDRESS_FIELDS,
    DRAFT_FIELDS,
    LINE_BREAKS,
    Draft,
    Problem,
    address_problem,
    describe_problems,
    problems,
    unsafe_fields,
)
from desktop_assistant.mail.errors import MailError
from desktop_assistant.mail.imap import PASSWORD_SECRET, ImapAccount, check_account
from desktop_assistant.mail.message import (
    InvalidDraft,
    NotSimple,
    build_message,
    eml_bytes,
    html_text,
    mailto_url,
    new_message_id,
    plain_text,
)
from desktop_assistant.mail.profile import Profile, finish_body, finish_html
from desktop_assistant.mail.store import DraftStore, StoredDraft

if TYPE_CHECKING:
    from email.message import EmailMessage

    from desktop_assistant.app import Services
    from desktop_assistant.calendar.contacts import ContactBook
    from desktop_assistant.db import Database
    from desktop_assistant.secrets import SecretStore

# Fields the card may change; the source says who wrote the body and stays as it was.
EDITABLE = DRAFT_FIELDS - {"source"}
_LIST_FIELDS = {"to", "cc", "bcc", "references", "attachments"}


class Said(str):
    """What a mailbox action did: the English sentence itself (the model's tool result, the
    audit log, the command line) and ``message``, the same in the interface language (the
    draft card). ``template`` is marked in the "MailService" context."""

    message: str

    def __new__(cls, template: str, **fields: object) -> Said:
        english, translated = worded("MailService", template, **fields)
        said = super().__new__(cls, english)
        said.message = translated
        return said


class MailService:
    """Email drafts for one person: make, edit, keep, and hand them over."""

    def __init__(
        self,
        *,
        database: Database,
        folder: Path,
        profile: Callable[[], Profile],
        account: Callable[[], ImapAccount],
        google_client_file: Callable[[], str] = str,
        contacts: ContactBook | None = None,
        secrets: Callable[[], SecretStore] | None = None,
        gmail: Callable[[], Any] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._database = database
        self.folder = folder
        self._profile = profile
        self._account = account
        self._client_file = google_client_file
        self._contacts = contacts
        self._secrets = secrets
        self._gmail = gmail
        self._now = now or (lambda: datetime.now().astimezone())
        self.store = DraftStore(database)

    @property
    def profile(self) -> Profile:
        return self._profile()

    @property
    def account(self) -> ImapAccount:
        return self._account()

    # Making and editing --------------------------------------------------------------------

    def create_draft(self, draft: Draft, *, signature: bool = True) -> StoredDraft:
        """Keep a new draft: the body gets the signature (unless there already) and, when the
        model wrote it, the disclosure line. Line breaks in one-line fields are refused
        (:class:`InvalidDraft`); other problems are kept for the card to flag."""
        draft = _normalized(draft)
        _refuse_line_breaks(draft)
        profile = self.profile
        by_model = draft.source == "assistant"
        body = finish_body(profile, draft.body, written_by_model=by_model,
                           subject=draft.subject, signature=signature)
        html = finish_html(profile, draft.html, draft.body, written_by_model=by_model,
                           subject=draft.subject, signature=signature)
        stored = self.store.add(replace(draft, body=body, html=html),
                                new_message_id(profile.sender))
        if draft.invitation:
            self._hand_over_invitation(draft.invitation)
        return stored

    def update_draft(self, draft_id: int, **changes: Any) -> StoredDraft:
        """Change fields of a draft (as the card edits them): ``to``, ``cc``, ``bcc`` (lists of
        ``Name <address>``), ``subject``, ``body``, ``html``, ``attachments`` (paths),
        ``invitation``, ``in_reply_to``, ``references``, ``quoted``, ``conversation_id``.

        A new ``body`` without a new ``html`` drops the old HTML version, so the message never
        carries text the person has since changed."""
        unknown = set(changes) - EDITABLE
        if unknown:
            raise ValueError(f"A draft has no editable field {', '.join(sorted(unknown))}.")
        values: dict[str, Any] = {k: tuple(v) if k in _LIST_FIELDS else v
                                  for k, v in changes.items()}
        before = self.get(draft_id).draft
        if "html" not in values and values.get("body", before.body) != before.body:
            values["html"] = ""
        draft = _normalized(replace(before, **values))
        _refuse_line_breaks(draft)
        return self.store.replace(draft_id, draft)

    def get(self, draft_id: int) -> StoredDraft:
        return self.store.get(draft_id)

    def drafts_for_conversation(self, conversation_id: int) -> list[StoredDraft]:
        """The conversation's drafts, oldest first (to show their cards again)."""
        return self.store.for_conversation(conversation_id)

    def recent(self, limit: int = 50) -> list[StoredDraft]:
        return self.store.recent(limit)

    def delete(self, draft_id: int) -> bool:
        """Forget a draft (Undo); files and remote copies already made stay where they are."""
        return self.store.delete(draft_id)

    def problems(self, draft_id: int) -> list[Problem]:
        return problems(self.get(draft_id).draft)

    def resolve_recipients(self, entries: Iterable[str]) -> tuple[str, ...]:
        """``Name <address>`` for each entry: an address, or a name or role from the contacts
        (王芳 → 王芳 <wang.fang@corp.example>). UnknownContact (a ValueError) says which
        entry matched nobody, or several people."""
        from email.headerregistry import Address

        resolved: list[str] = []
        for entry in entries:
            text = entry.strip()
            if not text:
                continue
            if LINE_BREAKS.search(text):
                raise InvalidDraft(f"The recipient {text!r} contains a line break; give one "
                                   "name or address per entry.")
            if "@" in text and address_problem(text):
                raise InvalidDraft(f"{text!r} {address_problem(text)}")
            contact = self._contact_book().resolve(text)
            try:
                resolved.append(str(Address(display_name=contact.name, addr_spec=contact.email)))
            except (ValueError, IndexError):
                resolved.append(f"{contact.name} <{contact.email}>" if contact.name
                                else contact.email)
        return tuple(dict.fromkeys(resolved))

    # Handing over --------------------------------------------------------------------------

    def message(self, draft_id: int, *, unsent: bool = False) -> EmailMessage:
        """The draft as an email (InvalidDraft lists what to fix first)."""
        stored = self.get(draft_id)
        return build_message(stored.draft, sender=self.profile.sender,
                             message_id=stored.message_id, date=self._now(), unsent=unsent)

    def eml(self, draft_id: int) -> bytes:
        return eml_bytes(self.message(draft_id, unsent=True))

    def write_eml(self, draft_id: int, path: Path | str | None = None) -> Path:
        """Write the draft as an ``.eml`` file (to ``path``, a folder or a file, or to the
        app's drafts folder) and remember where; the file's path."""
        data = self.eml(draft_id)
        target = self._eml_path(draft_id, path)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(data)
        os.replace(partial, target)
        self.store.saved(draft_id, eml_path=str(target))
        return target

    def mailto(self, draft_id: int) -> str:
        """A ``mailto:`` link, for drafts with no attachments or HTML that are short enough;
        otherwise :class:`NotSimple` saying why."""
        return mailto_url(self.get(draft_id).draft)

    def mail_program_url(self, draft_id: int) -> str:
        """What "Open in mail program" opens: the ``mailto:`` link of a simple draft, else the
        ``file:`` URL of its ``.eml`` (written to the app's drafts folder)."""
        try:
            return self.mailto(draft_id)
        except NotSimple:
            return self.write_eml(draft_id).as_uri()

    def copy_texts(self, draft_id: int) -> tuple[str, str]:
        """The body for Copy: (plain text, HTML)."""
        draft = self.get(draft_id).draft
        return plain_text(draft), html_text(draft)

    def describe_gmail(self, draft_id: int) -> str:
        """Exactly what :meth:`save_to_gmail` will do, for the confirmation card (in the
        interface language: only the person reads it)."""
        stored = self.get(draft_id)
        template = QT_TRANSLATE_NOOP(
            "MailService", "Save {draft} to Gmail: update the Gmail draft saved before. "
            "Nothing is sent.") if stored.gmail_draft_id else QT_TRANSLATE_NOOP(
            "MailService", "Save {draft} to Gmail: add it to the Drafts of the Gmail account "
            "you signed in with. Nothing is sent.")
        return translate("MailService", template).format(
            draft=headline(stored, translated=True))

    def save_to_gmail(self, draft_id: int) -> Said:
        """Save (or update) the draft in Gmail Drafts; a sentence saying so."""
        stored = self.get(draft_id)
        data = eml_bytes(self.message(draft_id))
        from desktop_assistant.mail.gmail import GmailDrafts

        try:
            gmail_id = GmailDrafts(self._gmail_client()).save(data, stored.gmail_draft_id)
        except MailError as error:
            raise _kept(error, draft_id) from None
        self.store.saved(draft_id, gmail_draft_id=gmail_id)
        return Said(QT_TRANSLATE_NOOP("MailService", "Saved draft #{draft} to your Gmail Drafts. "
                                      "Open Gmail to check it and send it; nothing was sent."),
                    draft=draft_id)

    def describe_imap(self, draft_id: int) -> str:
        """Exactly what :meth:`save_to_imap` will do, for the confirmation card (in the
        interface language: only the person reads it)."""
        stored, account = self.get(draft_id), self.account
        check_account(account)
        folder = translate("MailService", "the folder {name!r}").format(
            name=account.drafts_folder) if account.drafts_folder.strip() else \
            translate("MailService", "the Drafts folder")
        security = {"ssl": "SSL", "starttls": "STARTTLS"}.get(account.security) or (
            translate("MailService", "no encryption") if account.security == "none"
            else account.security)
        template = QT_TRANSLATE_NOOP(
            "MailService", "Save {draft} to {folder} of {account} over IMAP ({security}) "
            "(replacing the copy saved before). Nothing is sent.") if stored.imap_uid else \
            QT_TRANSLATE_NOOP("MailService", "Save {draft} to {folder} of {account} over IMAP "
                              "({security}). Nothing is sent.")
        return translate("MailService", template).format(
            draft=headline(stored, translated=True), folder=folder, account=account.label,
            security=security)

    def save_to_imap(self, draft_id: int) -> Said:
        """Append the draft to the mailbox's Drafts folder; a sentence saying where."""
        from desktop_assistant.mail.imap import save_draft

        stored, account = self.get(draft_id), self.account
        data = eml_bytes(self.message(draft_id))
        try:
            check_account(account)
            password = self._need_secrets().get(PASSWORD_SECRET)
            if not password:
                raise MailError(f"No password for {account.label} is stored yet: "
                                f"desktop-assistant secret set {PASSWORD_SECRET} (with two-step "
                                "sign-in, an app password).")
            landed = save_draft(account, password, data, message_id=stored.message_id,
                                replace=(stored.imap_folder, stored.imap_uid))
        except MailError as error:
            raise _kept(error, draft_id) from None
        self.store.saved(draft_id, imap_folder=landed.folder, imap_uid=landed.uid)
        return Said(QT_TRANSLATE_NOOP(
            "MailService", "Saved draft #{draft} to the “{folder}” folder of {account}. Open "
            "your mail program to check it and send it; nothing was sent."),
            draft=draft_id, folder=landed.folder, account=account.label)

    def check_imap(self, values: Mapping[str, Any] | None = None, password: str = "") -> str:
        """Log in with these settings (``mail_imap_*`` keys as in Settings; the saved ones by
        default) and ``password`` (else the stored one), and find the Drafts folder: a
        sentence saying which. Nothing is changed in the mailbox."""
        from desktop_assistant.mail.imap import drafts_folder_of

        account = self.account
        if values:
            fields = {"mail_imap_host": "host", "mail_imap_port": "port",
                      "mail_imap_username": "username", "mail_imap_security": "security",
                      "mail_imap_drafts_folder": "drafts_folder"}
            account = replace(account, **{fields[k]: v for k, v in values.items()
                                          if k in fields})
        check_account(account)
        secret = password or self._need_secrets().get(PASSWORD_SECRET) or ""
        if not secret:
            raise MailError(f"Enter the password for {account.label} (with two-step sign-in, "
                            "an app password).")
        folder = drafts_folder_of(account, secret)
        return translate(
            "MailService", "Signed in to {account}; drafts will go to the “{folder}” folder."
        ).format(account=account.label, folder=folder)

    def gmail_sign_in(self) -> str:
        from desktop_assistant.mail.gmail import gmail_sign_in

        return gmail_sign_in(self._client_file(), self._need_secrets())

    def close(self) -> None:
        """Nothing stays open between calls (each save connects and disconnects)."""

    # Helpers -------------------------------------------------------------------------------

    def _gmail_client(self) -> Any:
        if self._gmail is not None:
            return self._gmail()
        from desktop_assistant.mail.gmail import gmail_service

        return gmail_service(self._need_secrets(), self.account.timeout)

    def _need_secrets(self) -> SecretStore:
        if self._secrets is None:
            from desktop_assistant.secrets import SecretStore

            store = SecretStore()
            self._secrets = lambda: store
        return self._secrets()

    def _contact_book(self) -> ContactBook:
        if self._contacts is None:
            from desktop_assistant.calendar.contacts import ContactBook

            self._contacts = ContactBook(self._database)
        return self._contacts

    def _eml_path(self, draft_id: int, path: Path | str | None) -> Path:
        name = f"draft-{draft_id}.eml"
        if path is None:
            return self.folder / "drafts" / name
        target = Path(path).expanduser()
        return target / name if target.is_dir() else target

    def _hand_over_invitation(self, path: str) -> None:
        """Tell the calendar its invitation file is now attached to a draft."""
        from desktop_assistant.calendar.invites import mark_handed_to_mail, pending_invitations

        wanted = Path(path).expanduser()
        try:
            for pending in pending_invitations(self._database):
                if pending.path == wanted:
                    mark_handed_to_mail(self._database, pending.id)
        except sqlite3.OperationalError:  # a database without the calendar's tables
            return


def headline(stored: StoredDraft, *, translated: bool = False) -> str:
    """"draft #3 “Subject” to 王芳 <wang.fang@corp.example>; cc …; with a.pdf" in one line;
    in the interface language when ``translated`` (for the person; tool results stay English)."""
    def tr(text: str) -> str:
        return translate("MailService", text) if translated else text

    draft = stored.draft
    parts = [tr(QT_TRANSLATE_NOOP("MailService", "draft #{number} “{subject}” to {to}")).format(
        number=stored.id,
        subject=draft.subject or tr(QT_TRANSLATE_NOOP("MailService", "(no subject)")),
        to=", ".join(draft.to) or tr(QT_TRANSLATE_NOOP("MailService", "nobody yet")))]
    copies = {"cc": QT_TRANSLATE_NOOP("MailService", "cc {addresses}"),
              "bcc": QT_TRANSLATE_NOOP("MailService", "bcc {addresses}")}
    parts += [tr(copies[name]).format(addresses=", ".join(getattr(draft, name)))
              for name in ADDRESS_FIELDS[1:] if getattr(draft, name)]
    files = [Path(a).name for a in draft.attachments]
    if draft.invitation:
        files.append(tr(QT_TRANSLATE_NOOP("MailService", "{file} (meeting invitation)")).format(
            file=Path(draft.invitation).name))
    if files:
        parts.append(tr(QT_TRANSLATE_NOOP("MailService", "with {files}")).format(
            files=", ".join(files)))
    return "; ".join(parts)


def _normalized(draft: Draft) -> Draft:
    """Entries trimmed and empty ones dropped, so the card's blank lines are not recipients."""
    def entries(values: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(e.strip() for e in values if e.strip())

    return replace(
        draft, to=entries(draft.to), cc=entries(draft.cc), bcc=entries(draft.bcc),
        references=entries(draft.references), attachments=entries(draft.attachments),
        subject=draft.subject.strip(" \t"), in_reply_to=draft.in_reply_to.strip(" \t"),
        invitation=draft.invitation.strip(" \t"),
    )


def _refuse_line_breaks(draft: Draft) -> None:
    broken = unsafe_fields(draft)
    if broken:
        raise InvalidDraft(describe_problems(broken))


def _kept(error: MailError, draft_id: int) -> MailError:
    error.args = (f"{error} Draft #{draft_id} is still here, unchanged.",)
    return error


def open_mail(services: Services) -> MailService:
    """The mail service for the app's services (settings are read on every use)."""
    return MailService(
        database=services.database,
        folder=services.paths.data_dir / "mail",
        profile=lambda: Profile.from_settings(services.settings),
        account=lambda: ImapAccount.from_settings(services.settings),
        google_client_file=lambda: services.settings.calendar_google_client_file,
        secrets=lambda: services.secrets,
        now=lambda: datetime.now(services.zone()),
    )
