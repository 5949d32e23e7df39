"""The mail service: drafts kept with their conversation, edited, deleted, handed over."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop_assistant.calendar.contacts import UnknownContact
from desktop_assistant.mail.draft import Draft, Problem
from desktop_assistant.mail.errors import DraftNotFound, Insecure, NotConfigured
from desktop_assistant.mail.imap import ImapAccount
from desktop_assistant.mail.message import InvalidDraft
from desktop_assistant.mail.service import MailService
from tests.unit.mail.mail_support import NOW, make_service, stdlib_parse, with_contacts


@pytest.fixture
def mail(tmp_path: Path) -> MailService:
    return with_contacts(make_service(tmp_path), ("wang.fang@corp.example", "王芳"),
                         ("wang.lei@corp.example", "王磊"))


def test_a_draft_the_model_wrote_gets_signature_and_disclosure_and_keeps_its_fields(
    mail: MailService,
) -> None:
    made = mail.create_draft(Draft(
        to=(" 王芳 <wang.fang@corp.example> ", ""), cc=("b@corp.example",), subject=" 回复：报价 ",
        body="王经理您好，\n\n我们决定不接受此报价。", in_reply_to="<q@vendor.example>",
        references=("<r@corp.example>",), quoted="报价如下", source="assistant"))
    assert made.id == 1
    assert made.draft.to == ("王芳 <wang.fang@corp.example>",)  # trimmed, blanks dropped
    assert made.draft.subject == "回复：报价"
    assert made.draft.body == ("王经理您好，\n\n我们决定不接受此报价。\n\n张伟\n采购经理\n\n"
                               "本邮件由 AI 协助起草\n")
    assert made.message_id.endswith("@corp.example>")
    again = mail.get(made.id)
    assert again == made
    assert again.as_dict()["references"] == ["<r@corp.example>"]
    person = mail.create_draft(Draft(to=("b@corp.example",), subject="Hi", body="Hello"))
    assert person.draft.body == "Hello\n\n张伟\n采购经理\n"  # the person's own: no disclosure


def test_edits_as_the_card_makes_them(mail: MailService) -> None:
    made = mail.create_draft(Draft(to=("b@corp.example",), subject="Hi", body="x",
                                   conversation_id=None))
    edited = mail.update_draft(made.id, to=["王芳 <wang.fang@corp.example>", " "],
                               subject="Hello", body="new text", attachments=[])
    assert (edited.draft.to, edited.draft.subject, edited.draft.body) == (
        ("王芳 <wang.fang@corp.example>",), "Hello", "new text")
    assert edited.message_id == made.message_id
    rich = mail.create_draft(Draft(subject="rich", body="old", html="<p>old</p>"))
    assert mail.update_draft(rich.id, subject="still rich").draft.html.startswith("<p>old</p>")
    assert mail.update_draft(rich.id, body="new").draft.html == ""  # no stale HTML version
    assert edited.updated_at >= made.updated_at
    with pytest.raises(ValueError, match="no editable field source"):
        mail.update_draft(made.id, source="assistant")
    with pytest.raises(InvalidDraft, match="The subject contains a line break"):
        mail.update_draft(made.id, subject="a\nBcc: x@corp.example")
    assert mail.get(made.id).draft.subject == "Hello"
    with pytest.raises(DraftNotFound, match="There is no draft #99"):
        mail.update_draft(99, subject="x")


def test_bad_addresses_are_kept_and_flagged_but_line_breaks_are_refused(
    mail: MailService,
) -> None:
    made = mail.create_draft(Draft(to=("bob@", "ok@corp.example"), subject="s"))
    assert mail.problems(made.id) == [
        Problem("to", "To line: 'bob@' is not an email address.")]
    with pytest.raises(InvalidDraft, match="is not an email address"):
        mail.write_eml(made.id)
    with pytest.raises(InvalidDraft, match="The To line contains a line break"):
        mail.create_draft(Draft(to=("a@corp.example\r\nBcc: all@corp.example",)))
    assert [d.id for d in mail.recent()] == [made.id]


def test_drafts_stay_with_their_conversation_and_undo_deletes(mail: MailService) -> None:
    conn = mail.store._database.conn
    conn.execute("INSERT INTO conversations (title, created_at, updated_at) VALUES "
                 "('t', 'now', 'now')")
    first = mail.create_draft(Draft(subject="one", conversation_id=1))
    mail.create_draft(Draft(subject="elsewhere"))
    second = mail.create_draft(Draft(subject="two", conversation_id=1))
    assert [d.id for d in mail.drafts_for_conversation(1)] == [first.id, second.id]
    assert mail.delete(first.id)
    assert not mail.delete(first.id)
    assert [d.draft.subject for d in mail.drafts_for_conversation(1)] == ["two"]
    with pytest.raises(DraftNotFound):
        mail.get(first.id)
    conn.execute("DELETE FROM conversations WHERE id = 1")
    assert mail.drafts_for_conversation(1) == []


def test_eml_files_mailto_and_copy(mail: MailService, tmp_path: Path) -> None:
    made = mail.create_draft(Draft(to=("王芳 <wang.fang@corp.example>",), subject="预算",
                                   body="请查收。"), signature=False)
    default = mail.write_eml(made.id)
    assert default == mail.folder / "drafts" / "draft-1.eml"
    message = stdlib_parse(default.read_bytes())
    assert (message["Subject"], message["Message-ID"], message["X-Unsent"]) == (
        "预算", made.message_id, "1")
    assert message["From"] == "张伟 <zhang.wei@corp.example>"
    assert message["Date"].datetime == NOW
    folder = tmp_path / "out"
    folder.mkdir()
    assert mail.write_eml(made.id, folder) == folder / "draft-1.eml"
    named = mail.write_eml(made.id, tmp_path / "预算.eml")
    assert mail.get(made.id).eml_path == str(named)
    assert stdlib_parse(named.read_bytes())["Message-ID"] == made.message_id
    assert mail.mail_program_url(made.id).startswith("mailto:wang.fang@corp.example?subject=")
    assert mail.copy_texts(made.id)[0] == "请查收。\n"
    attached = mail.update_draft(made.id, attachments=[str(named)])
    assert mail.mail_program_url(attached.id) == default.as_uri()


def test_recipients_resolve_from_the_contacts(mail: MailService) -> None:
    assert mail.resolve_recipients(["王芳", "finance lead", "Bob <bob@x.example>", ""]) == (
        "王芳 <wang.fang@corp.example>", "Bob <bob@x.example>")
    with pytest.raises(UnknownContact, match="No contact called '李娜'"):
        mail.resolve_recipients(["李娜"])
    with pytest.raises(UnknownContact, match="'王' could be"):
        mail.resolve_recipients(["王"])
    with pytest.raises(InvalidDraft, match="contains a line break"):
        mail.resolve_recipients(["bob@x.example\nBcc: all@x.example"])


def test_a_calendar_invitation_attached_to_a_draft_leaves_the_pending_list(
    mail: MailService, tmp_path: Path,
) -> None:
    from desktop_assistant.calendar.invites import pending_invitations

    invite = tmp_path / "q3-request.ics"
    invite.write_bytes(b"BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nEND:VCALENDAR\r\n")
    database = mail.store._database
    database.conn.execute(
        "INSERT INTO calendar_invitations (uid, method, path, recipients, subject, created_at) "
        "VALUES ('u', 'REQUEST', ?, ?, 'Invitation: Q3', 'now')",
        (str(invite), json.dumps(["wang.fang@corp.example"])))
    assert len(pending_invitations(database)) == 1
    mail.create_draft(Draft(to=("wang.fang@corp.example",), subject="Invitation: Q3",
                            invitation=str(invite)))
    assert pending_invitations(database) == []


def test_mailbox_settings_are_checked_before_anything_is_asked(tmp_path: Path) -> None:
    plain = make_service(tmp_path / "a", account=ImapAccount(
        host="imap.corp.example", username="me", security="none"))
    made = plain.create_draft(Draft(to=("b@corp.example",), subject="s"))
    with pytest.raises(Insecure, match="only allowed for a server on this computer"):
        plain.describe_imap(made.id)
    with pytest.raises(Insecure, match="Draft #1 is still here, unchanged"):
        plain.save_to_imap(made.id)
    unset = make_service(tmp_path / "b")
    made = unset.create_draft(Draft(to=("b@corp.example",), subject="s"))
    with pytest.raises(NotConfigured, match="needs its IMAP server"):
        unset.save_to_imap(made.id)
    assert unset.get(made.id).draft.subject == "s"
    local = make_service(tmp_path / "c", account=ImapAccount(
        host="127.0.0.1", port=1143, username="me", security="none"))
    made = local.create_draft(Draft(to=("b@corp.example",), subject="s"))
    assert local.describe_imap(made.id) == (
        "Save draft #1 “s” to b@corp.example to the Drafts folder of me on 127.0.0.1 over "
        "IMAP (no encryption). Nothing is sent.")
