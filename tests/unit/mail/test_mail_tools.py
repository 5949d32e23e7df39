"""The mail tools as the model sees them: their schemas, effects and confirmation texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_assistant.assistant.scope import conversation_scope
from desktop_assistant.assistant.tools import Effect, ToolError, ToolRegistry
from desktop_assistant.mail.tools import mail_tools
from tests.unit.mail.mail_support import make_service


@pytest.fixture
def tools(tmp_path: Path) -> ToolRegistry:
    return ToolRegistry(mail_tools(make_service(tmp_path)))


def test_effects_and_schema(tools: ToolRegistry) -> None:
    assert [(t.name, t.effect) for t in tools] == [
        ("draft_email", Effect.LOCAL), ("save_draft_to_gmail", Effect.EXTERNAL),
        ("save_draft_to_mailbox", Effect.EXTERNAL)]
    schema = tools.get("draft_email").schema()["function"]["parameters"]
    assert schema["required"] == ["to", "subject", "body"]
    assert set(schema["properties"]) == {
        "to", "cc", "bcc", "subject", "body", "html", "in_reply_to", "references",
        "quoted_text", "attachments", "invitation"}
    assert schema["additionalProperties"] is False


def test_a_draft_made_in_a_turn_belongs_to_its_conversation(tmp_path: Path) -> None:
    mail = make_service(tmp_path)
    mail.store._database.conn.execute(
        "INSERT INTO conversations (title, created_at, updated_at) VALUES ('t', 'now', 'now')")
    draft_email = mail_tools(mail)[0]
    arguments = draft_email.parse(json.dumps({"to": ["a@corp.example"], "subject": "Hi",
                                              "body": "Hello"}))
    with conversation_scope(1):
        result = draft_email.run(arguments)
    said = json.loads(result.content)
    assert (said["draft_id"], said["problems"]) == (1, [])
    assert mail.get(1).draft.conversation_id == 1
    assert result.undo is not None
    assert result.undo() == "Deleted draft #1."
    assert mail.drafts_for_conversation(1) == []


def test_confirmations_name_the_draft_or_say_it_is_not_there(tools: ToolRegistry) -> None:
    tools.get("draft_email").run(tools.get("draft_email").parse(json.dumps(
        {"to": ["a@corp.example"], "bcc": ["b@corp.example"], "subject": "Hi", "body": "x"})))
    gmail = tools.get("save_draft_to_gmail")
    assert gmail.preview(gmail.parse('{"draft_id": 1}')) == (
        "Save draft #1 “Hi” to a@corp.example; bcc b@corp.example to Gmail: add it to the "
        "Drafts of the Gmail account you signed in with. Nothing is sent.")
    with pytest.raises(ToolError, match="There is no draft #7"):
        gmail.preview(gmail.parse('{"draft_id": 7}'))
    mailbox = tools.get("save_draft_to_mailbox")
    with pytest.raises(ToolError, match="needs its IMAP server"):
        mailbox.preview(mailbox.parse('{"draft_id": 1}'))
