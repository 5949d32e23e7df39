"""Drafts as real emails: every .eml reads back the same through two independent parsers.

The standard library's ``email`` parser and fast-mail-parser (Rust's ``mailparse`` crate, no
code shared with the stdlib) must both see the draft's people, subject, body, HTML and
attachments, Chinese included, exactly as the draft had them.
"""

from __future__ import annotations

import string
from email.headerregistry import Address
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop_assistant.mail.draft import Draft
from desktop_assistant.mail.message import (
    InvalidDraft,
    NotSimple,
    build_message,
    eml_bytes,
    html_text,
    mailto_url,
    plain_text,
)
from tests.unit.mail.mail_support import NOW, as_seen_by_rust, as_seen_by_stdlib, stdlib_parse

SENDER = "张伟 <zhang.wei@corp.example>"
INVITATION = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//desktop-assistant//EN\r\n"
              b"METHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:q3@desktop-assistant\r\n"
              b"SUMMARY:\xe9\xa2\x84\xe7\xae\x97\xe8\xaf\x84\xe5\xae\xa1\r\n"
              b"DTSTART:20260310T070000Z\r\nDTEND:20260310T073000Z\r\nEND:VEVENT\r\n"
              b"END:VCALENDAR\r\n")


def eml(draft: Draft, **options: object) -> bytes:
    return eml_bytes(build_message(draft, sender=SENDER, message_id="<d1@corp.example>",
                                   date=NOW, **options))  # type: ignore[arg-type]


def expected(draft: Draft) -> dict[str, object]:
    def people(entries: tuple[str, ...]) -> list[tuple[str, str]]:
        from email.utils import parseaddr

        return [parseaddr(e) for e in entries]

    files = [(Path(a).name, None, Path(a).read_bytes()) for a in draft.attachments]
    if draft.invitation:
        files.append((Path(draft.invitation).name, "text/calendar",
                      Path(draft.invitation).read_bytes()))
    return {
        "from": [("张伟", "zhang.wei@corp.example")], "to": people(draft.to),
        "cc": people(draft.cc), "bcc": people(draft.bcc), "subject": draft.subject.strip(),
        "message_id": "<d1@corp.example>", "in_reply_to": draft.in_reply_to,
        "text": plain_text(draft), "html": html_text(draft) if draft.html else "",
        "attachments": files,
    }


def same(seen: dict[str, object], wanted: dict[str, object]) -> None:
    """Equal, but attachment types are checked only where the test knows them."""
    files = [(name, kind if want_kind else None, data) for (name, kind, data), (_, want_kind, _)
             in zip(seen["attachments"], wanted["attachments"], strict=True)]  # type: ignore[call-overload]
    assert {**seen, "attachments": files} == wanted


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    made = {"报价单.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "数据.csv": b"a,b\n1,2\n",
            "photo.png": b"\x89PNG\r\n\x1a\n\x00\x00", "notes.txt": "第一行\n".encode(),
            "archive.tar.gz": b"\x1f\x8b\x08\x00", "blob.unknownext": bytes(range(256)),
            "invite.ics": INVITATION}
    for name, data in made.items():
        (tmp_path / name).write_bytes(data)
    return {name: str(tmp_path / name) for name in made}


