"""An email draft as the person sees it on the card, and what is wrong with it.

A :class:`Draft` is plain data: recipients as ``"Name <address>"`` strings, subject, body,
optional HTML, the message it replies to, files to attach and a meeting invitation. It holds
no signature logic and no sender: the profile and the message builder add those.
:func:`problems` finds what would make the message wrong or unsafe, so the card can flag it
before anything is saved and the model gets a tool error it can correct.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Literal

from desktop_assistant.i18n import QT_TRANSLATE_NOOP, translate, worded

Source = Literal["assistant", "person"]
SOURCES: tuple[str, ...] = ("assistant", "person")
ADDRESS_FIELDS: tuple[str, ...] = ("to", "cc", "bcc")
# Gmail's limit for a message with its attachments; most mail servers accept about the same.
MAX_ATTACHMENT_BYTES = 25 * 1024 * 1024

# Characters that end a line somewhere: in email headers (CR, LF) and in the text tools that
# will show them (str.splitlines also splits on these).
LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_MESSAGE_ID = re.compile(r"<[^<>\s@]+@[^<>\s@]+>")


@dataclass(frozen=True)
class Draft:
    """One email draft. Every field but ``body``, ``html`` and ``quoted`` is one line."""

    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    subject: str = ""
    body: str = ""
    html: str = ""  # optional rich version of the body; the message then has both
    in_reply_to: str = ""  # the Message-ID replied to, "<id@host>"
    references: tuple[str, ...] = ()  # the thread's Message-IDs, oldest first
    quoted: str = ""  # the original text, quoted below the body
    attachments: tuple[str, ...] = ()  # file paths
    invitation: str = ""  # a meeting invitation (.ics, iTIP) path
    source: Source = "person"  # "assistant" when the model wrote it
    conversation_id: int | None = None

    def recipients(self) -> tuple[str, ...]:
        return (*self.to, *self.cc, *self.bcc)


DRAFT_FIELDS: frozenset[str] = frozenset(f.name for f in fields(Draft))


@dataclass(frozen=True)
class Problem:
    """Something wrong with one field; ``blocking`` problems stop the draft from being saved
    anywhere (a broken or unsafe message), the others are worth a look. ``message`` is English
    (the model's tool results and errors, the command line); ``shown`` is the same sentence in
    the interface language, for the draft card."""

    field: str
    message: str
    blocking: bool = True
    shown: str = dataclasses.field(default="", compare=False)

    def as_dict(self) -> dict[str, object]:
        return {"field": self.field, "message": self.message, "blocking": self.blocking}


@dataclass
class _Found:
    items: list[Problem] = field(default_factory=list)

    def add(self, name: str, template: str, blocking: bool = True, **fields: object) -> None:
        """A problem from a ``template`` marked in the "DraftProblems" context; a field given
        as a pair (English, translated) is used in each language (a field's label)."""
        english, translated = worded("DraftProblems", template, **fields)
        self.items.append(Problem(name, english, blocking, translated))


def problems(draft: Draft) -> list[Problem]:
    """Everything wrong with ``draft``: line breaks in one-line fields (header injection),
    addresses that are not addresses, missing or oversized attachments, and gentler notes
    (no recipient, no subject, someone listed twice)."""
    found = _Found(unsafe_fields(draft))
    for name in ADDRESS_FIELDS:
        for entry in getattr(draft, name):
            if not LINE_BREAKS.search(entry):
                reason = _address_problem(entry)
                if reason:
                    template, fields = reason
                    found.add(name, QT_TRANSLATE_NOOP("DraftProblems", "{line}: {entry} {reason}"),
                              line=(_label(name).capitalize(), _label(name, translated=True)),
                              entry=repr(entry),
                              reason=worded("DraftProblems", template, **fields))
    for name, value in (("in_reply_to", draft.in_reply_to),
                        *(("references", r) for r in draft.references)):
        if value and not LINE_BREAKS.search(value) and not _MESSAGE_ID.fullmatch(value.strip()):
            found.add(name, QT_TRANSLATE_NOOP(
                "DraftProblems", "{value!r} is not a Message-ID (it looks like <id@host>)."),
                value=value)
    _check_files(draft, found)
    if draft.source not in SOURCES:
        found.add("source", QT_TRANSLATE_NOOP("DraftProblems", "source must be one of "
                                              "{sources}."), sources=", ".join(SOURCES))
    _gentle_notes(draft, found)
    return found.items


def unsafe_fields(draft: Draft) -> list[Problem]:
    """Line breaks and control characters in one-line fields: never stored, never sent (a line
    break in a header is how hidden headers and recipients get injected)."""
    found = _Found()
    for name, value in _one_line_values(draft):
        if LINE_BREAKS.search(value):
            found.add(name, QT_TRANSLATE_NOOP(
                "DraftProblems", "The {label} contains a line break; it must be one line (a "
                "line break could add hidden headers to the message)."),
                label=(_label(name), _label(name, translated=True)))
        elif _CONTROL.search(value):
            found.add(name, QT_TRANSLATE_NOOP(
                "DraftProblems", "The {label} contains a control character; remove it."),
                label=(_label(name), _label(name, translated=True)))
    return found.items


def blocking(found: list[Problem]) -> list[Problem]:
    return [p for p in found if p.blocking]


def describe_problems(found: list[Problem]) -> str:
    """The problems as sentences, one after the other."""
    return " ".join(p.message for p in found)


def address_problem(entry: str) -> str | None:
    """Why ``entry`` is not one ``Name <address>`` (or bare address), or None if it is."""
    reason = _address_problem(entry)
    return reason[0].format(**reason[1]) if reason else None


def _address_problem(entry: str) -> tuple[str, dict[str, str]] | None:
    """``address_problem`` as a template (marked in "DraftProblems") and its fields."""
    from email import policy

    text = entry.strip()
    if not text:
        return QT_TRANSLATE_NOOP("DraftProblems", "is empty."), {}
    not_an_address = QT_TRANSLATE_NOOP("DraftProblems", "is not an email address.")
    try:
        header = policy.SMTP.header_factory("To", text)
        addresses = list(header.addresses)
        defects = list(header.defects)
    except Exception:  # the stdlib parser raises odd errors (IndexError) on some input
        return not_an_address, {}
    if len(addresses) != 1:
        return (QT_TRANSLATE_NOOP("DraftProblems", "holds several addresses; give one per "
                                  "entry.") if len(addresses) > 1 else not_an_address), {}
    address = addresses[0]
    if address.username and address.domain and not address.addr_spec.isascii():
        return QT_TRANSLATE_NOOP(
            "DraftProblems", "has non-ASCII characters in the address itself, which most mail "
            "servers refuse; use the plain-letter address."), {}
    if defects or not address.username or not address.domain:
        return QT_TRANSLATE_NOOP(
            "DraftProblems", "is not an email address (it should look like "
            "name@company.com)."), {}
    labels = address.domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return QT_TRANSLATE_NOOP(
            "DraftProblems", "has a domain ({domain}) that is not a valid host name."), {
                "domain": address.domain}
    return None


def _one_line_values(draft: Draft) -> list[tuple[str, str]]:
    values = [("subject", draft.subject), ("in_reply_to", draft.in_reply_to),
              ("invitation", draft.invitation)]
    values += [(name, entry) for name in ADDRESS_FIELDS for entry in getattr(draft, name)]
    values += [("references", r) for r in draft.references]
    values += [("attachments", a) for a in draft.attachments]
    return values


def _check_files(draft: Draft, found: _Found) -> None:
    total = 0
    for name, value in [*(("attachments", a) for a in draft.attachments),
                        *((("invitation", draft.invitation),) if draft.invitation else ())]:
        if LINE_BREAKS.search(value) or _CONTROL.search(value):
            continue
        path = Path(value).expanduser()
        if not path.is_absolute():
            found.add(name, QT_TRANSLATE_NOOP(
                "DraftProblems", "{value!r} is not a full path; give the whole path of the "
                "file."), value=value)
        elif not path.is_file():
            found.add(name, QT_TRANSLATE_NOOP(
                "DraftProblems", "{path} does not exist (or is not a file)."), path=path)
        else:
            total += path.stat().st_size
    if draft.invitation and not draft.invitation.lower().endswith(".ics"):
        found.add("invitation", QT_TRANSLATE_NOOP("DraftProblems",
                                                  "The invitation must be an .ics file."))
    if total > MAX_ATTACHMENT_BYTES:
        found.add("attachments", QT_TRANSLATE_NOOP(
            "DraftProblems", "The attachments add up to {size} MB, more than the 25 MB most "
            "mail servers accept; share large files as links instead."),
            size=f"{total / 1024 / 1024:.1f}")


def _gentle_notes(draft: Draft, found: _Found) -> None:
    if not draft.to and not draft.cc and not draft.bcc:
        found.add("to", QT_TRANSLATE_NOOP("DraftProblems", "No recipient yet."),
                  blocking=False)
    if not draft.subject.strip():
        found.add("subject", QT_TRANSLATE_NOOP("DraftProblems", "The subject is empty."),
                  blocking=False)
    seen: set[str] = set()
    for entry in draft.recipients():
        key = _bare(entry).lower()
        if key in seen:
            found.add("to", QT_TRANSLATE_NOOP("DraftProblems", "{address} is listed more "
                                              "than once."), blocking=False,
                      address=_bare(entry))
        seen.add(key)


def _bare(entry: str) -> str:
    from email.utils import parseaddr

    return parseaddr(entry)[1] or entry.strip()


# The fields as sentences name them ("The subject contains …", "Cc line: …").
_LABELS = {
    "to": QT_TRANSLATE_NOOP("DraftProblems", "To line"),
    "cc": QT_TRANSLATE_NOOP("DraftProblems", "Cc line"),
    "bcc": QT_TRANSLATE_NOOP("DraftProblems", "Bcc line"),
    "in_reply_to": QT_TRANSLATE_NOOP("DraftProblems", "In-Reply-To"),
    "references": QT_TRANSLATE_NOOP("DraftProblems", "References"),
    "subject": QT_TRANSLATE_NOOP("DraftProblems", "subject"),
    "attachments": QT_TRANSLATE_NOOP("DraftProblems", "attachments"),
    "invitation": QT_TRANSLATE_NOOP("DraftProblems", "invitation"),
}


def _label(name: str, *, translated: bool = False) -> str:
    label = _LABELS.get(name)
    if label is None:
        return name.replace("_", " ")
    return translate("DraftProblems", label) if translated else label
