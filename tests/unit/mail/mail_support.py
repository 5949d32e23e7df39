"""Helpers for the mail tests: a service on its own database, and both parsers of .eml files."""

from __future__ import annotations

from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from desktop_assistant.calendar.schema import MIGRATIONS as CALENDAR_MIGRATIONS
from desktop_assistant.db import Database
from desktop_assistant.mail.imap import ImapAccount
from desktop_assistant.mail.profile import Profile
from desktop_assistant.mail.schema import MIGRATIONS
from desktop_assistant.mail.service import MailService
from desktop_assistant.secrets import SecretStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 3, 4, 9, 30, tzinfo=SHANGHAI)
ME = Profile(name="张伟", title="采购经理", address="zhang.wei@corp.example")


def make_service(
    folder: Path, *, profile: Profile = ME, account: ImapAccount | None = None,
    gmail: Any = None, secrets: SecretStore | None = None,
) -> MailService:
    """A mail service on its own database (with the calendar's tables, for contacts and
    invitations) under ``folder``, with a fixed clock."""
    database = Database(folder / "assistant.db", [*CALENDAR_MIGRATIONS, *MIGRATIONS])
    return MailService(
        database=database, folder=folder / "mail", profile=lambda: profile,
        account=lambda: account or ImapAccount(host=""),
        secrets=(lambda: secrets) if secrets is not None else None,
        gmail=(lambda: gmail) if gmail is not None else None, now=lambda: NOW,
    )


def with_contacts(service: MailService, *people: tuple[str, str]) -> MailService:
    """``service`` with (email, name) contacts; 王芳 is also "finance lead"."""
    from desktop_assistant.calendar.contacts import Contact, ContactBook

    book = ContactBook(service.store._database)
    for email, name in people:
        book.save(Contact(email, name, aliases=("finance lead",) if name == "王芳" else ()))
    return service


def stdlib_parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    assert [d for part in message.walk() for d in part.defects] == []
    return message


def unify(text: str) -> str:
    """Line ends as Python writes them (mail on the wire has CRLF)."""
    return text.replace("\r\n", "\n")


def as_seen_by_stdlib(data: bytes) -> dict[str, Any]:
    """What a mail program shows of a message, through the standard library's parser."""
    message = stdlib_parse(data)
    body = message.get_body(preferencelist=("plain",))
    html = message.get_body(preferencelist=("html",))

    def people(name: str) -> list[tuple[str, str]]:
        header = message[name]
        return [(a.display_name, a.addr_spec) for a in header.addresses] if header else []

    return {
        "from": people("From"), "to": people("To"), "cc": people("Cc"), "bcc": people("Bcc"),
        "subject": str(message["Subject"] or ""), "message_id": str(message["Message-ID"]),
        "in_reply_to": str(message["In-Reply-To"] or ""),
        "text": unify(body.get_content()) if body is not None else "",
        "html": unify(html.get_content()) if html is not None and html is not body else "",
        "attachments": [(part.get_filename(), part.get_content_type(),
                         part.get_payload(decode=True)) for part in message.iter_attachments()],
    }


def as_seen_by_rust(data: bytes) -> dict[str, Any]:
    """The same, through fast-mail-parser (Rust's mailparse): an independent reading."""
    import fast_mail_parser

    mail = fast_mail_parser.parse_email(data, strict=True)
    assert mail.warnings == []

    def people(found: Any) -> list[tuple[str, str]]:
        items = found if isinstance(found, list) else [found] if found else []
        return [(a.display_name or "", a.address) for a in items]

    headers = mail.headers
    return {
        "from": people(mail.from_), "to": people(mail.to), "cc": people(mail.cc),
        "bcc": people(mail.bcc), "subject": mail.subject or "",
        "message_id": headers["Message-ID"][0],
        "in_reply_to": headers.get("In-Reply-To", [""])[0],
        "text": "".join(unify(t) for t in mail.text_plain),
        "html": "".join(unify(t) for t in mail.text_html),
        "attachments": [(a.filename, a.mimetype, bytes(a.content)) for a in mail.attachments],
    }