def test_a_chinese_reply_with_html_attachments_and_an_invitation_reads_back_the_same(
    files: dict[str, str],
) -> None:
    draft = Draft(
        to=("王芳 <wang.fang@corp.example>", '"Lee, Bob" <bob@vendor.example>'),
        cc=("finance@corp.example",), bcc=("秘书 <sec@corp.example>",),
        subject="回复：关于第三季度预算的报价 — we decline, with thanks " * 2,
        body="王经理您好，\n\n感谢报价。经评估，我们决定不接受。\n\nBest regards\n",
        html="<p>王经理您好，</p><p>感谢报价。</p>",
        in_reply_to="<quote-17@vendor.example>", references=("<rfq-1@corp.example>",),
        quoted="请见附件报价单。\nPlease find the quote attached.",
        attachments=(files["报价单.pdf"], files["数据.csv"], files["photo.png"]),
        invitation=files["invite.ics"],
    )
    data = eml(draft)
    assert data.isascii()  # 7-bit clean: any transport, any mail program
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    wanted = expected(draft)
    same(as_seen_by_stdlib(data), wanted)
    same(as_seen_by_rust(data), wanted)
    message = stdlib_parse(data)
    assert message.get_content_type() == "multipart/mixed"
    assert [p.get_content_type() for p in message.walk()] == [
        "multipart/mixed", "multipart/alternative", "text/plain", "text/html",
        "application/pdf", "text/csv", "image/png", "text/calendar"]
    invitation = next(p for p in message.walk() if p.get_content_type() == "text/calendar")
    assert invitation.get_param("method") == "REQUEST"
    assert message["References"] == "<rfq-1@corp.example> <quote-17@vendor.example>"
    assert b"Subject: =?utf-8?" in data  # RFC 2047 encoded words
    assert b"filename*=utf-8''%E6%8A%A5" in data  # RFC 2231 for the Chinese file name
    assert message["Date"].datetime == NOW


def test_attachment_types_come_from_the_file_names(files: dict[str, str]) -> None:
    names = ["notes.txt", "archive.tar.gz", "blob.unknownext", "报价单.pdf"]
    draft = Draft(to=("a@corp.example",), subject="files", body="see",
                  attachments=tuple(files[n] for n in names))
    seen = as_seen_by_stdlib(eml(draft))["attachments"]
    assert [(name, kind) for name, kind, _ in seen] == [  # type: ignore[attr-defined]
        ("notes.txt", "text/plain"), ("archive.tar.gz", "application/gzip"),
        ("blob.unknownext", "application/octet-stream"), ("报价单.pdf", "application/pdf")]
    assert [data for _, _, data in seen] == [Path(files[n]).read_bytes() for n in names]  # type: ignore[attr-defined]


def test_a_plain_draft_is_one_text_part_and_an_unsent_eml_opens_as_a_draft() -> None:
    draft = Draft(to=("bob@corp.example",), subject="Lunch", body="Noon?")
    message = stdlib_parse(eml(draft, unsent=True))
    assert message.get_content_type() == "text/plain"
    assert message["X-Unsent"] == "1"
    assert message.get_content() == "Noon?\r\n"  # CRLF, as mail has on the wire
    assert "X-Unsent" not in stdlib_parse(eml(draft))


def test_many_recipients_with_chinese_names_stay_apart() -> None:
    # Python's own folding put the comma between two such addresses inside an encoded word,
    # and two recipients read back as one.
    names = ["ñ", "王", "a", "财", "b", "静", "Lee, Bob", "x"]
    draft = Draft(to=tuple(str(Address(display_name=n, addr_spec=f"someone.long{i}@corp."
                                       "example")) for i, n in enumerate(names)), subject="x")
    data = eml(draft)
    for seen in (as_seen_by_stdlib(data), as_seen_by_rust(data)):
        assert seen["to"] == [(n, f"someone.long{i}@corp.example") for i, n in enumerate(names)]


def test_a_long_chinese_name_is_several_encoded_words_read_back_exactly() -> None:
    from email.header import decode_header, make_header

    name = "王芳 (财务部 第三季度预算评审 负责人, Finance Lead)"
    draft = Draft(to=(str(Address(display_name=name, addr_spec="wang.fang@corp.example")),),
                  subject="x")
    data = eml(draft)
    assert as_seen_by_rust(data)["to"] == [(name, "wang.fang@corp.example")]
    # The stdlib's address parser keeps the space between encoded words that RFC 2047 says
    # to drop; its RFC 2047 decoder reads the header exactly.
    header = data.split(b"\r\nTo: ", 1)[1].split(b"\r\nSubject:", 1)[0].decode()
    assert str(make_header(decode_header(header))) == f"{name} <wang.fang@corp.example>"


