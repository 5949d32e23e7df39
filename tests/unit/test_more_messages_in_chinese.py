"""The last core sentences the Chinese interface shows: the Save to Gmail / IMAP confirmation
card, the event confirmation card, settings validation errors, the delete-all plan and report,
and a local server found by port. Each is Chinese with ``chinese_interface`` installed and the
same English as before without it (the command line). Data in a sentence (an address, a path,
a date, what the OS said) is stripped before looking for English words.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from desktop_assistant.assistant.providers import as_local_server
from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.calendar.model import Event
from desktop_assistant.calendar.planning import card, delivery
from desktop_assistant.calendar.preferences import CalendarPreferences, InvalidSetting
from desktop_assistant.data_control import DeletionReport, deletion_plan
from desktop_assistant.mail.draft import Draft
from desktop_assistant.mail.imap import ImapAccount
from desktop_assistant.mail.service import MailService, headline
from desktop_assistant.reminders.preferences import ReminderPreferences
from desktop_assistant.secrets import KNOWN_SECRETS
from desktop_assistant.settings import Paths
from tests.support.i18n import english_words
from tests.unit.mail.mail_support import make_service

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ZONE = ZoneInfo("Asia/Shanghai")
ACCOUNT = ImapAccount(host="imap.corp.example", port=993, username="zhang.wei",
                      drafts_folder="草稿")


def shown_words(text: str, *data: str) -> list[str]:
    """English words in ``text`` once the data in it is removed."""
    for value in data:
        text = text.replace(value, " ")
    return english_words(text)


@pytest.fixture
def mail(tmp_path: Path) -> MailService:
    return make_service(tmp_path, account=ACCOUNT)


def made(mail: MailService) -> int:
    return mail.create_draft(Draft(
        to=("wang.fang@corp.example",), cc=("li.na@corp.example",), subject="季度预算",
        body="请查收。", attachments=(), source="person")).id


def test_the_save_to_mailbox_cards_are_in_chinese(chinese_interface: str,
                                                  mail: MailService) -> None:
    number = made(mail)
    gmail, imap = mail.describe_gmail(number), mail.describe_imap(number)
    assert gmail == ("将草稿 #1“季度预算”，收件人 wang.fang@corp.example; 抄送 li.na@corp.example"
                     "保存到 Gmail：添加到你登录的 Gmail 账户的草稿箱。不会发送任何邮件。")
    assert CHINESE.search(imap)
    assert shown_words(imap, ACCOUNT.label) == []
    # What the model reads about the same draft stays English.
    assert headline(mail.get(number)).startswith("draft #1 “季度预算” to wang.fang@corp.example")


def test_the_save_to_mailbox_cards_stay_english_on_the_command_line(mail: MailService) -> None:
    number = made(mail)
    assert mail.describe_gmail(number) == (
        "Save draft #1 “季度预算” to wang.fang@corp.example; cc li.na@corp.example to Gmail: "
        "add it to the Drafts of the Gmail account you signed in with. Nothing is sent.")
    assert mail.describe_imap(number) == (
        f"Save draft #1 “季度预算” to wang.fang@corp.example; cc li.na@corp.example to the "
        f"folder '草稿' of {ACCOUNT.label} over IMAP (SSL). Nothing is sent.")


def event_card() -> str:
    start = datetime(2026, 3, 10, 15, 0, tzinfo=ZONE)
    people = (Contact("anna@corp.example", "Anna", zone="Europe/Berlin"),
              Contact("wang.fang@corp.example", "王芳"))
    event = Event(uid="(new)", title="预算评审", start=start, end=start.replace(hour=16),
                  zone=ZONE.key, location="3楼会议室", video_link="https://meet.example/q3",
                  recurrence=("FREQ=WEEKLY;COUNT=4",))
    sends = delivery("local", False, people)
    return card("Create", event, people, ZONE, "本地日历", sends)


def test_the_event_confirmation_card_is_in_chinese(chinese_interface: str) -> None:
    lines = event_card().splitlines()
    assert lines[0] == "在本地日历中创建“预算评审”。"
    assert lines[-1] == ("发送：保存一份给 anna@corp.example, wang.fang@corp.example 的邀请文件"
                         "（iTIP REQUEST），由你自行通过邮件发送；现在不会发送任何邮件。")
    labels = [line.split("：")[0] for line in lines[1:] if "：" in line and
              not line.startswith("  ")]
    assert labels == ["时间", "参会者", "地点", "视频会议", "重复", "发送"]
    assert "  王芳：时区未知（按你的时区计）" in lines


def test_the_event_confirmation_card_stays_english_on_the_command_line() -> None:
    lines = event_card().splitlines()
    assert lines[0] == "Create “预算评审” on 本地日历."
    assert lines[1].startswith("When: Tue 10 Mar 2026 15:00–16:00 (Asia/Shanghai")
    assert "  王芳: time zone unknown (assumed yours)" in lines
    assert lines[-1].startswith("Sends: an invitation file (iTIP REQUEST) for anna@")


def invalid(read: object, **values: object) -> InvalidSetting:
    with pytest.raises(InvalidSetting) as raised:
        read(SimpleNamespace(**values))  # type: ignore[operator]
    return raised.value


@pytest.mark.parametrize(("read", "values"), [
    (CalendarPreferences.from_settings, {"calendar_work_hours": "9 to 5"}),
    (CalendarPreferences.from_settings, {"calendar_work_days": "weekdays"}),
    (CalendarPreferences.from_settings, {"calendar_timeout": "soon"}),
    (ReminderPreferences.from_settings, {"meeting_alert_minutes": 5000}),
    (ReminderPreferences.from_settings, {"briefing_time": "noon"}),
])
def test_a_setting_that_cannot_be_read_is_told_in_chinese_and_logged_in_english(
    chinese_interface: str, read: object, values: dict[str, object]
) -> None:
    error = invalid(read, **values)
    key, value = next(iter(values.items()))
    # The settings tabs put the field's label in place of the key.
    assert CHINESE.search(error.message)
    assert shown_words(error.message, key, repr(value)) == []
    assert english_words(str(error).replace(key, " "))  # str() (logs) stays English


def test_setting_errors_are_english_without_the_translator() -> None:
    error = invalid(CalendarPreferences.from_settings, calendar_work_hours="9 to 5")
    assert error.message == str(error) == (
        "calendar_work_hours must look like 09:00-18:00, not '9 to 5'.")


def test_the_delete_all_plan_and_report_are_in_chinese(
    chinese_interface: str, tmp_path: Path
) -> None:
    paths = Paths(config_dir=tmp_path / "config", data_dir=tmp_path / "data")
    paths.data_dir.mkdir(parents=True, exist_ok=True)
    (paths.data_dir / "assistant.db").write_bytes(b"")
    (paths.data_dir / "documents-index").mkdir()
    plan = deletion_plan(paths, "desktop-assistant-test")
    assert f"{paths.data_dir / 'assistant.db'}（数据库：对话、记忆、提醒、草稿、审计日志）" in plan
    for line in plan:
        assert CHINESE.search(line), line
        assert shown_words(line, str(paths.data_dir), "'desktop-assistant-test'",
                           *KNOWN_SECRETS) == [], line
    report = DeletionReport(removed=[str(paths.database)],
                            not_removed=[("文件夹 /x", "Permission denied")],
                            notes=[])
    assert report.lines() == [f"已删除 {paths.database}", "未能删除 文件夹 /x：Permission denied"]


def test_a_server_found_by_port_is_named_in_chinese(chinese_interface: str) -> None:
    assert as_local_server(8080).name == "端口 8080 上的服务器"


def test_a_server_found_by_port_is_named_in_english_on_the_command_line() -> None:
    assert as_local_server(8080).name == "Server on port 8080"
