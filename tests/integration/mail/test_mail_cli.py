"""``desktop-assistant draft`` and ``/draft`` as real processes, on a real data folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.unit.mail.mail_support import as_seen_by_rust, as_seen_by_stdlib


def assistant(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "desktop_assistant", *args],
        input=stdin.encode() if stdin is not None else None, capture_output=True, timeout=120,
        env=os.environ.copy(),
    )


@pytest.fixture(autouse=True)
def profile() -> None:
    for key, value in (("profile_name", "张伟"), ("mail_from", "zhang.wei@corp.example")):
        assert assistant("config", "set", key, value).returncode == 0
    added = assistant("calendar", "contacts", "add", "wang.fang@corp.example", "--name", "王芳")
    assert added.returncode == 0, added.stderr


def test_draft_writes_an_eml_with_chinese_names_body_and_attachments(tmp_path: Path) -> None:
    body = tmp_path / "body.txt"
    body.write_text("王经理您好，\n\n附件是报价单。\n", encoding="utf-8")
    quote = tmp_path / "报价单.pdf"
    quote.write_bytes(b"%PDF-1.4 quote")
    out = tmp_path / "out"
    out.mkdir()
    done = assistant("draft", "--to", "王芳,bob@vendor.example", "--cc", "li.na@corp.example",
                     "--subject", "第三季度 预算", "--body-file", str(body), "--attach",
                     str(quote), "--eml", str(out))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode() == f"{out / 'draft-1.eml'}\n"
    data = (out / "draft-1.eml").read_bytes()
    for seen in (as_seen_by_stdlib(data), as_seen_by_rust(data)):
        assert seen["from"] == [("张伟", "zhang.wei@corp.example")]
        assert seen["to"] == [("王芳", "wang.fang@corp.example"), ("", "bob@vendor.example")]
        assert seen["cc"] == [("", "li.na@corp.example")]
        assert seen["subject"] == "第三季度 预算"
        assert seen["text"] == "王经理您好，\n\n附件是报价单。\n\n张伟\n"  # no AI disclosure
        assert seen["attachments"] == [("报价单.pdf", "application/pdf", b"%PDF-1.4 quote")]


def test_draft_prints_the_message_when_no_file_is_asked_for() -> None:
    done = assistant("draft", "--to", "王芳", "--subject", "Hi", "--body-file", "-",
                     "--no-signature", stdin="Short note.\n")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b""
    seen = as_seen_by_stdlib(done.stdout)
    assert (seen["subject"], seen["text"]) == ("Hi", "Short note.\n")
    assert done.stdout.isascii()


@pytest.mark.parametrize(("args", "said"), [
    (("--to", "李娜", "--subject", "x"), "desktop-assistant: No contact called '李娜'."),
    (("--to", "bob@vendor", "--subject", "x"),
     "desktop-assistant: 'bob@vendor' has a domain (vendor) that is not a valid host name."),
    (("--to", "bob@vendor.example", "--subject", "x\nBcc: all@corp.example"),
     "desktop-assistant: The subject contains a line break; it must be one line"),
    (("--to", "bob@vendor.example", "--subject", "x", "--attach", "/nonexistent/报价单.pdf"),
     "desktop-assistant: /nonexistent/报价单.pdf does not exist (or is not a file)."),
    (("--to", "bob@vendor.example", "--subject", "x", "--body-file", "/nonexistent/body.txt"),
     "desktop-assistant: /nonexistent/body.txt: No such file or directory"),
])
def test_errors_go_to_stderr_with_exit_code_1(args: tuple[str, ...], said: str) -> None:
    done = assistant("draft", *args)
    assert done.returncode == 1
    assert done.stdout == b""
    assert done.stderr.decode().startswith(said)


def test_the_draft_slash_command_answers_without_a_model() -> None:
    done = assistant("ask", "/draft to=王芳 subject=“预算 评审”")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().startswith(
        "Draft #1 “预算 评审” to 王芳 <wang.fang@corp.example>. Edit it on its card")