def test_a_draft_with_line_breaks_in_a_header_field_never_becomes_a_message() -> None:
    for draft in (Draft(to=("bob@corp.example",), subject="Hi\r\nBcc: all@corp.example"),
                  Draft(to=("bob@corp.example\nBcc: all@corp.example",)),
                  Draft(to=("bob@corp.example",), in_reply_to="<a@b.example>\r\nX-Evil: 1")):
        with pytest.raises(InvalidDraft, match="contains a line break; it must be one line"):
            build_message(draft)
        with pytest.raises(InvalidDraft):
            mailto_url(draft)


def test_mailto_links_for_simple_drafts_and_why_not_for_others(files: dict[str, str]) -> None:
    draft = Draft(to=("王芳 <wang.fang@corp.example>", "b@corp.example"),
                  cc=("c@corp.example",), bcc=("d@corp.example",), subject="预算 & plans",
                  body="第一行\n第二行 = ok?\n")
    url = mailto_url(draft)
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == "wang.fang@corp.example,b@corp.example"
    query = parse_qs(parts.query)
    assert query == {"cc": ["c@corp.example"], "bcc": ["d@corp.example"],
                     "subject": ["预算 & plans"], "body": ["第一行\r\n第二行 = ok?"]}
    with pytest.raises(NotSimple, match="cannot carry attachments"):
        mailto_url(Draft(to=("a@corp.example",), attachments=(files["数据.csv"],)))
    with pytest.raises(NotSimple, match="cannot carry attachments"):
        mailto_url(Draft(to=("a@corp.example",), invitation=files["invite.ics"]))
    with pytest.raises(NotSimple, match="HTML"):
        mailto_url(Draft(to=("a@corp.example",), body="x", html="<b>x</b>"))
    with pytest.raises(NotSimple, match="too long for a mailto: link"):
        mailto_url(Draft(to=("a@corp.example",), body="很长的正文。" * 200))


def test_copy_gives_plain_text_and_html_with_the_quote() -> None:
    draft = Draft(body="Hi <team>,\n\nsee below & reply.", quoted="old\n\nolder")
    assert plain_text(draft) == "Hi <team>,\n\nsee below & reply.\n\n> old\n>\n> older\n"
    html = html_text(draft)
    assert "<p>Hi &lt;team&gt;,</p>\n<p>see below &amp; reply.</p>" in html
    assert "<blockquote><p>old</p>\n<p>older</p></blockquote>" in html


# Generated drafts -------------------------------------------------------------------------

_WORD = st.text(alphabet=string.ascii_letters + "王芳张伟李娜陈静财务部éñ'.-()," + '"',
                min_size=1, max_size=8)
# Up to 45 bytes: one encoded word (longer names: see the test of a long name below).
_NAME = st.lists(_WORD, min_size=0, max_size=3).map(" ".join).filter(
    lambda name: len(name.encode()) <= 45)
_ADDRESS = st.builds(
    lambda user, host, name: str(Address(display_name=name, username=user, domain=host)),
    st.text(alphabet=string.ascii_lowercase + string.digits + "._+-", min_size=1, max_size=12)
    .filter(lambda u: not u.startswith(".") and not u.endswith(".") and ".." not in u),
    st.sampled_from(["corp.example", "vendor.example", "mail.example.cn"]), _NAME,
)
# One-line text: no control characters, no line or paragraph separators.
_LINE = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"),
                              blacklist_characters="\x85"), max_size=120)
_BODY = st.lists(_LINE, max_size=12).map("\n".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(to=st.lists(_ADDRESS, min_size=1, max_size=3), cc=st.lists(_ADDRESS, max_size=2),
       subject=_LINE, body=_BODY, html=st.one_of(st.just(""), _BODY),
       quoted=st.one_of(st.just(""), _BODY))
def test_generated_drafts_read_back_the_same_through_both_parsers(
    to: list[str], cc: list[str], subject: str, body: str, html: str, quoted: str,
) -> None:
    draft = Draft(to=tuple(to), cc=tuple(cc), subject=subject, body=body,
                  html=f"<div>{html}</div>" if html else "", quoted=quoted)
    data = eml(draft)
    wanted = expected(draft)
    assert as_seen_by_stdlib(data) == wanted
    assert as_seen_by_rust(data) == wanted
