"""The mail tools for the agent: thin adapters from validated arguments to the service.

``draft_email`` is ``local``: it only keeps a draft here (Undo deletes it) and the person sees
it as a card. ``save_draft_to_gmail`` and ``save_draft_to_mailbox`` are ``external``: their
``describe`` says which draft, subject and recipients go to which account or folder, and they
run only once the person agrees. Nothing is ever sent. Mistakes (an unknown name, a malformed
address, a line break in the subject, a file that is not there) come back as ToolError.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field

from desktop_assistant.assistant.scope import current_conversation
from desktop_assistant.assistant.tools import Effect, Tool, ToolError, ToolResult, tool
from desktop_assistant.calendar.contacts import UnknownContact
from desktop_assistant.i18n import translate
from desktop_assistant.mail.draft import Draft, blocking, describe_problems, problems
from desktop_assistant.mail.errors import MailError
from desktop_assistant.mail.service import MailService, headline

_PEOPLE = ("Email addresses ('Name <address>' or just the address), or names or roles from "
           "the contacts (e.g. '王芳', 'finance lead').")
Recipients = Annotated[list[str], Field(description=_PEOPLE)]
People = Annotated[list[str] | None, Field(description=_PEOPLE)]
# Ids are SQLite integers: a larger number is refused when parsed, not by the database.
DraftNumber = Annotated[int, Field(ge=1, le=2**63 - 1,
                                   description="The draft_id draft_email returned.")]


@contextmanager
def _as_tool_errors() -> Iterator[None]:
    """Readable failures go back to the model as ToolError, which it can act on."""
    try:
        yield
    except (MailError, UnknownContact, ValueError) as error:
        raise ToolError(str(error)) from None


def mail_tools(
    service: MailService,
    attachable: Callable[[str], str] | None = None,
    invitations: Path | None = None,
) -> list[Tool]:
    """``draft_email``, ``save_draft_to_gmail`` and ``save_draft_to_mailbox``, bound to
    ``service``. ``attachable`` turns a path the model gave into the real path of a file it
    may attach (the indexed folders: ``DocumentService.file_in_folders``), raising for any
    other; an invitation must be a file in ``invitations`` (the calendar's folder)."""

    def confined(attachments: list[str], invitation: str) -> tuple[list[str], str]:
        if attachable is not None:
            try:
                # A relative path is refused with the draft's own reason ("not a full path").
                attachments = [attachable(path) if os.path.isabs(path) else path
                               for path in attachments]
            except Exception as error:  # DocumentError: outside the folders, missing …
                raise ToolError(f"Nothing was drafted: {error}") from None
        if invitation and invitations is not None:
            real = os.path.realpath(invitation)
            if not real.startswith(os.path.realpath(invitations) + os.sep):
                raise ToolError("Nothing was drafted: the invitation must be the file "
                                "create_event returned.")
            invitation = real
        return attachments, invitation

    def described(describe: Callable[[int], str]) -> Callable[..., str]:
        def text(draft_id: int) -> str:
            with _as_tool_errors():
                return describe(draft_id)

        return text

    @tool(Effect.LOCAL)
    def draft_email(
        to: Recipients,
        subject: Annotated[str, Field(max_length=300, description="One line.")],
        body: Annotated[str, Field(description="The text of the email, in the person's voice; "
                                               "no signature (the app adds it).")],
        cc: People = None,
        bcc: People = None,
        html: Annotated[str, Field(description="Optional HTML version of the body, only when "
                                               "formatting (a table, links) matters.")] = "",
        in_reply_to: Annotated[str, Field(description="For a reply: the Message-ID of the "
                                                      "email replied to, '<id@host>'.")] = "",
        references: Annotated[list[str] | None, Field(
            description="For a reply: the thread's Message-IDs, oldest first.")] = None,
        quoted_text: Annotated[str, Field(description="For a reply: the original text, "
                                                      "quoted below the body.")] = "",
        attachments: Annotated[list[str] | None, Field(
            description="Full paths of files the person named (or that document search "
                        "found and the person chose).")] = None,
        invitation: Annotated[str, Field(description="A meeting invitation to attach: the "
                                                     "invitation_file create_event returned "
                                                     "(.ics).")] = "",
    ) -> ToolResult:
        """Write an email draft for the person to review, edit and send themselves.

        It only creates a draft in the app, shown to the person as an editable card; nothing
        is sent. Recipients may be names from the contacts. Follow the person's tone and
        language; the app adds their signature.
        """
        attached, invitation = confined(list(attachments or ()), invitation)
        with _as_tool_errors():
            draft = Draft(
                to=service.resolve_recipients(to),
                cc=service.resolve_recipients(cc or []),
                bcc=service.resolve_recipients(bcc or []),
                subject=subject, body=body, html=html, in_reply_to=in_reply_to,
                references=tuple(references or ()), quoted=quoted_text,
                attachments=tuple(attached), invitation=invitation,
                source="assistant", conversation_id=current_conversation(),
            )
            wrong = blocking(problems(draft))
            if wrong:
                raise ToolError("Nothing was drafted: " + describe_problems(wrong))
            stored = service.create_draft(draft)
        notes = [p.as_dict() for p in problems(stored.draft)]
        content = {
            "draft_id": stored.id,
            "summary": f"Made {headline(stored)}. The person sees it as a card to edit; "
                       "nothing was sent.",
            "to": list(stored.draft.to), "cc": list(stored.draft.cc),
            "bcc": list(stored.draft.bcc), "subject": stored.draft.subject,
            "problems": notes,
        }

        def undo() -> str:
            service.delete(stored.id)
            return translate("MailTools", "Deleted draft #{number}.").format(number=stored.id)

        return ToolResult(json.dumps(content, ensure_ascii=False), undo=undo)

    @tool(Effect.EXTERNAL, describe=described(service.describe_gmail))
    def save_draft_to_gmail(draft_id: DraftNumber) -> dict[str, Any]:
        """Save a draft into the Drafts of the person's Gmail account (it is not sent).

        The person confirms first. Use only when they ask for it in Gmail.
        """
        with _as_tool_errors():
            return {"draft_id": draft_id, "message": service.save_to_gmail(draft_id)}

    @tool(Effect.EXTERNAL, describe=described(service.describe_imap))
    def save_draft_to_mailbox(draft_id: DraftNumber) -> dict[str, Any]:
        """Save a draft into the Drafts folder of the person's mailbox over IMAP (it is not
        sent).

        The person confirms first. Use only when they ask for it in their mailbox.
        """
        with _as_tool_errors():
            return {"draft_id": draft_id, "message": service.save_to_imap(draft_id)}

    return [draft_email, save_draft_to_gmail, save_draft_to_mailbox]
