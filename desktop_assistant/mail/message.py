"""A draft as a real email: the standard library's ``EmailMessage``, an ``.eml``, a ``mailto:``.

Messages use ``email.policy.SMTP`` (CRLF line ends, 78-column folding) restricted to 7-bit
output, so every transport and mail program accepts them: Chinese display names and subjects
become RFC 2047 encoded words, Chinese file names RFC 2231 parameters, and UTF-8 bodies are
base64 or quoted-printable. With HTML the body is ``multipart/alternative``; attachments get
their type from :mod:`mimetypes`; a meeting invitation is ``text/calendar; method=REQUEST``
(or CANCEL, as its file says), which calendar programs turn into accept/decline buttons.
"""

from __future__ import annotations

import base64
import html as html_escape
import mimetypes
import re
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from pathlib import Path
from urllib.parse import quote

from desktop_assistant.mail.draft import Draft, blocking, describe_problems, problems


class _MailPolicy(policy.EmailPolicy):
    """``policy.SMTP`` (7-bit), but Subject and address headers are folded here.

    Python 3.11's folding loses text in two ways the round-trip tests found: a space that falls
    at a fold between two encoded words is dropped by every reader (RFC 2047 says whitespace
    between encoded words is ignored: "报价 — we" came back as "报价— we"), and in a list of
    addresses with non-ASCII names the comma between two addresses can end up inside an
    encoded word, so two recipients read as one. Here a non-ASCII subject or name is encoded
    words holding every character (spaces too), and each address has its own line.
    """

    def fold(self, name: str, value: str) -> str:
        return _folded(name, value, self.linesep) or super().fold(name, value)

    def fold_binary(self, name: str, value: str) -> bytes:
        folded = _folded(name, value, self.linesep)
        return folded.encode("ascii") if folded else super().fold_binary(name, value)


POLICY = _MailPolicy(linesep="\r\n", cte_type="7bit")
# 45 bytes are 60 base64 characters: a 72-character encoded word, under RFC 2047's 75.
_WORD_BYTES = 45
_ADDRESS_HEADERS = {"from", "to", "cc", "bcc", "reply-to", "sender"}
MAILTO_MAX_CHARS = 2000  # Windows and several mail programs cut longer mailto: links
MESSAGE_ID_DOMAIN = "desktop-assistant.invalid"
_METHOD = re.compile(rb"^METHOD:([A-Z-]+)\s*$", re.MULTILINE)


class InvalidDraft(ValueError):
    """The draft cannot become a message as it is; the message lists what to fix."""


class NotSimple(ValueError):
    """The draft does not fit a ``mailto:`` link; the message says why (use the .eml)."""


