"""Saved e-mails (.eml) through the standard library's email parser.

The subject is the title; the sender, recipients and date open the text so a search for a
person finds their mail; the plain-text body is preferred, else the HTML body's visible text.
Attachments are listed by name, not opened.
"""

from __future__ import annotations

from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from desktop_assistant.documents.extractors import Extracted, Limits, extractor
from desktop_assistant.documents.extractors.decoding import read_prefix, truncation_note
from desktop_assistant.documents.extractors.markup import html_as_markdown_lines
from desktop_assistant.documents.extractors.text import TITLE_CHARS, lines_to_chunks


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken transfer encoding
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", errors="replace") if isinstance(payload, bytes) else ""
    if not isinstance(content, str):
        return ""
    if part.get_content_subtype() == "html":
        return html_as_markdown_lines(content)[1]
    return content


@extractor(".eml")
def extract_eml(path: Path, limits: Limits) -> Extracted:
    data, cut = read_prefix(path, limits.text_bytes)
    message = BytesParser(policy=policy.default).parsebytes(data)
    subject = " ".join(str(message.get("subject", "")).split())
    header_lines = [
        f"{name}: {message[name]}" for name in ("From", "To", "Cc", "Date") if message[name]
    ]
    attachments = [a.get_filename() for a in message.iter_attachments() if a.get_filename()]
    if attachments:
        header_lines.append("Attachments: " + ", ".join(str(name) for name in attachments))
    text = "\n".join([f"Subject: {subject}", *header_lines, "", _body(message)])
    builder = lines_to_chunks(text, limits, numbered=False)
    note = truncation_note(limits.text_bytes) if cut or builder.truncated else None
    return Extracted((subject or path.stem)[:TITLE_CHARS], builder.chunks, note)
