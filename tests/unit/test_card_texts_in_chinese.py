"""The last English inside Chinese cards: dates and repeat rules on the event confirmation card,
the calendar's name, draft problems under the draft's fields, the Save to Gmail / mailbox
success line, and the rows a contacts import skipped. Each is exact Chinese with
``chinese_interface`` installed, and the same English as before without it (the command line
and what the model reads).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from desktop_assistant.calendar.backend import CALDAV_LABEL, LOCAL_LABEL, shown_label
from desktop_assistant.calendar.contacts import Contact, ContactBook
from desktop_assistant.calendar.formatting import NUMERIC_DATE, day_text, time_range
from desktop_assistant.calendar.model import Event
from desktop_assistant.calendar.planning import card, delivery
from desktop_assistant.calendar.rules import describe_rule
from desktop_assistant.calendar.schema import MIGRATIONS
from desktop_assistant.db import Database
from desktop_assistant.mail.draft import Draft, problems
from desktop_assistant.mail.service import Said
from tests.support.i18n import english_words

ZONE = ZoneInfo("Asia/Shanghai")
START = datetime(2025, 11, 24, 10, 0, tzinfo=ZONE)
SAVED_TO_GMAIL = ("Saved draft #{draft} to your Gmail Drafts. Open Gmail to check it and send "
                  "it; nothing was sent.")


def weekly_review() -> str:
    event = Event(uid="(new)", title="周会", start=START, end=START.replace(minute=30),
                  zone=ZONE.key, recurrence=("FREQ=WEEKLY;BYDAY=MO,WE;COUNT=5",))
    people = (Contact("anna@corp.example", "Anna", zone="Europe/Berlin"),)
    return card("Create", event, people, ZONE, LOCAL_LABEL, delivery("local", False, people))


def test_the_event_card_dates_repeat_rule_and_calendar_are_in_chinese(
    chinese_interface: str,
) -> None:
    lines = weekly_review().splitlines()
    assert lines[0] == "在本地日历中创建“周会”。"
    assert lines[1] == ("时间：2025年11月24日（周一）10:00–10:30"
                        "（Asia/Shanghai, UTC+08:00，你的时间）")
    assert "  Anna：2025年11月24日（周一）03:00–03:30 (Europe/Berlin)" in lines
    assert "重复：每周一、周三，共 5 次" in lines


@pytest.mark.parametrize(("rule", "chinese"), [
    ("FREQ=WEEKLY;BYDAY=MO,WE", "每周一、周三"),
    ("FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR", "每个工作日"),
    ("FREQ=MONTHLY;BYDAY=1MO", "每月第一个周一"),
    ("FREQ=DAILY;COUNT=5", "每天，共 5 次"),
    ("FREQ=WEEKLY;UNTIL=20251231T235959Z", "每周，直到 2025年12月31日"),
    ("FREQ=WEEKLY;INTERVAL=2;BYDAY=FR", "每 2 周的周五"),
    ("FREQ=MONTHLY;BYDAY=-1FR", "每月最后一个周五"),
])
def test_repeat_rules_in_chinese(chinese_interface: str, rule: str, chinese: str) -> None:
    assert describe_rule(rule, translated=True) == chinese
    assert english_words(describe_rule(rule)), "what the model reads stays English"


def test_dates_across_days_and_all_day_events_in_chinese(chinese_interface: str) -> None:
    late = START.replace(hour=23)
    assert time_range(late, late.replace(day=25, hour=1), ZONE, translated=True) == (
        "2025年11月24日（周一）23:00 – 11月25日（周二）01:00")
    assert day_text(date(2026, 3, 3)) == "2026年3月3日（周二）"
    all_day = Event(uid="x", title="团建", start=datetime(2026, 3, 3, tzinfo=ZONE),
                    end=datetime(2026, 3, 5, tzinfo=ZONE), all_day=True, zone=ZONE.key)
    lines = card("Cancel", all_day, (), ZONE, CALDAV_LABEL.format(host="dav.corp.example"),
                 delivery("caldav", False, ())).splitlines()
    assert lines[0] == "在dav.corp.example 上的 CalDAV 日历中取消“团建”。"
    assert lines[1] == "时间：2026年3月3日（周二） – 2026年3月4日（周三），全天"


def test_dates_and_rules_stay_english_without_the_translator() -> None:
    lines = weekly_review().splitlines()
    assert lines[0] == "Create “周会” on your local calendar."
    assert lines[1] == "When: Mon 24 Nov 2025 10:00–10:30 (Asia/Shanghai, UTC+08:00, your time)"
    assert "Repeats: every week on Monday and Wednesday, 5 times" in lines
    until = "FREQ=WEEKLY;UNTIL=20251231T235959Z"
    assert describe_rule(until, translated=True) == describe_rule(until) == (
        "every week, until 2025-12-31")
    assert describe_rule("FREQ=MONTHLY;BYDAY=1MO", translated=True) == (
        "every month on the first Monday")
    late = START.replace(hour=23)
    assert time_range(late, late.replace(day=25, hour=1), ZONE, translated=True) == time_range(
        late, late.replace(day=25, hour=1), ZONE) == "Mon 24 Nov 2025 23:00 – Tue 25 Nov 01:00"
    assert day_text(date(2026, 3, 3), NUMERIC_DATE) == "2026-03-03"
    assert shown_label(LOCAL_LABEL) == "your local calendar"


def test_draft_problems_are_shown_in_chinese_and_told_to_the_model_in_english(
    chinese_interface: str,
) -> None:
    found = problems(Draft(to=("bob@",), cc=("li.na@corp",), subject="季度\n预算"))
    shown = {p.field: p.shown for p in found}
    assert shown["to"] == "收件人：'bob@' 不是电子邮件地址。"
    assert shown["cc"] == "抄送：'li.na@corp' 的域名（corp）不是有效的主机名。"
    assert shown["subject"] == "主题包含换行符，必须为单行（换行符可能向邮件添加隐藏的邮件头）。"
    told = {p.field: p.as_dict()["message"] for p in found}
    assert told["to"] == "To line: 'bob@' is not an email address."
    assert problems(Draft())[0].shown == "还没有收件人。"


def test_draft_problems_are_english_without_the_translator() -> None:
    found = problems(Draft(to=("a@corp.example", "a@corp.example"), subject="Hi"))
    assert [(p.message, p.shown) for p in found] == [
        ("a@corp.example is listed more than once.",) * 2]


def test_the_save_success_line_is_chinese_on_the_card_and_english_for_the_model(
    chinese_interface: str,
) -> None:
    said = Said(SAVED_TO_GMAIL, draft=3)
    assert said.message == ("已将草稿 #3 保存到你的 Gmail 草稿箱。请打开 Gmail 检查并发送；"
                            "尚未发送任何邮件。")
    assert said == ("Saved draft #3 to your Gmail Drafts. Open Gmail to check it and send it; "
                    "nothing was sent.")


def test_skipped_contact_rows_are_told_in_chinese(chinese_interface: str, tmp_path: Path) -> None:
    database = Database(tmp_path / "c.db", MIGRATIONS)
    rows = tmp_path / "同事.csv"
    rows.write_text("name,email,time zone\n王芳,,\n李娜,li.na@corp.example,Mars/Base\n",
                    encoding="utf-8")
    result = ContactBook(database).import_file(rows)
    assert result.shown_problems == [
        "同事.csv：第 2 行（王芳）没有电子邮件地址。",
        "同事.csv：第 3 行：未知时区 'Mars/Base'（请使用 Asia/Shanghai 这样的名称）",
    ]
    assert result.problems == [
        "同事.csv: line 2 (王芳) has no email address.",
        "同事.csv: line 3: unknown time zone 'Mars/Base' (use a name like Asia/Shanghai)",
    ]
