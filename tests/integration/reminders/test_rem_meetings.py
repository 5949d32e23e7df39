"""Meeting alerts and the daily briefing over the real calendar service (a local .ics calendar)
and the real document search (an indexed folder), on one real database file."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from desktop_assistant.calendar.schema import MIGRATIONS as CALENDAR_MIGRATIONS
from desktop_assistant.calendar.service import CalendarService
from desktop_assistant.db import Database
from desktop_assistant.documents.schema import MIGRATIONS as DOCUMENT_MIGRATIONS
from desktop_assistant.documents.service import DocumentService
from desktop_assistant.history import HistoryStore
from desktop_assistant.reminders.quiet import QuietHours
from desktop_assistant.reminders.schema import MIGRATIONS as REMINDER_MIGRATIONS
from desktop_assistant.reminders.service import ReminderService
from tests.support.documents_corpus import index_all, make_xlsx
from tests.unit.calendar.cal_support import ME, make_service
from tests.unit.reminders.rem_support import SHANGHAI, Clock, make_reminders

ZOOM = "https://corp.zoom.us/j/85512345678?pwd=q3"
CALENDAR = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//tests//EN
BEGIN:VEVENT
UID:budget-review
DTSTAMP:20260101T000000Z
SUMMARY:Budget review
DTSTART;TZID=Asia/Shanghai:20260304T150000
DTEND;TZID=Asia/Shanghai:20260304T160000
LOCATION:Room 301
DESCRIPTION:Q3 budget figures and forecast. Join: {ZOOM}
END:VEVENT
BEGIN:VEVENT
UID:one-to-one
DTSTAMP:20260101T000000Z
SUMMARY:1:1 with Wang Fang
DTSTART;TZID=Asia/Shanghai:20260304T100000
DTEND;TZID=Asia/Shanghai:20260304T103000
LOCATION:腾讯会议 https://meeting.tencent.com/dm/AbCd123
END:VEVENT
BEGIN:VEVENT
UID:declined
DTSTAMP:20260101T000000Z
SUMMARY:Vendor pitch
DTSTART;TZID=Asia/Shanghai:20260304T150000
DTEND;TZID=Asia/Shanghai:20260304T153000
ORGANIZER:mailto:sales@vendor.example
ATTENDEE;PARTSTAT=DECLINED:mailto:{ME}
END:VEVENT
END:VCALENDAR
""".replace("\n", "\r\n").encode()


def at(hour: int, minute: int = 0, day: int = 4) -> datetime:
    return datetime(2026, 3, day, hour, minute, tzinfo=SHANGHAI)


@dataclass
class World:
    database: Database
    calendar: CalendarService
    documents: DocumentService
    history: HistoryStore
    clock: Clock
    reminders: ReminderService


@pytest.fixture
def world(tmp_path: Path) -> Iterator[World]:
    database = Database(tmp_path / "assistant.db",
                        [*DOCUMENT_MIGRATIONS, *CALENDAR_MIGRATIONS, *REMINDER_MIGRATIONS])
    calendar = make_service(tmp_path, database=database)
    ics = tmp_path / "work.ics"
    ics.write_bytes(CALENDAR)
    assert calendar.import_ics(ics).imported
    folder = tmp_path / "shared-drive"
    folder.mkdir()
    make_xlsx(folder / "Q3-budget.xlsx", {"Q3": [["Q3 budget", "forecast"], ["Travel", 1200]]})
    (folder / "forecast-method.md").write_text("# Forecast\nHow the budget forecast is made.\n")
    (folder / "holiday-rota.txt").write_text("Who is on call over the holidays.\n")
    documents = DocumentService(lambda: database, tmp_path / "documents-index")
    documents.add_folder(folder)
    index_all(documents)
    history = HistoryStore(database)
    clock = Clock(now=at(8))
    clock.set(email=ME)
    reminders = make_reminders(database, clock, calendar=calendar, documents=documents.search,
                               history=history)
    yield World(database, calendar, documents, history, clock, reminders)
    documents.close()
    database.close_all()


def test_a_meeting_alert_comes_once_with_the_join_link_and_documents(world: World) -> None:
    reminders = world.reminders
    assert reminders.poll(at(14, 49)) == []
    assert reminders.next_due(at(14, 49)) == at(14, 50)
    notes = reminders.poll(at(14, 50))
    assert len(notes) == 1  # not the declined vendor pitch at the same time
    note = notes[0]
    assert (note.kind, note.title, note.event_uid, note.link, note.late) == (
        "meeting", "Budget review at 15:00", "budget-review", ZOOM, False)
    lines = note.body.splitlines()
    assert lines[:3] == ["Starts in 10 minutes (15:00–16:00)", "Where: Room 301",
                         f"Join (Zoom): {ZOOM}"]
    assert lines[3].startswith("Before your 15:00 Budget review: Q3-budget.xlsx")
    assert "holiday-rota.txt" not in lines[3]
    assert [a.key for a in note.actions] == ["join", "open"]
    assert reminders.poll(at(14, 51)) == []
    # Another process on the same database file has nothing left to deliver.
    second = Database(world.database.path)
    try:
        other = make_reminders(second, world.clock, calendar=world.calendar,
                               documents=world.documents.search)
        assert other.poll(at(14, 52)) == []
    finally:
        second.close_all()


