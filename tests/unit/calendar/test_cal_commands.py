"""/agenda, /free and /schedule without a model, in English and Chinese."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from desktop_assistant.assistant.commands import SlashCommands
from desktop_assistant.calendar.commands import (
    parse_schedule,
    register_calendar_commands,
    split_people_and_time,
)
from desktop_assistant.calendar.contacts import Contact
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.calendar.slots import WorkingHours
from desktop_assistant.calendar.when import parse_range
from tests.unit.calendar.cal_support import NOW, SHANGHAI, make_service


@pytest.fixture
def calendar(tmp_path: Path) -> CalendarService:
    service = make_service(tmp_path)
    service.contacts.save(Contact("wang.fang@corp.example", "王芳", "Asia/Shanghai",
                                  aliases=("finance lead", "财务负责人")))
    service.contacts.save(Contact("pm@corp.example", "Li Lei", "Europe/London",
                                  WorkingHours(time(8), time(17))))
    return service


@pytest.fixture
def commands(calendar: CalendarService) -> SlashCommands:
    registry = SlashCommands()
    register_calendar_commands(registry, calendar)
    return registry


def test_people_and_time_are_told_apart_by_the_parser() -> None:
    def reads(text: str) -> object:
        return parse_range(text, NOW)

    assert split_people_and_time("finance@corp.example, pm@corp.example next week", reads) == (
        ["finance@corp.example", "pm@corp.example"], "next week")
    assert split_people_and_time("finance lead, Li Lei next week", reads) == (
        ["finance lead", "Li Lei"], "next week")
    assert split_people_and_time("王芳、李雷下周", reads) == (["王芳", "李雷"], "下周")


def test_schedule_phrases() -> None:
    english = parse_schedule("Q3 budget with finance lead, pm@corp.example next Tuesday 3pm "
                             "for 45m", NOW)
    assert (english.title, english.attendees, english.duration) == (
        "Q3 budget", ("finance lead", "pm@corp.example"), timedelta(minutes=45))
    assert english.start == datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)
    chinese = parse_schedule("预算评审 和 王芳 下周二下午三点 1小时", NOW)
    assert (chinese.title, chinese.attendees, chinese.duration) == (
        "预算评审", ("王芳",), timedelta(hours=1))
    assert chinese.start == datetime(2026, 3, 10, 15, tzinfo=SHANGHAI)
    alone = parse_schedule("Dentist tomorrow 8am", NOW)
    assert (alone.title, alone.attendees, alone.duration) == ("Dentist", (), timedelta(minutes=30))


def test_free_in_english_and_chinese(commands: SlashCommands) -> None:
    english = commands.run("/free 30m with finance@corp.example, pm@corp.example next week")
    assert english.startswith("1. Mon 09 Mar 2026 16:00–16:30 (Asia/Shanghai) — Li Lei "
                              "08:00–08:30 Europe/London · earliest time that works for everyone")
    chinese = commands.run("/free 1小时 和 财务负责人、pm@corp.example 下周")
    assert chinese.startswith("1. Mon 09 Mar 2026 16:00–17:00 (Asia/Shanghai)")


def test_free_explains_when_nothing_fits(commands: SlashCommands) -> None:
    # 9:00-10:00 in Shanghai is 1:00-2:00 in London.
    answer = commands.run("/free 30m with pm@corp.example tomorrow 9:00 - tomorrow 10:00")
    assert answer.splitlines()[:2] == [
        "No time fits everyone:",
        "- Working hours never overlap by 30 minutes in this range (you 09:00–18:00 "
        "Asia/Shanghai; Li Lei 08:00–17:00 Europe/London)."]


def test_schedule_waits_for_yes(commands: SlashCommands, calendar: CalendarService) -> None:
    proposal = commands.run("/schedule Q3 budget with finance lead next Tuesday 3pm for 30m")
    assert proposal.startswith("Create “Q3 budget” on your local calendar.\n"
                               "When: Tue 10 Mar 2026 15:00–15:30")
    assert proposal.endswith("Type `/schedule yes` to do this, or `/schedule no`.")
    day = (datetime(2026, 3, 10, tzinfo=SHANGHAI), datetime(2026, 3, 11, tzinfo=SHANGHAI))
    assert calendar.agenda(*day).events == []
    assert commands.run("/schedule yes").startswith("Created “Q3 budget” on your local calendar.")
    assert [e.title for e in calendar.agenda(*day).events] == ["Q3 budget"]
    assert commands.run("/schedule yes") == (
        "Nothing to confirm: propose an event with /schedule first.")
    commands.run("/schedule 复盘 下周三上午十点")
    assert commands.run("/schedule 取消") == "Dropped; nothing was created."


def test_agenda(commands: SlashCommands, calendar: CalendarService) -> None:
    assert commands.run("/agenda") == (
        "Nothing on your calendar for Wed 04 Mar 2026 (Asia/Shanghai).")
    commands.run("/schedule Standup 明天上午十点 15m")
    commands.run("/schedule yes")
    tomorrow = commands.run("/agenda tomorrow")
    assert tomorrow.splitlines()[0] == "**Thursday 05 March 2026**"
    assert tomorrow.splitlines()[1].startswith("- 10:00–10:15  Standup  `")
    assert "Standup" in commands.run("/agenda 本周")
    assert commands.run("/agenda sometime").startswith("I could not read a date")
