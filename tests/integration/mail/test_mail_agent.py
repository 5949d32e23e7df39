"""Drafting through the agent: the scripted model drafts an email, the person edits it on the
card and saves it; saving to Gmail or a mailbox needs the person's yes, every time."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterator

import pytest

from desktop_assistant.app import Services
from desktop_assistant.assistant.agent import ConfirmationNeeded, Event, ToolResultEvent, Turn
from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.mail.draft import Draft
from desktop_assistant.mail.imap import PASSWORD_SECRET
from desktop_assistant.mail.service import MailService
from tests.support.dovecot_server import DovecotServer, dovecot_missing
from tests.support.openai_server import Call, ScriptedServer, Text, ToolCalls
from tests.unit.mail.mail_support import as_seen_by_rust, as_seen_by_stdlib

REPLY = {"to": ["王芳"], "cc": ["finance lead"], "subject": "回复：报价",
         "body": "王经理您好，\n\n感谢报价。经评估，我们决定不接受。"}


@pytest.fixture
def mail(services: Services) -> MailService:
    services.settings = dataclasses.replace(
        services.settings, profile_name="张伟", profile_title="采购经理",
        mail_from="zhang.wei@corp.example", profile_tone="concise", language="zh")
    services.calendar.contacts.save(Contact("wang.fang@vendor.example", "王芳"))
    services.calendar.contacts.save(Contact("li.na@corp.example", "李娜",
                                            aliases=("finance lead",)))
    return services.mail


def run(turn: Turn, decide: str = "refuse") -> list[Event]:
    events = []
    for event in turn:
        if isinstance(event, ConfirmationNeeded):
            getattr(event.request, decide)()
        events.append(event)
    return events


def results(events: list[Event]) -> list[ToolResultEvent]:
    return [e for e in events if isinstance(e, ToolResultEvent)]


def test_the_model_drafts_the_person_edits_and_saves_an_eml(
    services: Services, server: ScriptedServer, mail: MailService,
) -> None:
    server.enqueue(ToolCalls([Call("draft_email", json.dumps(REPLY, ensure_ascii=False))]),
                   Text(["草稿已写好。"]))
    turn = services.agent().start(None, "回复供应商，礼貌但坚定地拒绝报价")
    events = run(turn)
    system = server.requests[0].body["messages"][0]["content"]
    assert "The person is 张伟, 采购经理" in system
    assert "Write emails in a brief and to the point tone." in system
    [result] = results(events)
    assert result.ok, result.content
    said = json.loads(result.content)
    assert said == {
        "draft_id": 1,
        "summary": "Made draft #1 “回复：报价” to 王芳 <wang.fang@vendor.example>; cc 李娜 "
                   "<li.na@corp.example>. The person sees it as a card to edit; nothing was "
                   "sent.",
        "to": ["王芳 <wang.fang@vendor.example>"], "cc": ["李娜 <li.na@corp.example>"],
        "bcc": [], "subject": "回复：报价", "problems": [],
    }
    stored = mail.drafts_for_conversation(turn.conversation_id)
    assert [d.id for d in stored] == [1]
    assert stored[0].draft.source == "assistant"
    assert stored[0].draft.body.endswith("张伟\n采购经理\n\n本邮件由 AI 协助起草\n")

    edited = mail.update_draft(1, body="王经理您好，\n\n感谢报价。我们这次不接受。\n\n张伟\n")
    path = mail.write_eml(1)
    data = path.read_bytes()
    for seen in (as_seen_by_stdlib(data), as_seen_by_rust(data)):
        assert seen["to"] == [("王芳", "wang.fang@vendor.example")]
        assert seen["from"] == [("张伟", "zhang.wei@corp.example")]
        assert seen["text"] == edited.draft.body
    audit = services.history.audit_entries()[0]
    assert (audit.tool, audit.effect, audit.approval, audit.outcome) == (
        "draft_email", "local", "automatic", "ok")
    assert result.undo is not None
    assert result.undo() == "Deleted draft #1."
    assert mail.drafts_for_conversation(turn.conversation_id) == []


def test_saving_outside_the_computer_is_refused_without_the_persons_yes(
    services: Services, server: ScriptedServer, mail: MailService,
) -> None:
    services.settings = dataclasses.replace(services.settings, mail_imap_host="127.0.0.1",
                                            mail_imap_port=1, mail_imap_username="me",
                                            mail_imap_security="none")
    made = mail.create_draft(Draft(to=mail.resolve_recipients(["王芳"]), subject="Q3 预算",
                                   body="见附件。"))
    server.enqueue(
        ToolCalls([Call("save_draft_to_gmail", json.dumps({"draft_id": made.id}))]),
        ToolCalls([Call("save_draft_to_mailbox", json.dumps({"draft_id": made.id}))]),
        Text(["好的，没有保存。"]),
    )
    events = run(services.agent().start(None, "存到 Gmail 和邮箱"), "refuse")
    asked = [e.request.summary for e in events if isinstance(e, ConfirmationNeeded)]
    assert asked == [
        "Save draft #1 “Q3 预算” to 王芳 <wang.fang@vendor.example> to Gmail: add it to the "
        "Drafts of the Gmail account you signed in with. Nothing is sent.",
        "Save draft #1 “Q3 预算” to 王芳 <wang.fang@vendor.example> to the Drafts folder of me "
        "on 127.0.0.1 over IMAP (no encryption). Nothing is sent.",
    ]
    assert [(r.ok, r.content.startswith("Error: The person declined")) for r in results(events)] \
        == [(False, True), (False, True)]
    saved = mail.get(made.id)
    assert (saved.gmail_draft_id, saved.imap_folder) == ("", "")
    assert [(a.tool, a.approval, a.outcome) for a in services.history.audit_entries()] == [
        ("save_draft_to_mailbox", "refused by the person", "refused"),
        ("save_draft_to_gmail", "refused by the person", "refused")]


def test_malformed_fields_go_back_to_the_model_and_nothing_is_drafted(
    services: Services, server: ScriptedServer, mail: MailService,
) -> None:
    server.enqueue(
        ToolCalls([Call("draft_email", json.dumps(
            {**REPLY, "to": ["陈静"]}, ensure_ascii=False))]),
        ToolCalls([Call("draft_email", json.dumps(
            {**REPLY, "subject": "报价\r\nBcc: everyone@corp.example"}, ensure_ascii=False))]),
        ToolCalls([Call("draft_email", json.dumps(
            {**REPLY, "to": ["bob@vendor"]}, ensure_ascii=False))]),
        ToolCalls([Call("draft_email", json.dumps(
            {**REPLY, "attachments": ["报价单.pdf"]}, ensure_ascii=False))]),
        Text(["抱歉。"]),
    )
    events = run(services.agent().start(None, "回复供应商"))
    said = [r.content for r in results(events)]
    assert said[0].startswith("Error: No contact called '陈静'. Give their email address")
    assert said[1].startswith("Error: Nothing was drafted: The subject contains a line break; "
                              "it must be one line")
    assert said[2] == "Error: 'bob@vendor' has a domain (vendor) that is not a valid host name."
    assert said[3] == ("Error: Nothing was drafted: '报价单.pdf' is not a full path; give the "
                       "whole path of the file.")
    assert mail.recent() == []


@pytest.fixture
def dovecot() -> Iterator[DovecotServer]:
    reason = dovecot_missing()
    if reason:
        pytest.skip(reason)
    with DovecotServer({"zhang.wei": "app-password"}) as running:
        yield running


def test_a_confirmed_save_lands_in_the_mailbox(
    services: Services, server: ScriptedServer, mail: MailService, dovecot: DovecotServer,
) -> None:
    services.settings = dataclasses.replace(
        services.settings, mail_imap_host="127.0.0.1", mail_imap_port=dovecot.port,
        mail_imap_username="zhang.wei", mail_imap_security="none")
    services.secrets.set(PASSWORD_SECRET, "app-password")
    server.enqueue(
        ToolCalls([Call("draft_email", json.dumps(REPLY, ensure_ascii=False))]),
        ToolCalls([Call("save_draft_to_mailbox", json.dumps({"draft_id": 1}))]),
        Text(["已存入草稿箱。"]),
    )
    events = run(services.agent().start(None, "写好后存到我的邮箱草稿箱"), "approve")
    last = results(events)[-1]
    assert last.ok, last.content
    assert json.loads(last.content)["message"].startswith(
        "Saved draft #1 to the “Drafts” folder of zhang.wei on 127.0.0.1.")
    client = dovecot.client("zhang.wei", "app-password")
    client.select("Drafts", readonly=True)
    _, data = client.uid("FETCH", "1:*", "(BODY.PEEK[])")
    client.logout()
    [message] = [part[1] for part in data if isinstance(part, tuple)]
    assert as_seen_by_rust(message)["subject"] == "回复：报价"
    assert services.history.audit_entries()[0].approval == "approved by the person"


def test_a_slash_draft_needs_no_model_and_stays_with_its_conversation(
    services: Services, server: ScriptedServer, mail: MailService,
) -> None:
    reply = services.run_command(None, "/draft 收件人=王芳 主题=“预算 评审”")
    assert reply.answer.content.startswith("Draft #1 “预算 评审” to 王芳 "
                                           "<wang.fang@vendor.example>.")
    [stored] = mail.drafts_for_conversation(reply.conversation_id)
    assert (stored.draft.source, stored.draft.subject) == ("person", "预算 评审")
    assert server.requests == []