def test_an_alert_missed_while_asleep_still_comes_during_the_meeting(world: World) -> None:
    world.clock.set(language="zh")
    notes = world.reminders.poll(at(10, 20))
    assert [(n.title, n.late) for n in notes] == [("10:00 1:1 with Wang Fang", True)]
    assert notes[0].body.splitlines() == [
        "已开始（10:00–10:30）", "地点：腾讯会议 https://meeting.tencent.com/dm/AbCd123",
        "加入 (腾讯会议): https://meeting.tencent.com/dm/AbCd123"]
    assert world.reminders.poll(at(10, 30)) == []  # over


def test_quiet_hours_hold_meeting_alerts(world: World) -> None:
    world.clock.set(quiet=QuietHours(time(14, 0), time(14, 55)))
    assert world.reminders.poll(at(14, 50)) == []
    assert world.reminders.next_due(at(14, 50)) == at(14, 55)
    assert [n.late for n in world.reminders.poll(at(14, 55))] == [True]


def test_the_daily_briefing_lists_meetings_reminders_and_free_time(world: World) -> None:
    world.clock.set(briefing_time=time(9), name="Li Lei")
    world.reminders.add_phrase("remind me at 5pm to submit the report", now=at(8))
    assert world.reminders.poll(at(8, 30)) == []
    assert world.reminders.next_due(at(8, 30)) == at(9)
    notes = world.reminders.poll(at(9))
    assert [(n.kind, n.title, n.late) for n in notes] == [
        ("briefing", "Your day: 2 meetings, 1 reminder", False)]
    assert notes[0].body.splitlines() == [
        "10:00–10:30 1:1 with Wang Fang @ 腾讯会议 https://meeting.tencent.com/dm/AbCd123",
        "15:00–16:00 Budget review @ Room 301", "17:00 submit the report"]
    today = notes[0].conversation_id
    assert today is not None
    assert world.history.conversation(today).title == "Today"
    [message] = world.history.messages(today)
    assert message.role == "assistant"
    assert message.content.splitlines() == [
        "Good morning, Li Lei. Today is Wednesday 4 March 2026.",
        "",
        "**Meetings (2)**",
        "- 10:00–10:30 1:1 with Wang Fang @ 腾讯会议 https://meeting.tencent.com/dm/AbCd123",
        "- 15:00–16:00 Budget review @ Room 301",
        "",
        "**Reminders (1)**",
        "- 17:00 submit the report",
        "",
        "**Free**: 09:00–10:00, 10:30–12:00, 13:00–15:00, 16:00–18:00",
    ]
    assert world.reminders.poll(at(9, 1)) == []
    # The next working day's briefing goes to the same "Today" conversation, late if opened late.
    late = world.reminders.poll(at(11, day=5))
    assert [(n.kind, n.late, n.conversation_id) for n in late] == [
        ("reminder", True, None), ("briefing", True, today)]
    assert len(world.history.messages(today)) == 2


def test_the_briefing_in_chinese_and_not_on_days_off(world: World) -> None:
    world.clock.set(briefing_time=time(9), language="zh")
    without_calendar = make_reminders(world.database, world.clock)
    assert without_calendar.next_due(at(18, day=6)) == at(9, day=9)  # Friday evening → Monday
    assert world.reminders.poll(at(9, day=7)) == []  # Saturday
    briefing = world.reminders.briefing(now=at(9))
    assert briefing.title() == "今天：2 个会议，0 个提醒"
    lines = briefing.text().splitlines()
    assert lines[0] == "早上好。今天是3月4日 星期三。"
    assert "**空闲时间**：09:00–10:00、10:30–12:00、13:00–15:00、16:00–18:00" in lines
    assert "- 没有提醒" in lines


def test_a_calendar_that_cannot_be_read_does_not_stop_reminders(tmp_path: Path) -> None:
    database = Database(tmp_path / "assistant.db", [*CALENDAR_MIGRATIONS, *REMINDER_MIGRATIONS])
    try:
        broken = make_service(tmp_path, database=database, backend_name="caldav")
        clock = Clock(now=at(8))
        reminders = make_reminders(database, clock, calendar=broken)
        reminders.add("stretch", datetime(2026, 3, 4, 9, 0))
        assert [n.title for n in reminders.poll(at(9))] == ["Reminder: stretch"]
        assert "CalDAV needs the calendar's address" in reminders.calendar_problem
        assert reminders.next_due(at(9)) == at(9, 1)  # look at the calendar again soon
    finally:
        database.close_all()


def test_a_meeting_moved_to_another_time_is_announced_again(world: World) -> None:
    assert len(world.reminders.poll(at(14, 50))) == 1
    plan = world.calendar.plan_update("budget-review", start=at(16), duration=timedelta(hours=1))
    world.calendar.apply(plan)
    assert world.reminders.poll(at(14, 55)) == []
    moved = world.reminders.poll(at(15, 50))
    assert [n.title for n in moved] == ["Budget review at 16:00"]
