"""``desktop-assistant draft …`` and ``desktop-assistant mail …``: drafts from the command line.

    draft --to ADDRESSES [--cc …] [--bcc …] --subject S [--body-file F|-] [--attach F …]
          [--eml OUT] [--no-signature]
    mail gmail-sign-in

``draft`` keeps the draft (as the person's own: no disclosure line) and prints the message
(RFC 5322, ready for ``sendmail -t`` or a file), or with ``--eml`` writes it and prints the
file's path. Recipients may be contact names (``--to 王芳``); several go comma-separated or
with the option repeated. Errors go to stderr with exit code 1.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from desktop_assistant.app import Services
    from desktop_assistant.mail.service import MailService

_LIST = re.compile(r"\s*[,，、;；]\s*")


def add_commands(subparsers: Any) -> None:
    """Add ``draft`` and ``mail`` to the app's command parser."""
    draft = subparsers.add_parser("draft", help="Write an email draft (.eml or stdout).")
    for option, text in (("--to", "Recipients: addresses or contact names, comma-separated."),
                         ("--cc", "Copy to."), ("--bcc", "Blind copy to.")):
        draft.add_argument(option, action="append", default=[], metavar="ADDRESSES", help=text)
    draft.add_argument("--subject", required=True)
    draft.add_argument("--body-file", metavar="FILE",
                       help="The body as UTF-8 text ('-' reads standard input).")
    draft.add_argument("--attach", nargs="+", action="extend", default=[], metavar="FILE",
                       help="Files to attach.")
    draft.add_argument("--eml", metavar="OUT", help="Write an .eml file (or into a folder) "
                                                    "and print its path.")
    draft.add_argument("--no-signature", action="store_true",
                       help="Do not add the signature from your profile.")
    draft.set_defaults(run=_draft)

    mail = subparsers.add_parser("mail", help="Email settings that need a step of yours.")
    actions = mail.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("gmail-sign-in", help="Sign in to Gmail to save drafts there.") \
        .set_defaults(run=_gmail_sign_in)


def _service(services: Services) -> MailService:
    from desktop_assistant.mail.service import MailService, open_mail

    wired = getattr(services, "mail", None)
    return wired if isinstance(wired, MailService) else open_mail(services)


def _draft(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.calendar.contacts import UnknownContact
    from desktop_assistant.mail.draft import Draft, blocking, describe_problems, problems
    from desktop_assistant.mail.errors import MailError

    mail = _service(services)
    try:
        body = _body(args.body_file)
        to, cc, bcc = (mail.resolve_recipients(_entries(getattr(args, name)))
                       for name in ("to", "cc", "bcc"))
        attachments = tuple(str(Path(a).expanduser().resolve()) for a in args.attach)
        draft = Draft(to=to, cc=cc, bcc=bcc, subject=args.subject, body=body,
                      attachments=attachments)
        wrong = blocking(problems(draft))
        if wrong:
            raise ValueError(describe_problems(wrong))
        stored = mail.create_draft(draft, signature=not args.no_signature)
        if args.eml:
            print(mail.write_eml(stored.id, args.eml))
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(mail.eml(stored.id))
            sys.stdout.buffer.flush()
    except (UnknownContact, MailError, ValueError, OSError) as error:
        print(f"desktop-assistant: {_reason(error)}", file=sys.stderr)
        return 1
    return 0


def _gmail_sign_in(services: Services, args: argparse.Namespace) -> int:
    from desktop_assistant.mail.errors import MailError

    try:
        print(_service(services).gmail_sign_in())
    except MailError as error:
        print(f"desktop-assistant: {error}", file=sys.stderr)
        return 1
    return 0


def _entries(values: list[str]) -> list[str]:
    return [entry for value in values for entry in _LIST.split(value) if entry.strip()]


def _body(name: str | None) -> str:
    if not name:
        return ""
    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).expanduser().read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ValueError(f"{name} is not UTF-8 text.") from None


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.filename}: {error.strerror or error}"
    return str(error)
