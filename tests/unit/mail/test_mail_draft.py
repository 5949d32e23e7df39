"""What is wrong with a draft: header injection, addresses that are not addresses, files."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from desktop_assistant.mail.draft import (
    MAX_ATTACHMENT_BYTES,
    Draft,
    Problem,
    address_problem,
    blocking,
    problems,
    unsafe_fields,
)


@pytest.mark.parametrize("entry", [
    "bob@corp.example", "Bob <bob@corp.example>", "王芳 <wang.fang@corp.example>",
    '"Lee, Bob" <bob@corp.example>', "<bob@corp.example>", "first.last+tag@mail.corp.example",
])
def test_good_addresses(entry: str) -> None:
    assert address_problem(entry) is None


@pytest.mark.parametrize(("entry", "reason"), [
    ("", "is empty."),
    ("bob@", "is not an email address"),
    ("bob", "is not an email address"),
    ("not an address", "is not an email address"),
    ("a@@b.example", "is not an email address"),
    ("bob@corp", "is not a valid host name"),
    ("bob@-corp-.example", "is not a valid host name"),
    ("a@b.example, c@d.example", "holds several addresses"),
    ("Wang, Fang <w@corp.example>", "holds several addresses"),
    ("张三@公司.中国", "non-ASCII characters in the address"),
])
def test_bad_addresses_say_what_is_wrong(entry: str, reason: str) -> None:
    problem = address_problem(entry)
    assert problem is not None
    assert reason in problem


@pytest.mark.parametrize("field", ["subject", "to", "cc", "bcc", "in_reply_to", "references",
                                   "attachments", "invitation"])
@pytest.mark.parametrize("newline", ["\n", "\r", "\r\n", "\u2028", "\x85"])
def test_a_line_break_in_any_one_line_field_is_refused_with_a_clear_message(
    field: str, newline: str
) -> None:
    value = f"x@corp.example{newline}Bcc: everyone@corp.example"
    tuple_fields = {"to", "cc", "bcc", "references", "attachments"}
    draft = replace(Draft(to=("ok@corp.example",), subject="ok"),
                    **{field: (value,) if field in tuple_fields else value})
    found = unsafe_fields(draft)
    assert [p.field for p in found] == [field]
    assert "contains a line break; it must be one line" in found[0].message
    assert found[0] in blocking(problems(draft))


def test_the_body_may_have_line_breaks_and_control_characters_elsewhere_are_refused() -> None:
    assert unsafe_fields(Draft(to=("a@corp.example",), subject="s", body="a\nb\r\nc")) == []
    found = unsafe_fields(Draft(subject="a\x00b"))
    assert found == [Problem("subject", "The subject contains a control character; remove it.")]


def test_files_must_exist_be_full_paths_and_fit_in_a_message(tmp_path: Path) -> None:
    small = tmp_path / "a.pdf"
    small.write_bytes(b"%PDF")
    big = tmp_path / "big.bin"
    with big.open("wb") as out:
        out.truncate(MAX_ATTACHMENT_BYTES + 1)
    found = problems(Draft(to=("a@corp.example",), subject="s", attachments=(
        str(small), "relative.pdf", str(tmp_path / "missing.pdf"), str(big)),
        invitation=str(small)))
    assert [(p.field, p.blocking) for p in found] == [
        ("attachments", True), ("attachments", True), ("invitation", True),
        ("attachments", True)]
    assert "'relative.pdf' is not a full path" in found[0].message
    assert "missing.pdf does not exist" in found[1].message
    assert found[2].message == "The invitation must be an .ics file."
    assert "more than the 25 MB most mail servers accept" in found[3].message


def test_gentle_notes_do_not_block() -> None:
    found = problems(Draft(cc=("a@corp.example", "A <A@corp.example>")))
    assert [(p.field, p.message, p.blocking) for p in found] == [
        ("subject", "The subject is empty.", False),
        ("to", "A@corp.example is listed more than once.", False)]
    assert blocking(found) == []
    assert problems(Draft())[0] == Problem("to", "No recipient yet.", blocking=False)


def test_message_ids_look_like_message_ids() -> None:
    found = problems(Draft(to=("a@corp.example",), subject="s", in_reply_to="abc",
                           references=("<ok@corp.example>", "nope")))
    assert [(p.field, p.message) for p in found] == [
        ("in_reply_to", "'abc' is not a Message-ID (it looks like <id@host>)."),
        ("references", "'nope' is not a Message-ID (it looks like <id@host>).")]
