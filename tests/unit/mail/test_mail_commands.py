"""/draft: an email draft without a model, Chinese names and quoted values included."""

from __future__ import annotations

from pathlib import Path

import pytest

from desktop_assistant.assistant.commands import SlashCommands
from desktop_assistant.mail.commands import parse_draft_command, register_mail_commands
from desktop_assistant.mail.service import MailService
from tests.unit.mail.mail_support import make_service, with_contacts


@pytest.fixture
def mail(tmp_path: Path) -> MailService:
    return with_contacts(make_service(tmp_path), ("wang.fang@corp.example", "王芳"),
                         ("wang.fang2@corp.example", "Wang Fang"))


@pytest.fixture
def commands(mail: MailService) -> SlashCommands:
    found = SlashCommands()
    register_mail_commands(found, mail)
    return found


@pytest.mark.parametrize(("argument", "fields"), [
    ('to=a@corp.example,王芳 cc=finance lead subject="Q3 budget"',
     {"to": "a@corp.example,王芳", "cc": "finance lead", "subject": "Q3 budget"}),
    ("收件人=王芳 主题=“第三季度 预算” 正文=请查收。",
     {"to": "王芳", "subject": "第三季度 预算", "body": "请查收。"}),
    ("Q3 budget review to=Wang Fang", {"subject": "Q3 budget review", "to": "Wang Fang"}),
    ("subject=Re: 1+1=2 bcc=a@corp.example", {"subject": "Re: 1+1=2", "bcc": "a@corp.example"}),
    ("", {}),
])
def test_the_arguments(argument: str, fields: dict[str, str]) -> None:
    assert parse_draft_command(argument) == fields


def test_draft_makes_a_person_sourced_draft_named_in_the_answer(
    commands: SlashCommands, mail: MailService,
) -> None:
    answer = commands.run('/draft to=a@corp.example,王芳 cc=Wang Fang subject="Q3 预算"')
    assert answer == ("Draft #1 “Q3 预算” to a@corp.example, 王芳 <wang.fang@corp.example>; cc "
                      "Wang Fang <wang.fang2@corp.example>. Edit it on its card; nothing is "
                      "sent.")
    draft = mail.get(1).draft
    assert (draft.source, draft.subject, draft.to, draft.cc) == (
        "person", "Q3 预算", ("a@corp.example", "王芳 <wang.fang@corp.example>"),
        ("Wang Fang <wang.fang2@corp.example>",))
    assert "AI" not in draft.body  # no disclosure on the person's own draft
    assert draft.body == "\n\n张伟\n采购经理\n"


def test_an_empty_draft_and_what_goes_wrong(commands: SlashCommands) -> None:
    assert commands.run("/draft").startswith("Draft #1 “(no subject)” to nobody yet.")
    assert commands.run("/draft to=李娜").startswith("No contact called '李娜'.")
    assert commands.run('/draft subject="open').startswith("A quote is not closed")
    assert commands.run('/draft to=bob@').startswith("'bob@' is not an email address.")
    assert "Usage: `/draft to=ADDRESSES" in commands.run('/draft subject="open')
