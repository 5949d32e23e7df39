"""The person's voice: signature, disclosure line in the draft's language, system prompt."""

from __future__ import annotations

import dataclasses

from desktop_assistant.mail.profile import (
    Profile,
    draft_language,
    finish_body,
    finish_html,
    prompt_lines,
)
from desktop_assistant.settings import Settings

ME = Profile(name="张伟", title="采购经理", address="zhang.wei@corp.example")


def test_profile_comes_from_settings_with_the_calendar_address_as_fallback() -> None:
    settings = dataclasses.replace(
        Settings(), profile_name=" Zhang Wei ", profile_title="Buyer", profile_tone="concise",
        language="zh", calendar_email="zw@corp.example", mail_disclosure=False)
    profile = Profile.from_settings(settings)
    assert profile == Profile(name="Zhang Wei", title="Buyer", tone="concise", language="zh",
                              address="zw@corp.example", disclosure=False)
    assert profile.sender == "Zhang Wei <zw@corp.example>"
    own = Profile.from_settings(dataclasses.replace(settings, mail_from="me@corp.example"))
    assert own.address == "me@corp.example"
    assert Profile().sender == ""


def test_the_signature_is_added_once_and_the_disclosure_only_to_what_the_model_wrote() -> None:
    assert finish_body(ME, "您好，\n\n请查收。\n", written_by_model=False) == \
        "您好，\n\n请查收。\n\n张伟\n采购经理\n"
    written = finish_body(ME, "您好，\n\n请查收。", written_by_model=True)
    assert written == "您好，\n\n请查收。\n\n张伟\n采购经理\n\n本邮件由 AI 协助起草\n"
    assert finish_body(ME, written, written_by_model=True) == written  # nothing twice
    english = finish_body(dataclasses.replace(ME, signature="Best,\nWei"), "Hello Bob,\n\nNo.",
                          written_by_model=True)
    assert english == "Hello Bob,\n\nNo.\n\nBest,\nWei\n\nDrafted with AI assistance\n"
    assert finish_body(dataclasses.replace(ME, disclosure=False), "Hi", written_by_model=True) \
        == "Hi\n\n张伟\n采购经理\n"
    assert finish_body(ME, "Hi", written_by_model=False, signature=False) == "Hi\n"
    assert finish_body(ME, "", written_by_model=False) == "\n\n张伟\n采购经理\n"


def test_the_draft_language_follows_the_text_then_the_preference() -> None:
    assert draft_language("关于预算 Q3 budget") == "zh"
    assert draft_language("Q3 budget review, see 附件") == "en"
    assert draft_language("2026-03-10", "zh") == "zh"
    assert draft_language("", "") == "en"


def test_prompt_lines_carry_name_title_tone_and_language() -> None:
    lines = prompt_lines(dataclasses.replace(ME, tone="friendly", language="zh"))
    assert lines == [
        "The person is 张伟, 采购经理; emails you draft are sent by them, in their name.",
        "Write emails in a warm and friendly, still professional tone. Do not add a signature "
        "or a disclosure line: the app adds the person's own.",
        "The person prefers Chinese: write emails in Chinese unless they ask otherwise or the "
        "recipient wrote in another language.",
    ]
    assert prompt_lines(Profile(tone="concise")) == [
        "Write emails in a brief and to the point tone. Do not add a signature or a disclosure "
        "line: the app adds the person's own."]


def test_the_html_version_gets_the_same_closing() -> None:
    html = finish_html(ME, "<html><body><p>您好 &amp; 谢谢</p></body></html>", "您好 & 谢谢",
                       written_by_model=True)
    assert html == ("<html><body><p>您好 &amp; 谢谢</p><p>张伟<br>采购经理</p>"
                    "<p>本邮件由 AI 协助起草</p></body></html>")
    assert finish_html(ME, "<p>Hi</p>", "Hi", written_by_model=False) == \
        "<p>Hi</p>\n<p>张伟<br>采购经理</p>"
    assert finish_html(ME, "", "Hi", written_by_model=True) == ""
