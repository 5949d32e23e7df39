"""``/draft``: an email draft without a model.

    /draft to=a@corp.example,王芳 cc=finance lead subject="Q3 budget"
    /draft 收件人=王芳 主题=“预算评审” 正文=请查收。
    /draft Q3 budget to=Wang Fang        (words before any key are the subject)

A value runs until the next ``key=``, so names with spaces need no quotes; quotes (straight or
“Chinese”) keep anything together. Lists are split at commas (, ， 、 ; ；). The draft is the
person's own (no disclosure line); the answer names it ``Draft #<id>`` so the window can open
its card.
"""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING

from desktop_assistant.assistant.scope import current_conversation
from desktop_assistant.calendar.contacts import UnknownContact
from desktop_assistant.mail.draft import Draft, problems
from desktop_assistant.mail.errors import MailError
from desktop_assistant.mail.service import headline

if TYPE_CHECKING:
    from desktop_assistant.assistant.commands import SlashCommands
    from desktop_assistant.mail.service import MailService

USAGE = "/draft to=ADDRESSES cc=… bcc=… subject=…"
KEYS = {
    "to": "to", "收件人": "to", "cc": "cc", "抄送": "cc", "bcc": "bcc", "密送": "bcc",
    "subject": "subject", "主题": "subject", "body": "body", "正文": "body",
}
_KEY = re.compile(r"^([^\W\d]\w*)[=＝](.*)$", re.DOTALL)
_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "‘": "'", "’": "'"})
_LIST = re.compile(r"\s*[,，、;；]\s*")


def parse_draft_command(argument: str) -> dict[str, str]:
    """``to=a@x,王芳 subject="Q3 budget"`` as {"to": "a@x,王芳", "subject": "Q3 budget"}."""
    try:
        words = shlex.split(argument.translate(_QUOTES))
    except ValueError:
        raise ValueError("A quote is not closed; put the value between two quotes.") from None
    values: dict[str, list[str]] = {}
    current = "subject"
    for word in words:
        found = _KEY.match(word)
        if found and found.group(1).lower() in KEYS:  # other "a=b" words are text
            current = KEYS[found.group(1).lower()]
            values.setdefault(current, [])
            word = found.group(2)
        if word:
            values.setdefault(current, []).append(word)
    return {key: " ".join(parts) for key, parts in values.items()}


def register_mail_commands(commands: SlashCommands, service: MailService) -> None:
    """Add /draft to ``commands``."""

    def draft(argument: str) -> str:
        try:
            fields = parse_draft_command(argument)
            to, cc, bcc = (service.resolve_recipients(_LIST.split(fields.get(name, "")))
                           for name in ("to", "cc", "bcc"))
            stored = service.create_draft(Draft(
                to=to, cc=cc, bcc=bcc, subject=fields.get("subject", ""),
                body=fields.get("body", ""),
                source="person", conversation_id=current_conversation(),
            ))
        except (UnknownContact, MailError) as error:
            return str(error)
        said = headline(stored)
        lines = [f"{said[0].upper()}{said[1:]}. Edit it on its card; nothing is sent."]
        lines += [f"- {p.message}" for p in problems(stored.draft) if p.blocking]
        return "\n".join(lines)

    commands.register("draft", USAGE, "Start an email draft (no model needed).", draft)