def new_message_id(sender: str) -> str:
    """A fresh ``<…@domain>`` Message-ID, on the sender's domain when there is one."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or MESSAGE_ID_DOMAIN
    return make_msgid(domain=domain)  # never asks DNS for this host's name, given a domain


def build_message(
    draft: Draft, *, sender: str = "", message_id: str = "", date: datetime | None = None,
    unsent: bool = False,
) -> EmailMessage:
    """The email for ``draft``, or :class:`InvalidDraft` naming every blocking problem.

    ``unsent`` adds ``X-Unsent: 1``, which makes Outlook open an ``.eml`` as a draft to send
    rather than as a received message.
    """
    wrong = blocking(problems(draft))
    if wrong:
        raise InvalidDraft(describe_problems(wrong))
    message = EmailMessage(policy=POLICY)
    if sender:
        message["From"] = _address(sender)
    for header, entries in (("To", draft.to), ("Cc", draft.cc), ("Bcc", draft.bcc)):
        if entries:
            message[header] = [_address(entry) for entry in entries]
    message["Subject"] = draft.subject.strip()
    message["Date"] = format_datetime(date or datetime.now().astimezone())
    message["Message-ID"] = message_id or new_message_id(sender)
    if draft.in_reply_to:
        message["In-Reply-To"] = draft.in_reply_to.strip()
        references = [r.strip() for r in draft.references]
        if draft.in_reply_to.strip() not in references:
            references.append(draft.in_reply_to.strip())
        message["References"] = " ".join(references)
    elif draft.references:
        message["References"] = " ".join(r.strip() for r in draft.references)
    if unsent:
        message["X-Unsent"] = "1"
    message.set_content(plain_text(draft))
    if draft.html:
        message.add_alternative(html_text(draft), subtype="html")
    for name in draft.attachments:
        _attach_file(message, Path(name).expanduser())
    if draft.invitation:
        _attach_invitation(message, Path(draft.invitation).expanduser())
    return message


def eml_bytes(message: EmailMessage) -> bytes:
    """The message as an RFC 5322 file (CRLF line ends, 7-bit)."""
    return message.as_bytes(policy=POLICY)


def plain_text(draft: Draft) -> str:
    """The body as text, with the original quoted below it (Copy, and the text/plain part)."""
    text = draft.body.replace("\r\n", "\n").rstrip("\n")
    if draft.quoted.strip():
        quoted = "\n".join(f"> {line}" if line else ">"
                           for line in draft.quoted.replace("\r\n", "\n").rstrip("\n").split("\n"))
        text = f"{text}\n\n{quoted}"
    return text + "\n"


def html_text(draft: Draft) -> str:
    """The body as HTML (Copy as rich text, and the text/html part): the draft's own HTML,
    else its text with paragraphs and line breaks kept."""
    body = draft.html or _paragraphs(draft.body)
    if draft.quoted.strip():
        body += f"\n<blockquote>{_paragraphs(draft.quoted)}</blockquote>"
    if "<html" in body.lower():
        return body
    return f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"></head><body>\n{body}\n" \
           "</body></html>\n"


def mailto_url(draft: Draft) -> str:
    """A ``mailto:`` link (RFC 6068) for a simple draft, or :class:`NotSimple` saying why."""
    wrong = blocking(problems(draft))
    if wrong:
        raise InvalidDraft(describe_problems(wrong))
    if draft.attachments or draft.invitation:
        raise NotSimple("A mailto: link cannot carry attachments; open the .eml file instead.")
    if draft.html:
        raise NotSimple("A mailto: link cannot carry formatted (HTML) text; open the .eml file "
                        "instead.")
    to = ",".join(quote(parseaddr(entry)[1], safe="@") for entry in draft.to)
    fields = [("cc", draft.cc), ("bcc", draft.bcc)]
    query = [f"{name}={quote(','.join(parseaddr(e)[1] for e in entries), safe='@,')}"
             for name, entries in fields if entries]
    if draft.subject:
        query.append(f"subject={quote(draft.subject.strip(), safe='')}")
    if draft.in_reply_to:
        query.append(f"In-Reply-To={quote(draft.in_reply_to.strip(), safe='')}")
    body = plain_text(draft).rstrip("\n")
    if body:
        query.append("body=" + quote(body.replace("\n", "\r\n"), safe=""))
    url = f"mailto:{to}" + (f"?{'&'.join(query)}" if query else "")
    if len(url) > MAILTO_MAX_CHARS:
        raise NotSimple(f"The draft is too long for a mailto: link ({len(url)} characters; "
                        f"mail programs take about {MAILTO_MAX_CHARS}); open the .eml file "
                        "instead.")
    return url


def _folded(name: str, value: str, linesep: str) -> str | None:
    """The header folded by :class:`_MailPolicy`, or None to leave it to the stdlib."""
    key = name.lower()
    if key == "subject" and not str(value).isascii():
        return f"{name}: " + f"{linesep} ".join(_encoded_words(str(value))) + linesep
    addresses = getattr(value, "addresses", None)
    if key in _ADDRESS_HEADERS and addresses is not None:
        return f"{name}: " + f",{linesep} ".join(_mailbox(a) for a in addresses) + linesep
    return None


def _mailbox(address: Address) -> str:
    if address.display_name.isascii():
        return str(address)  # quoted where the name needs it
    return f"{' '.join(_encoded_words(address.display_name))} <{address.addr_spec}>"


def _encoded_words(text: str) -> list[str]:
    """RFC 2047 "B" encoded words for ``text``, split between characters, never inside one."""
    chunks: list[bytes] = [b""]
    for char in text:
        data = char.encode("utf-8")
        if len(chunks[-1]) + len(data) > _WORD_BYTES:
            chunks.append(b"")
        chunks[-1] += data
    return [f"=?utf-8?b?{base64.b64encode(chunk).decode('ascii')}?=" for chunk in chunks]


def _address(entry: str) -> Address:
    name, addr = parseaddr(entry)
    return Address(display_name=name, addr_spec=addr)


def _attach_file(message: EmailMessage, path: Path) -> None:
    kind, encoding = mimetypes.guess_type(path.name, strict=False)
    if encoding == "gzip":
        kind = "application/gzip"
    elif encoding is not None:
        kind = "application/octet-stream"
    maintype, _, subtype = (kind or "application/octet-stream").partition("/")
    message.add_attachment(path.read_bytes(), maintype=maintype, subtype=subtype,
                           filename=path.name)
    _tidy_last_part(message)


def _attach_invitation(message: EmailMessage, path: Path) -> None:
    data = path.read_bytes()
    found = _METHOD.search(data)
    method = found.group(1).decode("ascii") if found else "REQUEST"
    message.add_attachment(data, maintype="text", subtype="calendar", filename=path.name,
                           params={"method": method, "charset": "utf-8"})
    _tidy_last_part(message)


def _tidy_last_part(message: EmailMessage) -> None:
    """``add_attachment`` gives each part its own MIME-Version header; only the top has one."""
    parts = message.get_payload()
    if isinstance(parts, list) and parts and not isinstance(parts[-1], str):
        del parts[-1]["MIME-Version"]


def _paragraphs(text: str) -> str:
    blocks = re.split(r"\n\s*\n", text.replace("\r\n", "\n").strip("\n"))
    return "\n".join(
        "<p>" + "<br>\n".join(html_escape.escape(line) for line in block.split("\n")) + "</p>"
        for block in blocks if block.strip()
    )
